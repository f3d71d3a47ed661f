"""Scale-out mode (``crawl.queue: redis://...``): the service enqueues index pages into Redis,
``newsmon worker`` processes on any machine crawl them through a shared scrapy-redis queue.

Redis keys (one deployment per Redis database):

- ``newsmon:index``       set of JSON messages ``{"source_id", "kind", "url"}`` the service adds
- ``newsmon:requests``    scrapy-redis priority queue of serialized requests every worker pops
- ``newsmon:dupefilter``  sorted set of request fingerprints (score: when first seen)
"""

MESSAGES_KEY = "newsmon:index"
REQUESTS_KEY = "newsmon:requests"
DUPEFILTER_KEY = "newsmon:dupefilter"
