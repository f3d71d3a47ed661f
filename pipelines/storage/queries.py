"""Read-side queries: article export with filters; stories with their members."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pipelines.storage.models import Article, ArticleTag, Story

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


def filtered_articles(flt: ArticleFilter) -> Select[Any]:
    """Articles matching ``flt``, in id order (a statement to refine)."""
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
        statement = filtered_articles(flt).where(Article.id > last_id).limit(batch)
        rows: list[Article] = list(session.scalars(statement))
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


# -- stories (newsmon stories) ------------------------------------------------------------


@dataclass(frozen=True)
class StoryFilter:
    """Story listing filters: created since, at least ``min_size`` members."""

    since: datetime | None = None
    min_size: int = 1


def iter_stories(session: Session, flt: StoryFilter, *, batch: int = 200) -> Iterator[Story]:
    """Stories matching ``flt`` in id order, loaded in batches."""
    last_id = 0
    while True:
        query = select(Story).where(Story.id > last_id, Story.size >= flt.min_size)
        if flt.since is not None:
            query = query.where(Story.created_at >= flt.since)
        rows = session.scalars(query.order_by(Story.id).limit(batch)).all()
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id


def story_members(session: Session, story_id: int) -> list[Article]:
    """The articles of a story, first report first."""
    return list(session.scalars(select(Article).where(Article.story_id == story_id).order_by(Article.id)))


def story_record(story: Story, members: list[Article]) -> dict[str, Any]:
    """The listing form of a story (JSON-ready); its outlets are its members' sources."""
    return {
        "id": story.id,
        "first_article_id": story.first_article_id,
        "created_at": story.created_at.isoformat(),
        "updated_at": story.updated_at.isoformat(),
        "size": story.size,
        "outlets": sorted({member.source_id for member in members}),
        "members": [
            {"id": m.id, "title": m.title, "source": m.source_id, "url": m.url,
             "duplicate_of": m.duplicate_of}
            for m in members
        ],
    }
