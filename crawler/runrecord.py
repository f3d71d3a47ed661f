"""Extension that records every crawl as a ``crawl_runs`` row (spidermon-style checks after it)."""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from crawler.errors import ERROR_STAT_PREFIX
from crawler.redact import hide_password
from pipelines.storage.database import DATABASE_ERRORS
from pipelines.storage.repository import Store

log = logging.getLogger(__name__)
DATABASE_UNAVAILABLE = "database_unavailable"
# A database that cannot be reached or stays locked past its busy timeout.
OUTCOME_BY_REASON = {
    "closespider_timeout": "timed_out",
    "shutdown": "interrupted",
    "cancelled": "interrupted",
    DATABASE_UNAVAILABLE: "failed",
}
DOWN_STAT = "newsmon/database_down"  # set once the database is gone (read by DatabaseGate)
FINISH_ATTEMPTS = 4  # writing the run record after an outage: waits 1, 2, 4 s between tries


def database_error_text(exc: BaseException) -> str:
    """First line of a database error, password hidden."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return hide_password(text[0] if text else type(exc).__name__)[:300]


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: int(value) for key, value in stats.items() if key.startswith(prefix)}


def summarize(stats: dict[str, Any], reason: str, message: str | None = None) -> dict[str, Any]:
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
        "message": message
        or (None if outcome != "failed" else "no feed, sitemap or listing page could be fetched"),
    }


class CrawlRunRecorder:
    """Opens a crawl-run row when the spider opens and fills it in when it closes.

    When the database goes away (unreachable, or locked past its busy timeout) the crawl stops
    at once with outcome ``failed`` and error kind ``database_unavailable``: fetching pages that
    cannot be stored would only lose them. Nothing is marked seen without its article (they
    commit together), so the next crawl fetches whatever was not stored.
    """

    def __init__(self, crawler: Crawler, store: Store):
        self.crawler = crawler
        self.store = store
        self.run_id: int | None = None
        self.database_error: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        recorder = cls(crawler, Store.for_url(crawler.settings["NEWSMON_DATABASE_URL"]))
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.on_failure, signal=signals.item_error)
        crawler.signals.connect(recorder.on_failure, signal=signals.spider_error)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        source = getattr(spider, "source", None)
        if source is None:
            return
        self.crawler.stats.set_value("newsmon/source_id", source.id)
        try:
            self.store.upsert_source(source.id, source.name, source.url)
            self.run_id = self.store.start_run(source.id)
        except DATABASE_ERRORS as exc:
            self.database_down(exc)
            return
        spider.run_id = self.run_id  # type: ignore[attr-defined]
        self.crawler.stats.set_value("newsmon/run_id", self.run_id)

    def on_failure(self, failure: Failure) -> None:
        """An item pipeline or spider callback failed: stop the crawl if the database is gone."""
        if isinstance(failure.value, DATABASE_ERRORS):
            self.database_down(failure.value)

    def database_down(self, exc: BaseException) -> None:
        """Count the failure; the first one closes the spider."""
        self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}{DATABASE_UNAVAILABLE}")
        if self.database_error is not None:
            return
        self.database_error = database_error_text(exc)
        self.crawler.stats.set_value(DOWN_STAT, True)
        log.error("database unavailable, stopping the crawl: %s", self.database_error)
        from twisted.internet import reactor

        reactor.callLater(0, self._close)  # type: ignore[attr-defined,arg-type]

    def _close(self) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=DATABASE_UNAVAILABLE))

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        if self.database_error is not None:
            reason = DATABASE_UNAVAILABLE
        message = f"database unavailable: {self.database_error}" if self.database_error else None
        fields = summarize(stats, reason, message)
        self.crawler.stats.set_value("newsmon/outcome", fields["outcome"])
        self.crawler.stats.set_value("newsmon/message", fields["message"])
        if self.run_id is not None:
            await maybe_deferred_to_future(deferToThread(self._finish, self.run_id, fields))

    def _finish(self, run_id: int, fields: dict[str, Any]) -> None:
        """Write the run record, waiting out a short database outage (runs in a thread)."""
        for attempt in range(FINISH_ATTEMPTS):
            try:
                self.store.finish_run(run_id, **fields)
                break
            except DATABASE_ERRORS as exc:
                if attempt == FINISH_ATTEMPTS - 1:
                    log.error("crawl run %s could not be recorded: %s", run_id, database_error_text(exc))
                    return
                time.sleep(2**attempt)
        log.info(
            "crawl finished source=%s run=%s outcome=%s new=%s errors=%s",
            self.crawler.stats.get_value("newsmon/source_id"),
            run_id,
            fields["outcome"],
            fields["articles_new"],
            fields["errors"],
        )


class DatabaseGate:
    """Item pipeline just before the store: once the database is gone, the pages still in
    flight are dropped unstored (and so not marked seen) instead of each waiting out the
    database's timeout; the next crawl fetches them again."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatabaseGate:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if self.crawler.stats.get_value(DOWN_STAT):
            self.crawler.stats.inc_value(f"newsmon/dropped/{DATABASE_UNAVAILABLE}")
            raise DropItem(f"not stored ({DATABASE_UNAVAILABLE})")
        return item
