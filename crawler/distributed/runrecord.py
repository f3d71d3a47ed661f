"""Crawl-run records of a queue worker.

A worker crawls whatever the shared queue hands it, for many sources at once, so a run is not
"one crawl of one source". Instead each worker records, per source, one ``crawl_runs`` row for
each busy period: from the first page it fetched for the source until the worker has been idle
for ``IDLE_FLUSH_AFTER`` seconds (or ``FLUSH_EVERY`` seconds have passed, or it stops). The row's
``message`` names the worker (``worker HOST:PID``). With N workers a cycle of a source gives
up to N rows; their counters add up to what the cycle did.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.distributed.stats import SourceStatsCollector
from crawler.runrecord import summarize
from crawler.spider import SOURCE
from pipelines.storage.models import utcnow
from pipelines.storage.repository import Store

IDLE_FLUSH_AFTER = 5.0
FLUSH_EVERY = 300.0
log = logging.getLogger("newsmon.worker")


class WorkerRunRecorder:
    """Writes one crawl-run row per source and busy period of this worker."""

    def __init__(self, crawler: Crawler, stats: SourceStatsCollector, store: Store):
        self.crawler = crawler
        self.stats = stats
        self.store = store
        self.worker = f"worker {socket.gethostname()}:{os.getpid()}"
        self.started: dict[str, tuple[datetime, float]] = {}
        self.idle_since: float | None = None
        self.pages = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerRunRecorder:
        if not isinstance(crawler.stats, SourceStatsCollector):
            raise NotConfigured("needs STATS_CLASS = SourceStatsCollector")
        recorder = cls(crawler, crawler.stats, Store.for_url(crawler.settings["NEWSMON_DATABASE_URL"]))
        crawler.signals.connect(recorder.response_received, signal=signals.response_received)
        crawler.signals.connect(recorder.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        self.idle_since = None
        source_id = request.meta.get(SOURCE)
        if not source_id:
            return  # robots.txt
        self.pages += 1
        self.stats.add(source_id, "downloader/response_count")
        now = time.monotonic()
        started = self.started.setdefault(source_id, (utcnow(), now))
        if now - started[1] >= FLUSH_EVERY:
            self.flush(source_id, "finished")

    def spider_idle(self, spider: Spider) -> None:
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
        elif now - self.idle_since >= IDLE_FLUSH_AFTER:
            self.flush_all("finished")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        # SIGTERM lets in-flight pages finish and leaves queued ones to other workers: nothing
        # of this worker's share is cut short, so its last records are not "interrupted".
        self.flush_all("finished" if reason == "shutdown" else reason)
        log.info("%s stopped (%s): fetched %d pages", self.worker, reason, self.pages)

    def flush_all(self, reason: str) -> None:
        """Record every source with counters since its last record."""
        for source_id in sorted(set(self.started) | set(self.stats.per_source)):
            self.flush(source_id, reason)

    def flush(self, source_id: str, reason: str) -> None:
        """Write the crawl-run row of one source's busy period (nothing if it did nothing)."""
        started_at, _ = self.started.pop(source_id, (utcnow(), 0.0))
        counters = self.stats.take(source_id)
        if not counters:
            return
        fields: dict[str, Any] = summarize(counters, reason)
        index_tried = any(key.startswith("newsmon/index/") for key in counters)
        if fields["outcome"] == "failed" and not index_tried:
            fields["outcome"], fields["message"] = "ok", None  # this worker only fetched articles
        reason_text = fields["message"]
        fields["message"] = f"{self.worker}: {reason_text}" if reason_text else self.worker
        run_id = self.store.start_run(source_id)
        self.store.finish_run(run_id, started_at=started_at, **fields)
        log.info(
            "source=%s run=%s outcome=%s pages=%s new=%s errors=%s (%s)",
            source_id,
            run_id,
            fields["outcome"],
            fields["pages_fetched"],
            fields["articles_new"],
            fields["errors"],
            self.worker,
        )
