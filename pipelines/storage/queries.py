"""Read-side queries: article export with filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pipelines.storage.models import Article, ArticleTag

EXPORT_FIELDS = (
    "id",
    "url",
    "canonical_url",
    "source",
    "title",
    "published_at",
    "fetched_at",
    "updated_at",
    "language",
    "author",
    "description",
    "provinces",
    "primary_province",
    "groups",
    "story_id",
    "duplicate_of",
    "version",
    "content_hash",
    "word_count",
)


@dataclass(frozen=True)
class ArticleFilter:
    """Export filters; ``None`` means no filter."""

    since: datetime | None = None
    source: str | None = None
    province: str | None = None
    group: str | None = None


def _filtered(flt: ArticleFilter) -> Select[Any]:
    query = select(Article).order_by(Article.id)
    if flt.since is not None:
        query = query.where(Article.fetched_at >= flt.since)
    if flt.source:
        query = query.where(Article.source_id == flt.source)
    for family, code in (("province", flt.province), ("group", flt.group)):
        if code:
            query = query.where(
                select(ArticleTag.article_id)
                .where(
                    ArticleTag.article_id == Article.id,
                    ArticleTag.family == family,
                    ArticleTag.code == code.upper(),
                )
                .exists()
            )
    return query


def article_record(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    """The export form of an article (JSON-ready)."""

    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    record: dict[str, Any] = {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source": article.source_id,
        "title": article.title,
        "published_at": iso(article.published_at),
        "fetched_at": iso(article.fetched_at),
        "updated_at": iso(article.updated_at),
        "language": article.language,
        "author": article.author,
        "description": article.description,
        "provinces": sorted(tag.code for tag in article.tags if tag.family == "province"),
        "primary_province": article.primary_province,
        "groups": sorted(tag.code for tag in article.tags if tag.family == "group"),
        "story_id": article.story_id,
        "duplicate_of": article.duplicate_of,
        "version": article.version,
        "content_hash": article.content_hash,
        "word_count": article.word_count,
    }
    if with_text:
        record["text"] = article.text
    return record


def iter_articles(session: Session, flt: ArticleFilter, *, batch: int = 500) -> Iterator[Article]:
    """Articles matching ``flt`` in id order, loaded in batches."""
    last_id = 0
    while True:
        rows: list[Article] = list(session.scalars(_filtered(flt).where(Article.id > last_id).limit(batch)))
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id
