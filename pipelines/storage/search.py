"""Full-text search over stored articles: PostgreSQL's GIN index or SQLite FTS5 (migration 0005)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from pipelines.storage.models import Article
from pipelines.storage.queries import ArticleFilter, filtered_articles

PG_DOCUMENT = "to_tsvector('simple', coalesce(articles.title, '') || ' ' || coalesce(articles.text, ''))"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    """One matching article and its rank (higher is better)."""

    article: Article
    rank: float


def fts5_query(query: str) -> str:
    """User words as an FTS5 query: every word must occur (quoted, so no FTS syntax errors)."""
    return " ".join(f'"{word}"' for word in _WORD.findall(query))


def search_articles(
    session: Session, query: str, flt: ArticleFilter, *, until: datetime | None = None, limit: int = 50
) -> list[SearchHit]:
    """Articles matching every word of ``query`` and ``flt``, best first."""
    if not _WORD.search(query):
        return []
    statement = filtered_articles(flt)
    if until is not None:
        statement = statement.where(Article.fetched_at < until)
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.plainto_tsquery("simple", query)
        document: ColumnElement[Any] = literal_column(PG_DOCUMENT)
        rank = func.ts_rank(document, tsquery)
        statement = statement.where(document.op("@@")(tsquery)).add_columns(rank).order_by(None)
        statement = statement.order_by(rank.desc(), Article.id.desc()).limit(limit)
        return [SearchHit(article, float(score)) for article, score in session.execute(statement)]
    matches = (
        select(literal_column("rowid").label("id"), literal_column("bm25(articles_fts)").label("score"))
        .select_from(text("articles_fts"))
        .where(text("articles_fts MATCH :match"))
        .subquery()
    )
    statement = (
        statement.join(matches, matches.c.id == Article.id)
        .add_columns(matches.c.score)
        .order_by(None)
        .order_by(matches.c.score, Article.id.desc())
        .limit(limit)
    )
    rows = session.execute(statement, {"match": fts5_query(query)})
    return [SearchHit(article, -float(score)) for article, score in rows]
