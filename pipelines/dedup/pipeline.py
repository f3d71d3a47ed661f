"""Dedup stage (order 300): the MinHash signature of each article's text.

The database part (exact duplicate, story lookup, joining or starting a story) runs inside the
store transaction (``Store.save_article`` with a :class:`StoryIndex`), so the constraint on
``lsh_buckets`` settles concurrent writers; the store stage copies ``story_id`` and
``duplicate_of`` back onto the item.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from crawler.items import PageItem
from pipelines.dedup.fingerprint import signature, to_bytes
from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from pipelines.storage.models import utcnow
from pipelines.storage.repository import Store

log = logging.getLogger(__name__)


def fingerprint(text: str, options: DedupOptions) -> bytes:
    """The stored signature of an article's text."""
    return to_bytes(signature(text, options.num_perm, options.shingle_words))


class DedupPipeline:
    """Sets ``item.signature``; drops buckets of stories past the window when a crawl opens."""

    def __init__(self, options: DedupOptions, crawler: Crawler, store: Store | None = None):
        self.options = options
        self.crawler = crawler
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        url = crawler.settings.get("NEWSMON_DATABASE_URL")
        return cls(DedupOptions.from_scrapy(crawler.settings), crawler, Store.for_url(url) if url else None)

    def open_spider(self) -> None:
        if self.store is None:
            return
        with self.store.sessions.begin() as session:
            pruned = StoryIndex(self.options).prune(session, utcnow())
        if pruned:
            log.info(
                "dedup: dropped %d LSH buckets of stories older than %s days",
                pruned,
                self.options.story_window_days,
            )

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem) and item.article is not None:
            item.signature = fingerprint(item.article.text, self.options)
        return item
