"""Storage stage: one short transaction per article; rejected pages are settled too."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import PageItem
from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from pipelines.storage.repository import ArticleRecord, Store

# Rejections that may be transient (a half-written page): such URLs are tried again next crawl.
RETRY_REJECTIONS = frozenset({"empty", "parse_error"})


def tags_of(tags: dict[str, Any]) -> tuple[tuple[str, str, list[Any]], ...]:
    """(family, code, evidence) rows from a tag result's ``to_dict()``."""
    evidence = tags.get("evidence", [])
    rows = []
    for family, key in (("province", "provinces"), ("group", "groups")):
        for code in tags.get(key, []):
            rows.append(
                (family, code, [e for e in evidence if e.get("family") == family and e.get("code") == code])
            )
    return tuple(rows)


class StorePipeline:
    """Writes articles, their tags, stories and seen URLs; counts outcomes in the crawl stats.

    Articles that carry a signature (the dedup stage ran) are placed in stories in the same
    transaction; ``story_id`` and ``duplicate_of`` are copied back onto the item.
    """

    def __init__(self, store: Store, crawler: Crawler, dedup: StoryIndex | None = None):
        self.store = store
        self.crawler = crawler
        self.dedup = dedup

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        dedup = StoryIndex(DedupOptions.from_scrapy(crawler.settings))
        return cls(Store.for_url(crawler.settings["NEWSMON_DATABASE_URL"]), crawler, dedup)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        stats = self.crawler.stats
        if item.article is None or item.content_hash is None or item.canonical_url is None:
            reason = item.rejection or "no_article"
            stats.inc_value(f"newsmon/dropped/{reason}")
            if reason not in RETRY_REJECTIONS:
                self.store.mark_seen(item.url_keys, item.source_id, f"rejected:{reason}")
            raise DropItem(f"not stored ({reason}): {item.url}")
        article = item.article
        result = self.store.save_article(
            ArticleRecord(
                source_id=item.source_id,
                url=item.url,
                canonical_url=item.canonical_url,
                url_keys=item.url_keys,
                title=article.title,
                text=article.text,
                description=article.description,
                author=article.author,
                language=article.language,
                published_at=article.published_at,
                fetched_at=item.fetched_at,
                content_hash=item.content_hash,
                word_count=article.word_count,
                tags=tags_of(item.tags),
                primary_province=item.tags.get("primary_province"),
                signature=item.signature,
                story_id=item.story_id,
                duplicate_of=item.duplicate_of,
            ),
            self.dedup,
        )
        item.story_id, item.duplicate_of = result.story_id, result.duplicate_of
        stats.inc_value(f"newsmon/articles/{result.outcome}")
        return item
