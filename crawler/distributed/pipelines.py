"""The store stage, counting its outcomes for the item's source (worker crawl-run records)."""

from __future__ import annotations

from typing import Any

from crawler.distributed.stats import attributed
from crawler.items import PageItem
from pipelines.store import StorePipeline


class SourceCountingStorePipeline(StorePipeline):
    """StorePipeline whose counters (new, updated, duplicate, dropped) also count per source."""

    def process_item(self, item: Any) -> Any:
        source_id = item.source_id if isinstance(item, PageItem) else None
        with attributed(self.crawler.stats, source_id):
            return super().process_item(item)
