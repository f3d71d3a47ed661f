"""The store stage, counting its outcomes for the item's source (worker crawl-run records)."""

from __future__ import annotations

from crawler.distributed.stats import attributed
from crawler.items import PageItem
from pipelines.store import StorePipeline


class SourceCountingStorePipeline(StorePipeline):
    """StorePipeline whose counters (new, updated, duplicate, dropped) also count per source."""

    def count(self, item: PageItem, key: str) -> None:
        with attributed(self.crawler.stats, item.source_id):
            super().count(item, key)
