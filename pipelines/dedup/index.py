"""The LSH index of stories, held in the database (table ``lsh_buckets``).

Every crawl is its own OS process, so nothing lives in memory: a lookup is one query on the
``(band, bucket)`` primary key, limited to stories created within the window, and every candidate is
verified by the estimated Jaccard similarity of stored member signatures before an article
joins it. The primary key ``(band, bucket)`` is the unique constraint two concurrent writers
meet; a writer that finds its buckets taken by a concurrent story re-reads and joins that one.
All methods run inside the caller's transaction (``Store.save_article``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import numpy as np
from sqlalchemy import Table, and_, bindparam, delete, func, literal_column, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pipelines.dedup.fingerprint import band_hashes, from_bytes, jaccard
from pipelines.dedup.options import DedupOptions
from pipelines.storage.models import Article, LshBucket, Story, UTCDateTime

MAX_CANDIDATES = 8  # stories verified per lookup, most shared bands first
MEMBERS_CHECKED = 8  # the first and the latest members of a candidate story are compared

# Statements every new article runs, built once and executed on the session's connection:
# building them per call, and the ORM layer, cost more than the queries themselves.
_EXACT_ORIGINAL = (
    select(Article.id, Article.story_id)
    .where(
        Article.content_hash == bindparam("content_hash"),
        Article.canonical_url != bindparam("canonical_url"),
        Article.story_id.is_not(None),
    )
    .order_by(Article.id)
    .limit(1)
)
_JOIN_STORY = (
    update(Story)
    .where(Story.id == bindparam("story"))
    .values(size=Story.size + 1, updated_at=bindparam("now", type_=UTCDateTime()))
)
_SET_FIRST_ARTICLE = (
    update(Story).where(Story.id == bindparam("story")).values(first_article_id=bindparam("article"))
)
_STORY_CREATED = select(Story.created_at).where(Story.id == bindparam("story"))
_MEMBERS = select(Article.signature).where(
    Article.story_id == bindparam("story"), Article.signature.is_not(None), Article.duplicate_of.is_(None)
)
_FIRST_MEMBERS = _MEMBERS.order_by(Article.id).limit(MEMBERS_CHECKED)
_LATEST_MEMBERS = _MEMBERS.order_by(Article.id.desc()).limit(MEMBERS_CHECKED)


@dataclass(frozen=True)
class Assignment:
    """Where a new article goes: its story, the article it duplicates exactly, and whether
    the story was created for it (its ``first_article_id`` is set once the article has an id)."""

    story_id: int
    duplicate_of: int | None = None
    created: bool = False
    similarity: float = 1.0


class StoryIndex:
    """Assigns articles to stories; see the module docstring."""

    def __init__(self, options: DedupOptions):
        self.options = options
        self._lookup: Any = None
        self._claims: dict[str, Any] = {}

    # -- new articles ----------------------------------------------------------------------

    def assign(
        self, session: Session, signature: bytes, content_hash: str, canonical_url: str, now: datetime
    ) -> Assignment:
        """The story (and exact original, if any) of an article about to be inserted."""
        original = self.exact_original(session, content_hash, canonical_url)
        if original is not None:
            return self._join(session, original[1], now, duplicate_of=original[0])
        values = from_bytes(signature)
        keys = band_hashes(values, self.options.bands, self.options.rows)
        cutoff = now - self.options.window
        match = self._best(session, values, self.lookup(session, keys, cutoff))
        if match is not None:
            self.claim(session, keys, match[0], cutoff)
            return self._join(session, match[0], now, similarity=match[1])
        story = Story(first_article_id=None, created_at=now, updated_at=now, size=1)
        session.add(story)
        session.flush()
        self.claim(session, keys, story.id, cutoff, created_at=now)
        # Buckets another story holds: a concurrent writer (now committed) or an unrelated story.
        rivals = [sid for sid in self.lookup(session, keys, cutoff) if sid != story.id]
        match = self._best(session, values, rivals)
        if match is None:
            return Assignment(story.id, created=True)
        self._merge_into(session, story.id, match[0])
        original = self.exact_original(session, content_hash, canonical_url)
        return self._join(
            session, match[0], now, duplicate_of=original[0] if original else None, similarity=match[1]
        )

    def set_first_article(self, session: Session, assignment: Assignment, article_id: int) -> None:
        """Record the article a new story was created for."""
        if assignment.created:
            session.connection().execute(
                _SET_FIRST_ARTICLE, {"story": assignment.story_id, "article": article_id}
            )

    # -- updated articles ------------------------------------------------------------------

    def refresh(self, session: Session, story_id: int, signature: bytes, now: datetime) -> None:
        """An article's text changed: its new buckets point at its story too (while the story
        is within the window); its story and the story's size stay as they are."""
        created = session.connection().execute(_STORY_CREATED, {"story": story_id}).scalar()
        cutoff = now - self.options.window
        if created is None or created < cutoff:
            return
        keys = band_hashes(from_bytes(signature), self.options.bands, self.options.rows)
        self.claim(session, keys, story_id, cutoff, created_at=created)

    # -- queries ---------------------------------------------------------------------------

    @staticmethod
    def exact_original(session: Session, content_hash: str, canonical_url: str) -> tuple[int, int] | None:
        """(id, story_id) of the first article with this exact text at another URL."""
        row = (
            session.connection()
            .execute(_EXACT_ORIGINAL, {"content_hash": content_hash, "canonical_url": canonical_url})
            .first()
        )
        return (row[0], row[1]) if row is not None and row[1] is not None else None

    def lookup_query(self) -> Any:
        """The one indexed query: stories within the window sharing a bucket, most shared first.

        ``(band, bucket) IN (...)`` is spelled ``band = :band_i AND bucket = :bucket_i OR ...``:
        SQLite searches its primary key for each term of that form (MULTI-INDEX OR) but scans
        the table for a row-value IN list; PostgreSQL makes a BitmapOr of primary-key scans.
        Built once with bound parameters, so SQLAlchemy compiles it once.
        """
        if self._lookup is None:
            hits = func.count().label("hits")
            pairs = [
                and_(LshBucket.band == bindparam(f"band_{i}"), LshBucket.bucket == bindparam(f"bucket_{i}"))
                for i in range(self.options.bands)
            ]
            self._lookup = (
                select(LshBucket.story_id, hits)
                .join(Story, Story.id == LshBucket.story_id)
                .where(or_(*pairs), Story.created_at >= bindparam("cutoff", type_=UTCDateTime()))
                .group_by(LshBucket.story_id)
                .order_by(hits.desc(), LshBucket.story_id)
                .limit(MAX_CANDIDATES)
            )
        return self._lookup

    def lookup(self, session: Session, keys: Sequence[tuple[int, int]], cutoff: datetime) -> list[int]:
        """Candidate story ids."""
        params: dict[str, Any] = {"cutoff": cutoff}
        for i, (band, bucket) in enumerate(keys):
            params[f"band_{i}"], params[f"bucket_{i}"] = band, bucket
        return [row[0] for row in session.connection().execute(self.lookup_query(), params)]

    def _best(
        self, session: Session, values: np.ndarray, candidates: Sequence[int]
    ) -> tuple[int, float] | None:
        """The candidate whose members are most similar, if at least ``threshold``."""
        best: tuple[int, float] | None = None
        for story_id in candidates:
            score = max(
                (jaccard(values, from_bytes(sig)) for sig in self._member_signatures(session, story_id)),
                default=0.0,
            )
            if score >= self.options.threshold and (best is None or score > best[1]):
                best = (story_id, score)
        return best

    @staticmethod
    def _member_signatures(session: Session, story_id: int) -> list[bytes]:
        connection = session.connection()
        first = connection.execute(_FIRST_MEMBERS, {"story": story_id}).scalars().all()
        latest = connection.execute(_LATEST_MEMBERS, {"story": story_id}).scalars().all()
        return [sig for sig in dict.fromkeys([*first, *latest]) if sig is not None]

    # -- writes ----------------------------------------------------------------------------

    def claim(
        self,
        session: Session,
        keys: Sequence[tuple[int, int]],
        story_id: int,
        cutoff: datetime,
        created_at: datetime | None = None,
    ) -> None:
        """Point free buckets (and buckets of stories past the window) at ``story_id``;
        buckets of live stories stay theirs. Keys go in band order so writers never deadlock."""
        if created_at is None:
            created_at = session.connection().execute(_STORY_CREATED, {"story": story_id}).scalar()
        rows = [
            {"band": band, "bucket": bucket, "story_id": story_id, "created_at": created_at, "cutoff": cutoff}
            for band, bucket in sorted(keys)
        ]
        session.connection().execute(self._claim_statement(session.get_bind().dialect.name), rows)

    def _claim_statement(self, dialect: str) -> Any:
        """INSERT ... ON CONFLICT (band, bucket) DO UPDATE ... WHERE the owner is past the window."""
        if dialect not in self._claims:
            table = cast(Table, LshBucket.__table__)
            if dialect == "postgresql":
                stmt: Any = postgresql.insert(table)
            elif dialect == "sqlite":
                stmt = sqlite.insert(table)
            else:  # pragma: no cover - newsmon supports SQLite and PostgreSQL
                raise NotImplementedError(dialect)
            # The owner's story decides (not the row's copy of its date); ``lsh_buckets`` in
            # the subquery is the existing, conflicting row.
            owner_created = (
                select(Story.created_at)
                .where(Story.id == literal_column("lsh_buckets.story_id"))
                .scalar_subquery()
            )
            cutoff = bindparam("cutoff", type_=UTCDateTime())
            self._claims[dialect] = stmt.on_conflict_do_update(
                index_elements=[LshBucket.band, LshBucket.bucket],
                set_={"story_id": stmt.excluded.story_id, "created_at": stmt.excluded.created_at},
                where=or_(LshBucket.created_at < cutoff, owner_created < cutoff),
            )
        return self._claims[dialect]

    @staticmethod
    def _join(
        session: Session,
        story_id: int,
        now: datetime,
        *,
        duplicate_of: int | None = None,
        similarity: float = 1.0,
    ) -> Assignment:
        session.connection().execute(_JOIN_STORY, {"story": story_id, "now": now})
        return Assignment(story_id, duplicate_of=duplicate_of, similarity=similarity)

    def _merge_into(self, session: Session, lost: int, winner: int) -> None:
        """Hand the buckets of a story that lost a race to the winner, and drop it."""
        created = select(Story.created_at).where(Story.id == winner).scalar_subquery()
        session.execute(
            update(LshBucket).where(LshBucket.story_id == lost).values(story_id=winner, created_at=created)
        )
        session.execute(delete(Story).where(Story.id == lost))

    def prune(self, session: Session, now: datetime) -> int:
        """Delete buckets of stories past the window (the index stays bounded); returns rows."""
        result = session.execute(delete(LshBucket).where(LshBucket.created_at < now - self.options.window))
        return int(getattr(result, "rowcount", 0) or 0)
