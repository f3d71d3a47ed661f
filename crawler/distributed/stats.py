"""Scrapy stats that also count per source, for the worker's crawl-run records.

One worker crawls many sources at once, so the crawler-wide stats cannot say which source a
counter belongs to. Code that knows the source wraps its work in ``stats.attributed(id)``;
every counter incremented meanwhile (synchronously) is also added to that source's tally.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector


class SourceStatsCollector(MemoryStatsCollector):
    """MemoryStatsCollector plus a per-source tally of incremented counters."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.current: str | None = None
        self.per_source: dict[str, Counter[str]] = {}

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        super().inc_value(key, count, start)
        if self.current is not None:
            self.per_source.setdefault(self.current, Counter())[key] += count

    def add(self, source_id: str, key: str, count: int = 1) -> None:
        """Count for one source only (the crawler-wide counter is kept by Scrapy itself)."""
        self.per_source.setdefault(source_id, Counter())[key] += count

    @contextmanager
    def attributed(self, source_id: str | None) -> Iterator[None]:
        """Counters incremented inside the block also count for ``source_id``."""
        previous, self.current = self.current, source_id
        try:
            yield
        finally:
            self.current = previous

    def take(self, source_id: str) -> dict[str, int]:
        """The tally of one source since the last take, and reset it."""
        return dict(self.per_source.pop(source_id, Counter()))


@contextmanager
def attributed(stats: Any, source_id: str | None) -> Iterator[None]:
    """``stats.attributed(source_id)`` when the stats support it, else nothing."""
    if isinstance(stats, SourceStatsCollector):
        with stats.attributed(source_id):
            yield
    else:
        yield
