"""Extension that records every crawl as a ``crawl_runs`` row (spidermon-style checks after it)."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.errors import ERROR_STAT_PREFIX
from pipelines.storage.repository import Store

log = logging.getLogger(__name__)
OUTCOME_BY_REASON = {
    "closespider_timeout": "timed_out",
    "shutdown": "interrupted",
    "cancelled": "interrupted",
}


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: int(value) for key, value in stats.items() if key.startswith(prefix)}


def summarize(stats: dict[str, Any], reason: str) -> dict[str, Any]:
    """Crawl-run fields from the Scrapy stats of one finished crawl."""
    errors = _prefixed(stats, ERROR_STAT_PREFIX)
    spider_exceptions = sum(_prefixed(stats, "spider_exceptions/").values())
    if spider_exceptions:
        errors["spider_exception"] = spider_exceptions
    index_ok = sum(
        value for key, value in stats.items() if key.startswith("newsmon/index/") and "/status_" in key
    )
    outcome = OUTCOME_BY_REASON.get(reason, "ok")
    if outcome == "ok" and index_ok == 0:
        outcome = "failed"
    articles = _prefixed(stats, "newsmon/articles/")
    return {
        "outcome": outcome,
        "pages_fetched": int(stats.get("downloader/response_count", 0)),
        "articles_new": articles.get("new", 0),
        "articles_updated": articles.get("updated", 0),
        "articles_duplicate": articles.get("duplicate", 0),
        "dropped": _prefixed(stats, "newsmon/dropped/"),
        "errors": errors,
        "error_count": sum(errors.values()),
        "message": None if outcome != "failed" else "no feed, sitemap or listing page could be fetched",
    }


class CrawlRunRecorder:
    """Opens a crawl-run row when the spider opens and fills it in when it closes."""

    def __init__(self, crawler: Crawler, store: Store):
        self.crawler = crawler
        self.store = store
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        recorder = cls(crawler, Store.for_url(crawler.settings["NEWSMON_DATABASE_URL"]))
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        source = getattr(spider, "source", None)
        if source is None:
            return
        self.crawler.stats.set_value("newsmon/source_id", source.id)
        self.store.upsert_source(source.id, source.name, source.url)
        self.run_id = self.store.start_run(source.id)
        spider.run_id = self.run_id  # type: ignore[attr-defined]
        self.crawler.stats.set_value("newsmon/run_id", self.run_id)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.run_id is None:
            return
        fields = summarize(self.crawler.stats.get_stats(), reason)
        self.store.finish_run(self.run_id, **fields)
        log.info(
            "crawl finished source=%s run=%s outcome=%s new=%s errors=%s",
            self.crawler.stats.get_value("newsmon/source_id"),
            self.run_id,
            fields["outcome"],
            fields["articles_new"],
            fields["errors"],
        )
