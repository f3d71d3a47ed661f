"""Extraction stage: trafilatura in a process pool, so the reactor keeps fetching."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from scrapy.crawler import Crawler

from crawler.items import PageItem
from pipelines.extraction_types import ExtractionOptions, Rejection
from pipelines.extraction_worker import extract_in_worker, warm_up


class ExtractPipeline:
    """Turns raw page bytes into an article (or a rejection with a reason)."""

    def __init__(self, options: ExtractionOptions, workers: int, crawler: Crawler):
        self.options = options
        self.workers = workers
        self.crawler = crawler
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        settings = crawler.settings
        options = ExtractionOptions(
            min_text_chars=settings.getint("NEWSMON_MIN_TEXT_CHARS", 250),
            min_words=settings.getint("NEWSMON_MIN_WORDS", 40),
        )
        workers = settings.getint("NEWSMON_EXTRACT_WORKERS", 0) or os.cpu_count() or 1
        return cls(options, workers, crawler)

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # spawn: forking a process that runs a reactor and threads is not safe.
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=warm_up)
        return self.pool

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem) or item.body is None:
            return item
        future = self._pool().submit(extract_in_worker, item.body, item.url, self.options, item.encoding)
        try:
            result = await asyncio.wrap_future(future)
        except Exception as exc:  # a worker crash must not end the crawl
            result = Rejection("parse_error", f"{type(exc).__name__}: {exc}")
        item.body = None
        if isinstance(result, Rejection):
            item.rejection = result.reason
        else:
            item.article = result
        return item

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
