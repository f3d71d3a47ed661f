"""The queue worker's spider: every source of the config, requests from the shared Redis queue.

It reuses OutletSpider's parsing; the source of each request travels in ``meta[SOURCE]``.
Index messages (``newsmon:index``) are turned into conditional index requests; those and the
article requests they lead to go through the shared scrapy-redis queue, so any worker may
fetch any of them, and the shared dupefilter lets each article be scheduled only once.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from redis import Redis, RedisError
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy_redis import connection
from twisted.internet import task
from twisted.python.failure import Failure

from crawler.config.settings import ConfigPaths
from crawler.config.sources import SourceConfig, host_allowed, host_of
from crawler.config.yamlfile import ConfigError
from crawler.distributed import MESSAGES_KEY
from crawler.distributed.outage import Outage
from crawler.distributed.queue import IndexMessage
from crawler.distributed.scheduler import DEFAULT_SEEN_TTL
from crawler.distributed.stats import attributed
from crawler.distributed.validators import SharedValidators
from crawler.items import PageItem
from crawler.middlewares import SAFE_SCHEMES
from crawler.runrecord import database_error_text
from crawler.spider import SOURCE, OutletSpider
from crawler.validators import PendingValidators
from pipelines.storage.database import DATABASE_ERRORS

WORKER_NAME = "newsmon-worker"
POLL_INTERVAL = 1.0  # seconds between looks at the message set (and nudges to the engine)
MESSAGE_BATCH = 64
IDLE_SETTLE = 5.0  # seconds idle before the validators of fetched index pages are stored
log = logging.getLogger("newsmon.worker")


class WorkerSpider(OutletSpider):
    """All configured sources; runs until stopped, taking work from Redis."""

    name = WORKER_NAME
    server: Redis

    def __init__(self, config_dir: str, **kwargs: Any):
        Spider.__init__(self, name=WORKER_NAME, **kwargs)  # not OutletSpider's: no single source
        self.config_dir = config_dir
        self.sources: dict[str, SourceConfig] = {}
        self.allowed_domains: list[str] = []
        self.article_regex = None
        self.articles_requested = 0
        self.validators: PendingValidators = PendingValidators()  # shared ones once Redis is known
        self.outage = Outage("the worker")
        self._config_stamp: tuple[int, int] | None = None
        self._poll = task.LoopingCall(self._poll_once)
        self._idle_since: float | None = None
        self._idle_seen = 0.0
        self.load_sources()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> WorkerSpider:
        spider = cast(WorkerSpider, super().from_crawler(crawler, *args, **kwargs))
        spider.server = connection.from_settings(crawler.settings)
        ttl = crawler.settings.getfloat("NEWSMON_QUEUE_SEEN_TTL", DEFAULT_SEEN_TTL)
        spider.validators = SharedValidators(spider.server, ttl)
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        spider._upsert_sources()
        return spider

    # -- sources -------------------------------------------------------------------------

    def _sources_file_stamp(self) -> tuple[int, int] | None:
        try:
            stat = ConfigPaths(Path(self.config_dir)).sources.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def load_sources(self) -> None:
        """(Re)read the sources; removed ones stay known so their queued requests still parse."""
        from scheduler.app import load_app_config

        stamp = self._sources_file_stamp()
        self._config_stamp = stamp
        try:
            config = load_app_config(self.config_dir)
        except ConfigError as exc:
            if not self.sources:
                raise
            log.error("sources not reloaded (keeping the last good ones): %s", exc)
            return
        self.sources.update({source.id: source for source in config.sources.sources})
        self.allowed_domains = sorted({h for s in self.sources.values() for h in s.allowed_hosts})
        if hasattr(self, "store"):
            self._upsert_sources()

    def _upsert_sources(self) -> None:
        for source in self.sources.values():
            self.store.upsert_source(source.id, source.name, source.url)

    def source_of(self, meta: Mapping[str, Any]) -> SourceConfig:
        source_id = meta.get(SOURCE)
        if source_id not in self.sources:
            self.load_sources()  # a source added since the worker started
        return self.sources[str(source_id)]

    # -- the queue -----------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Nothing up front: work comes from Redis."""
        nothing: tuple[Request, ...] = ()
        for request in nothing:
            yield request

    def request_for(self, data: str | bytes) -> Request | None:
        """The index request for one queue message (None, logged, if it is unusable)."""
        try:
            message = IndexMessage.from_json(data)
            source = self.source_of({SOURCE: message.source_id})
        except (ValueError, KeyError) as exc:
            self.crawler.stats.inc_value("newsmon/queue/bad_message")
            log.warning("queue message ignored (%s): %.200r", exc, data)
            return None
        scheme = message.url.split(":", 1)[0].lower()
        if scheme not in SAFE_SCHEMES or not host_allowed(host_of(message.url), source.allowed_hosts):
            self.crawler.stats.inc_value("newsmon/queue/bad_message")
            log.warning("queue message ignored: %s is not on the hosts of %s", message.url, source.id)
            return None
        callbacks: dict[str, Callable[[Response], Iterator[Any]]] = {
            "feed": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "listing": self.parse_listing,
        }
        page = 1 if message.kind == "listing" else 0
        return self._index_request(message.url, message.kind, callbacks[message.kind], page, source)

    def _index_request(
        self, url: str, kind: str, callback: Any, page: int = 0, source: SourceConfig | None = None
    ) -> Request:
        """Index pages are fetched every cycle: the shared dupefilter must not hold them back.
        Off-host ones (a listing's next link elsewhere) are left to the offsite filter."""
        request = super()._index_request(url, kind, callback, page, source)
        if source is not None and host_allowed(host_of(url), source.allowed_hosts):
            return request.replace(dont_filter=True)
        return request

    def _poll_once(self) -> None:
        """Turn waiting messages into requests; nudge the engine to look at the shared queue."""
        try:
            if self._sources_file_stamp() != self._config_stamp:
                self.load_sources()
            try:
                raw = self.server.spop(MESSAGES_KEY, MESSAGE_BATCH)
            except RedisError as exc:
                self.outage.failed(exc)
                return
            self.outage.recovered()
            for data in raw or []:
                request = self.request_for(data)
                if request is not None:
                    self.crawler.engine.crawl(request)
            slot = getattr(self.crawler.engine, "_slot", None)  # without it: Scrapy's 5 s heartbeat
            if slot is not None:
                slot.nextcall.schedule()
        except Exception:
            log.exception("queue poll failed; trying again")

    def _opened(self, spider: Spider) -> None:
        self._poll.start(POLL_INTERVAL, now=True)
        log.info("worker %s:%s ready: %d sources", socket.gethostname(), os.getpid(), len(self.sources))

    def _closed(self, spider: Spider) -> None:
        if self._poll.running:
            self._poll.stop()

    def _idle(self, spider: Spider) -> None:
        """Called about every POLL_INTERVAL while idle: after IDLE_SETTLE seconds of it, the
        index pages fetched so far get their validators (crawler.distributed.validators)."""
        now = time.monotonic()
        if self._idle_since is None or now - self._idle_seen > 2 * POLL_INTERVAL + 1:
            self._idle_since = now  # a new idle period
        self._idle_seen = now
        if now - self._idle_since >= IDLE_SETTLE and self.validators.answers:
            try:
                self.validators.flush(self.store, finished=True)
            except DATABASE_ERRORS as exc:
                log.error("index validators not stored: %s", database_error_text(exc))
        raise DontCloseSpider  # a worker runs until it is stopped

    # -- callbacks: counted for their source -----------------------------------------------

    def _for_source(self, meta: Mapping[str, Any], produce: Callable[[], Iterator[Any]]) -> Iterator[Any]:
        with attributed(self.crawler.stats, meta.get(SOURCE)):
            return iter(list(produce()))

    def parse_feed(self, response: Response) -> Iterator[Request]:
        return self._for_source(response.meta, lambda: super(WorkerSpider, self).parse_feed(response))

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        return self._for_source(response.meta, lambda: super(WorkerSpider, self).parse_sitemap(response))

    def parse_listing(self, response: Response) -> Iterator[Request]:
        return self._for_source(response.meta, lambda: super(WorkerSpider, self).parse_listing(response))

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        return self._for_source(response.meta, lambda: super(WorkerSpider, self).parse_article(response))

    def on_error(self, failure: Failure) -> None:
        request = getattr(failure, "request", None)
        with attributed(self.crawler.stats, request.meta.get(SOURCE) if request is not None else None):
            super().on_error(failure)
