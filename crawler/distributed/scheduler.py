"""scrapy-redis scheduler and dupefilter, made to ride out a Redis outage and to forget old
fingerprints (so an article whose fetch failed is tried again in a later cycle)."""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from redis import RedisError
from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.outage import Outage

DEFAULT_SEEN_TTL = 3600.0  # seconds a request fingerprint keeps an equal request out
PRUNE_EVERY = 60.0


class ExpiringDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """Shared fingerprints in a sorted set scored by first-seen time; entries older than
    ``NEWSMON_QUEUE_SEEN_TTL`` are pruned. Adding is atomic (``ZADD NX``): of two workers that
    discover the same article at once, exactly one schedules it."""

    def __init__(self, server: Any, key: str, debug: bool = False, ttl: float = DEFAULT_SEEN_TTL):
        super().__init__(server, key, debug)
        self.ttl = ttl
        self._pruned = 0.0

    @classmethod
    def from_spider(cls, spider: Any) -> ExpiringDupeFilter:
        base = super().from_spider(spider)
        ttl = spider.settings.getfloat("NEWSMON_QUEUE_SEEN_TTL", DEFAULT_SEEN_TTL)
        return cls(base.server, base.key, base.debug, ttl)

    def request_seen(self, request: Request) -> bool:
        now = time.time()
        if now - self._pruned > PRUNE_EVERY:
            self.server.zremrangebyscore(self.key, "-inf", now - self.ttl)
            self._pruned = now
        added = self.server.zadd(self.key, {self.request_fingerprint(request): now}, nx=True)
        return int(added) == 0

    def close(self, reason: str = "") -> None:
        """Keep the shared fingerprints: other workers go on using them."""


class ResilientScheduler(Scheduler):  # type: ignore[misc]
    """Redis-backed scheduler that never raises on a Redis outage: requests scheduled while
    Redis is down wait in memory and are pushed once it answers; popping returns nothing."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.pending: deque[Request] = deque()
        self.outage = Outage("the scheduler")

    def _flush_pending(self) -> None:
        while self.pending:
            request = self.pending[0]
            super().enqueue_request(request)
            self.pending.popleft()

    def enqueue_request(self, request: Request) -> bool:
        try:
            self._flush_pending()
            accepted = bool(super().enqueue_request(request))
        except RedisError as exc:
            self.outage.failed(exc)
            self.pending.append(request)
            return True
        self.outage.recovered()
        return accepted

    def next_request(self) -> Request | None:
        try:
            self._flush_pending()
            request: Request | None = super().next_request()
        except RedisError as exc:
            self.outage.failed(exc)
            return None
        self.outage.recovered()
        return request

    def has_pending_requests(self) -> bool:
        try:
            return bool(self.pending) or len(self) > 0
        except RedisError as exc:
            self.outage.failed(exc)
            return bool(self.pending)

    def close(self, reason: str) -> None:
        if self.pending:
            self.spider.logger.warning(
                "%d requests scheduled while redis was down are dropped; the next cycle finds them again",
                len(self.pending),
            )
        super().close(reason)
