"""Running crawls: one Scrapy process for one or more sources, then a summary per source."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.config.settings import ServiceSettings
from crawler.config.sources import SourceConfig
from crawler.errors import ERROR_STAT_PREFIX
from crawler.settings import scrapy_settings
from pipelines.storage.database import DATABASE_ERRORS
from pipelines.storage.repository import Store

log = logging.getLogger(__name__)
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


@dataclass
class CrawlSummary:
    """What one crawl of one source did."""

    source_id: str
    run_id: int | None
    outcome: str
    pages_fetched: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """False when the source could not be crawled at all."""
        return self.outcome not in ("failed", "not_run")

    def line(self) -> str:
        """One summary line for the terminal."""
        dropped = sum(self.dropped.values())
        errors = ", ".join(f"{k}={v}" for k, v in sorted(self.errors.items())) or "none"
        return (
            f"{self.source_id}: {self.outcome}; fetched {self.pages_fetched} pages, "
            f"{self.articles_new} new, {self.articles_updated} updated, {dropped} dropped; errors: {errors}"
        )


def run_crawls(
    sources: list[SourceConfig],
    settings: ServiceSettings,
    *,
    taxonomy_dir: Path | None,
) -> list[CrawlSummary]:
    """Crawl ``sources`` once (at most ``crawl.max_concurrent_crawls`` at a time) and return
    one summary per source. Starts and stops the Twisted reactor: call once per process."""
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.reactor import install_reactor

    from crawler.spider import OutletSpider

    database_url = settings.database_url
    if taxonomy_dir is not None and taxonomy_dir.is_dir():
        from pipelines.tag import taxonomy_for

        taxonomy_for(taxonomy_dir)  # a ConfigError (file:line) here, not a crawl that never starts
    Store.for_url(database_url)  # migrate before any spider opens
    base = scrapy_settings(settings, database_url, str(taxonomy_dir) if taxonomy_dir else None)
    base["LOG_LEVEL"] = "DEBUG" if settings.log.level == "DEBUG" else "WARNING"
    install_reactor(ASYNCIO_REACTOR)  # before anything imports twisted.internet.reactor
    from twisted.internet import defer, reactor
    from twisted.internet.error import ReactorNotRunning

    process = CrawlerProcess(base, install_root_handler=False)
    logging.getLogger("scrapy").setLevel(base["LOG_LEVEL"])  # Scrapy's dictConfig reset it to DEBUG

    semaphore = defer.DeferredSemaphore(settings.crawl.max_concurrent_crawls)
    crawlers: dict[str, Crawler] = {}
    runs = []
    for source in sources:
        per_source = dict(base)
        if source.timeout_seconds:
            per_source["CLOSESPIDER_TIMEOUT"] = source.timeout_seconds
        crawler = Crawler(OutletSpider, per_source)
        crawlers[source.id] = crawler
        runs.append(semaphore.run(process.crawl, crawler, source=source))
    done = defer.DeferredList(runs, consumeErrors=True)

    def stop_reactor(_: object) -> None:
        # On SIGTERM Scrapy stops the reactor too; `running` stays true until the loop ends
        with contextlib.suppress(ReactorNotRunning):
            reactor.stop()  # type: ignore[attr-defined,misc]

    done.addBoth(stop_reactor)
    process.start(stop_after_crawl=False)
    return [
        _summary(
            source.id,
            crawlers[source.id].stats.get_stats() if crawlers[source.id].stats else {},
            Store.for_url(database_url),
        )
        for source in sources
    ]


def _summary(source_id: str, stats: dict[str, Any], store: Store) -> CrawlSummary:
    run_id = stats.get("newsmon/run_id")
    try:
        run = store.get_run(int(run_id)) if run_id is not None else None
    except DATABASE_ERRORS:
        run = None  # the database went away: the crawl's own stats still say what happened
    if run is None or run.outcome == "running":
        outcome = stats.get("newsmon/outcome") or "not_run"
        errors = {
            k.removeprefix(ERROR_STAT_PREFIX): int(v)
            for k, v in stats.items()
            if k.startswith(ERROR_STAT_PREFIX)
        }
        return CrawlSummary(source_id, int(run_id) if run_id is not None else None, outcome, errors=errors)
    return CrawlSummary(
        source_id=source_id,
        run_id=run.id,
        outcome=run.outcome,
        pages_fetched=run.pages_fetched,
        articles_new=run.articles_new,
        articles_updated=run.articles_updated,
        dropped=dict(run.dropped),
        errors=dict(run.errors),
    )
