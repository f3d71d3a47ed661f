"""Saving articles through the dedup + store path without a crawl."""

from __future__ import annotations

from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from pipelines.dedup.pipeline import fingerprint
from pipelines.normalize import canonicalize, content_hash, url_key
from pipelines.storage.database import make_engine, upgrade
from pipelines.storage.models import utcnow
from pipelines.storage.repository import ArticleRecord, SaveResult, Store

SOURCES = ("dawn", "tribune", "app", "geo")


def open_store(database_url: str, *, migrate: bool = True) -> Store:
    """A fresh Store (own engine) on ``database_url``, schema at head, test sources present."""
    engine = make_engine(database_url)
    if migrate:
        upgrade(engine)
    store = Store(engine)
    for source in SOURCES:
        store.upsert_source(source, source.title(), f"https://{source}.example/")
    return store


def save(
    store: Store,
    index: StoryIndex,
    url: str,
    text: str,
    *,
    source: str = "dawn",
    title: str | None = "A report",
) -> SaveResult:
    """Store one article the way the dedup and store stages do."""
    return store.save_article(record(index, url, text, source=source, title=title), index)


def record(
    index: StoryIndex, url: str, text: str, *, source: str = "dawn", title: str | None = "A report"
) -> ArticleRecord:
    """The record the dedup stage hands the store for one fetched article."""
    return ArticleRecord(
        source_id=source,
        url=url,
        canonical_url=canonicalize(url),
        url_keys=(url_key(url),),
        title=title,
        text=text,
        description=None,
        author=None,
        language="en",
        published_at=None,
        fetched_at=utcnow(),
        content_hash=content_hash(text),
        word_count=len(text.split()),
        signature=fingerprint(text, index.options),
    )


def default_index() -> StoryIndex:
    return StoryIndex(DedupOptions())
