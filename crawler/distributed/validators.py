"""Index-page validators in scale-out mode (see crawler.validators for the single-crawl rule).

A worker has no clean "end of crawl", and an article listed by a feed that worker A fetched may
be fetched by worker B. So: a worker writes the validators of the index pages it fetched when
it has been idle a few seconds (nothing in flight, shared queue empty), and an article that
fails for a passing reason marks its index page unsettled in Redis for every worker
(``newsmon:unsettled:<url>``, expiring with the dupefilter's fingerprints), so whichever worker
fetched that page keeps its old validators and the page is read in full next cycle.
"""

from __future__ import annotations

import contextlib
from typing import Any

from redis import RedisError

from crawler.validators import PendingValidators
from pipelines.storage.repository import Store

UNSETTLED_PREFIX = "newsmon:unsettled:"


class SharedValidators(PendingValidators):
    """PendingValidators whose "unsettled" marks live in Redis, shared by all workers."""

    def __init__(self, server: Any, ttl: float):
        super().__init__()
        self.server = server
        self.ttl = max(1, int(ttl))

    def unsettle(self, index_url: str | None) -> None:
        super().unsettle(index_url)
        if index_url:
            # if Redis is down the local mark still holds this worker's answer back
            with contextlib.suppress(RedisError):
                self.server.set(UNSETTLED_PREFIX + index_url, 1, ex=self.ttl)

    def flush(self, store: Store, finished: bool) -> int:
        if not finished or not self.answers:
            return 0
        urls = list(self.answers)
        try:
            with self.server.pipeline(transaction=False) as pipe:
                for url in urls:
                    pipe.exists(UNSETTLED_PREFIX + url)
                marked = pipe.execute()
        except RedisError:
            return 0  # unsure: keep the answers for the next flush
        self.unsettled.update(url for url, flag in zip(urls, marked, strict=True) if flag)
        written = super().flush(store, finished=True)
        self.unsettled.clear()  # the shared marks outlive this flush; the local ones must not pile up
        return written
