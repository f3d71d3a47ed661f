"""Storage stage: articles and settled URLs written in short batched transactions."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawler.items import PageItem
from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from pipelines.storage.database import DATABASE_ERRORS
from pipelines.storage.repository import ArticleRecord, SettledUrls, Store

# Rejections that may be transient (a half-written page): such URLs are tried again next crawl.
RETRY_REJECTIONS = frozenset({"empty", "parse_error"})
log = logging.getLogger(__name__)
DEFAULT_BATCH_SIZE = 50
DEFAULT_BATCH_SECONDS = 0.5


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

    Writes are batched: up to ``NEWSMON_STORE_BATCH_SIZE`` pages, or whatever arrived within
    ``NEWSMON_STORE_BATCH_SECONDS``, commit in one transaction (one commit and fsync instead of
    one per page). A page's URLs are marked seen in the same transaction as its article, so a
    crash loses only the pages still in the batch, and the next crawl fetches those again.
    Articles that carry a signature (the dedup stage ran) are placed in stories in the same
    transaction; ``story_id`` and ``duplicate_of`` are copied back onto the item at commit.
    """

    def __init__(
        self,
        store: Store,
        crawler: Crawler,
        dedup: StoryIndex | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        batch_seconds: float = DEFAULT_BATCH_SECONDS,
    ):
        self.store = store
        self.crawler = crawler
        self.dedup = dedup
        self.batch_size = max(1, batch_size)
        self.batch_seconds = batch_seconds
        self.articles: list[tuple[PageItem, ArticleRecord]] = []
        self.settled: list[tuple[PageItem, SettledUrls]] = []
        self.timer: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        settings = crawler.settings
        dedup = StoryIndex(DedupOptions.from_scrapy(settings))
        return cls(
            Store.for_url(settings["NEWSMON_DATABASE_URL"]),
            crawler,
            dedup,
            settings.getint("NEWSMON_STORE_BATCH_SIZE", DEFAULT_BATCH_SIZE),
            settings.getfloat("NEWSMON_STORE_BATCH_SECONDS", DEFAULT_BATCH_SECONDS),
        )

    def open_spider(self) -> None:
        if self.batch_size > 1 and self.batch_seconds > 0:
            self.timer = LoopingCall(self.flush)
            self.timer.start(self.batch_seconds, now=False)

    def close_spider(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        if item.article is None or item.content_hash is None or item.canonical_url is None:
            reason = item.rejection or "no_article"
            self.count(item, f"newsmon/dropped/{reason}")
            if reason not in RETRY_REJECTIONS:
                self.settled.append((item, SettledUrls(item.url_keys, item.source_id, f"rejected:{reason}")))
                self._flush_if_full()
            raise DropItem(f"not stored ({reason}): {item.url}")
        self.articles.append((item, record_of(item)))
        self._flush_if_full()
        return item

    def count(self, item: PageItem, key: str) -> None:
        """Increment a crawl counter for ``item`` (subclasses also count per source)."""
        self.crawler.stats.inc_value(key)

    def _flush_if_full(self) -> None:
        if len(self.articles) + len(self.settled) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Commit the pending batch.

        On a database error its pages are reported as failed items (``item_error``): the
        crawl-run recorder stops the crawl, the spider forgets the validators of their index
        pages, and the next crawl fetches them again. Any other error (one bad record) is
        isolated by saving the batch's pages one by one, so only that page fails.
        """
        articles, settled = self.articles, self.settled
        if not articles and not settled:
            return
        self.articles, self.settled = [], []
        try:
            self._save(articles, settled)
        except DATABASE_ERRORS as exc:
            self._failed([item for item, _ in [*articles, *settled]], exc)
        except Exception:
            log.exception("a batch of %d pages failed; saving them one by one", len(articles) + len(settled))
            for article in articles:
                self._save_alone([article], [])
            for urls in settled:
                self._save_alone([], [urls])

    def _save(
        self, articles: list[tuple[PageItem, ArticleRecord]], settled: list[tuple[PageItem, SettledUrls]]
    ) -> None:
        results = self.store.save_batch(
            [record for _, record in articles], self.dedup, [urls for _, urls in settled]
        )
        for (item, _), result in zip(articles, results, strict=True):
            item.story_id, item.duplicate_of = result.story_id, result.duplicate_of
            self.count(item, f"newsmon/articles/{result.outcome}")

    def _save_alone(
        self, articles: list[tuple[PageItem, ArticleRecord]], settled: list[tuple[PageItem, SettledUrls]]
    ) -> None:
        try:
            self._save(articles, settled)
        except Exception as exc:
            self._failed([item for item, _ in articles] + [item for item, _ in settled], exc)

    def _failed(self, items: list[PageItem], exc: Exception) -> None:
        log.error("%d page(s) not stored: %s: %s", len(items), type(exc).__name__, str(exc).splitlines()[0])
        failure = Failure(exc)  # type: ignore[no-untyped-call]
        for item in items:
            self.crawler.signals.send_catch_log(
                signals.item_error, item=item, response=None, spider=self.crawler.spider, failure=failure
            )


def record_of(item: PageItem) -> ArticleRecord:
    """The storage record of an extracted, normalised, tagged page."""
    article = item.article
    assert article is not None and item.content_hash is not None and item.canonical_url is not None
    return ArticleRecord(
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
    )
