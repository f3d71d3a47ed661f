"""The enqueue side: index-page messages for one source, pushed by the service's crawl job."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, cast

from crawler.config.sources import SourceConfig
from crawler.distributed import MESSAGES_KEY
from crawler.redact import hide_password

if TYPE_CHECKING:
    from redis import Redis

log = logging.getLogger("newsmon.queue")
KINDS = ("feed", "sitemap", "listing")


@dataclass(frozen=True)
class IndexMessage:
    """One index page of one source to crawl: ``{"source_id", "kind", "url"}`` as JSON."""

    source_id: str
    kind: str
    url: str

    def to_json(self) -> str:
        """Compact JSON with sorted keys: equal messages are equal strings (the set merges them)."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str | bytes) -> IndexMessage:
        """Parse a message; raises ValueError on anything malformed."""
        try:
            value = json.loads(data)
            message = cls(str(value["source_id"]), str(value["kind"]), str(value["url"]))
        except (TypeError, KeyError, json.JSONDecodeError) as exc:
            raise ValueError(f"malformed queue message: {exc}") from None
        if message.kind not in KINDS:
            raise ValueError(f"unknown index kind {message.kind!r}")
        return message


def index_messages(source: SourceConfig) -> list[IndexMessage]:
    """Every feed, sitemap and listing page of ``source``."""
    return [
        *(IndexMessage(source.id, "feed", url) for url in source.feeds),
        *(IndexMessage(source.id, "sitemap", url) for url in source.sitemaps),
        *(IndexMessage(source.id, "listing", url) for url in source.listings),
    ]


def redis_params() -> dict[str, Any]:
    """Client options: short timeouts and a couple of quick retries, so a Redis outage is
    noticed in seconds (callers wait and try again) instead of blocking the crawl."""
    from redis.backoff import ExponentialBackoff
    from redis.retry import Retry

    return {
        "socket_connect_timeout": 3,
        "socket_timeout": 15,
        "retry_on_timeout": False,  # scrapy-redis's default; the Retry below covers timeouts
        "retry": Retry(ExponentialBackoff(cap=1.0, base=0.1), 2),
        "health_check_interval": 15,
    }


def redis_client(url: str) -> Redis:
    """A client for ``crawl.queue`` (``redis://host:port/db``)."""
    from redis import Redis

    return Redis.from_url(url, **redis_params())


def enqueue(client: Redis, messages: list[IndexMessage]) -> int:
    """Add messages; returns how many were new (an identical pending message is not doubled)."""
    if not messages:
        return 0
    return cast(int, client.sadd(MESSAGES_KEY, *(m.to_json() for m in messages)))


def enqueue_source(queue_url: str, config_dir: str, source_id: str) -> int:
    """Push the index pages of one source (read from ``config_dir``); returns how many messages
    were new. Raises ``redis.RedisError`` when Redis is unreachable, KeyError for an unknown source."""
    return enqueue(redis_client(queue_url), index_messages(_load_source(config_dir, source_id)))


def wait_for_redis(url: str, stop: threading.Event, every: float = 2.0) -> bool:
    """Block until Redis answers PING (True) or ``stop`` is set (False); logs the wait once."""
    from redis import RedisError

    client = redis_client(url)
    warned = False
    while not stop.is_set():
        try:
            client.ping()
        except RedisError as exc:
            if not warned:
                log.warning("redis at %s unavailable (%s); waiting", hide_password(url), exc)
                warned = True
            stop.wait(every)
            continue
        if warned:
            log.info("redis at %s reachable", hide_password(url))
        return True
    return False


def enqueue_job(queue_url: str, config_dir: str, database_url: str, source_id: str) -> None:
    """The service's crawl job in queue mode: enqueue the source's index pages. When Redis is
    unreachable the attempt is recorded as a failed crawl run (visible in ``newsmon status``)
    and the next scheduled run tries again."""
    from redis import RedisError

    from pipelines.storage.repository import Store

    try:
        source = _load_source(config_dir, source_id)
        messages = index_messages(source)
        added = enqueue(redis_client(queue_url), messages)
    except RedisError as exc:
        log.error("source=%s not enqueued: redis unavailable (%s)", source_id, exc)
        store = Store.for_url(database_url)
        run_id = store.start_run(source_id)
        store.finish_run(
            run_id,
            outcome="failed",
            errors={"queue_unavailable": 1},
            error_count=1,
            message=f"queue unavailable: {hide_password(str(exc))}",
        )
        return
    log.info("source=%s enqueued %d index pages (%d new)", source_id, len(messages), added)


def _load_source(config_dir: str, source_id: str) -> SourceConfig:
    from scheduler.app import load_app_config

    return load_app_config(config_dir).sources.get(source_id)
