"""Scrapy settings of a queue worker: the crawl settings plus the shared Redis queue."""

from __future__ import annotations

from typing import Any

from crawler.config.settings import ServiceSettings
from crawler.distributed import DUPEFILTER_KEY, REQUESTS_KEY
from crawler.distributed.queue import redis_params
from crawler.redact import SecretUrl
from crawler.settings import scrapy_settings

STORE_PIPELINE = "pipelines.store.StorePipeline"
ADDRESS_GUARD = "crawler.middlewares.AddressGuard"


def _swap(components: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``components`` with ``new`` at ``old``'s order (``old`` switched off)."""
    swapped = dict(components)
    order = swapped.get(old)
    if order is not None:
        swapped[old] = None
        swapped[new] = order
    return swapped


def worker_settings(
    settings: ServiceSettings, database_url: str, taxonomy_dir: str | None, queue_url: str
) -> dict[str, Any]:
    """``scrapy_settings`` with scrapy-redis's scheduler, the shared dupefilter and per-source
    crawl-run records; no crawl time limit (a worker runs until stopped)."""
    base = scrapy_settings(settings, database_url, taxonomy_dir)
    extensions = dict(base.get("EXTENSIONS", {}))
    extensions["crawler.runrecord.CrawlRunRecorder"] = None
    extensions["crawler.distributed.runrecord.WorkerRunRecorder"] = 500
    base.update(
        {
            "SCHEDULER": "crawler.distributed.scheduler.ResilientScheduler",
            "DUPEFILTER_CLASS": "crawler.distributed.scheduler.ExpiringDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
            "SCHEDULER_QUEUE_KEY": REQUESTS_KEY,
            "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER_KEY,
            "SCHEDULER_PERSIST": True,  # the queue and fingerprints are shared: never flushed
            "REDIS_URL": SecretUrl(queue_url),
            "REDIS_PARAMS": redis_params(),
            "STATS_CLASS": "crawler.distributed.stats.SourceStatsCollector",
            "EXTENSIONS": extensions,
            "ITEM_PIPELINES": _swap(
                base["ITEM_PIPELINES"],
                STORE_PIPELINE,
                "crawler.distributed.pipelines.SourceCountingStorePipeline",
            ),
            "DOWNLOADER_MIDDLEWARES": _swap(
                base.get("DOWNLOADER_MIDDLEWARES", {}),
                ADDRESS_GUARD,
                "crawler.distributed.guard.WorkerAddressGuard",
            ),
            "CLOSESPIDER_TIMEOUT": 0,
            "NEWSMON_MAX_ARTICLES_PER_RUN": 0,  # no "run" to limit: the queue decides
            # index requests skip the dupefilter; depth bounds a sitemap index that lists itself
            "DEPTH_LIMIT": settings.crawl.listing_max_pages + 5,
        }
    )
    return base
