"""Every read and write the crawl makes, in short transactions.

One :class:`Store` per process and database URL (see :func:`Store.for_url`), shared by the
spider (seen-URL checks, feed validators) and the pipelines (articles, crawl runs).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pipelines.storage.database import ensure_schema, make_engine, session_factory
from pipelines.storage.models import (
    Article,
    ArticleTag,
    ArticleVersion,
    CrawlRun,
    FeedState,
    SeenUrl,
    Source,
    utcnow,
)
from pipelines.storage.upsert import upsert

if TYPE_CHECKING:
    from pipelines.dedup.index import StoryIndex


BATCH_ATTEMPTS = 4
SEEN_QUERY_CHUNK = 500  # keys per seen-URL lookup; far below SQLite's limit on bound parameters
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure
_INSERT_ARTICLE = insert(Article.__table__).returning(Article.__table__.c.id)  # type: ignore[arg-type]
_INSERT_TAG = insert(ArticleTag.__table__)  # type: ignore[arg-type]
# Built once: every stored article runs them, and building a statement per call cost more
# than running it. Executed on the session's connection (Core), so no ORM layer either.
_ARTICLE_BY_KEYS = (
    select(SeenUrl.article_id)
    .where(SeenUrl.url_key.in_(bindparam("keys", expanding=True)), SeenUrl.article_id.is_not(None))
    .limit(1)
)
_ARTICLE_BY_CANONICAL = select(Article.id).where(Article.canonical_url == bindparam("canonical"))


@dataclass(frozen=True)
class Validators:
    """HTTP validators of an index page from its last 200 answer."""

    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class ArticleRecord:
    """What the store pipeline hands to :meth:`Store.save_article`."""

    source_id: str
    url: str
    canonical_url: str
    url_keys: tuple[str, ...]
    title: str | None
    text: str
    description: str | None
    author: str | None
    language: str | None
    published_at: datetime | None
    fetched_at: datetime
    content_hash: str
    word_count: int
    tags: tuple[tuple[str, str, list[Any]], ...] = ()  # (family, code, evidence)
    primary_province: str | None = None
    signature: bytes | None = None
    story_id: int | None = None
    duplicate_of: int | None = None


@dataclass(frozen=True)
class SettledUrls:
    """URLs that produced no article (``outcome`` says why), to be marked seen."""

    url_keys: tuple[str, ...]
    source_id: str
    outcome: str


@dataclass(frozen=True)
class SaveResult:
    """Outcome of saving one article: ``new``, ``duplicate`` (new, exact copy of another
    article's text), ``updated`` or ``unchanged``; with the article's story."""

    outcome: str
    article_id: int
    story_id: int | None = None
    duplicate_of: int | None = None


class Store:
    """Database access for one process."""

    _instances: ClassVar[dict[str, Store]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessions: sessionmaker[Session] = session_factory(engine)

    @classmethod
    def for_url(cls, database_url: str, *, migrate: bool = True) -> Store:
        """The process-wide store for ``database_url`` (schema upgraded on first use)."""
        with cls._lock:
            store = cls._instances.get(database_url)
            if store is None:
                engine = make_engine(database_url)
                if migrate:
                    ensure_schema(engine)
                store = cls._instances[database_url] = Store(engine)
            return store

    @classmethod
    def close_all(cls) -> None:
        """Dispose every engine (end of a crawl process, tests)."""
        with cls._lock:
            for store in cls._instances.values():
                store.engine.dispose()
            cls._instances.clear()

    # -- sources -------------------------------------------------------------------------

    def upsert_source(self, source_id: str, name: str, url: str) -> None:
        """Record a configured source (name and URL follow the config)."""
        with self.sessions.begin() as session:
            upsert(session, Source, [{"id": source_id, "name": name, "url": url, "first_seen_at": utcnow()}],
                   key=["id"], update=["name", "url"])

    # -- seen URLs -----------------------------------------------------------------------

    def seen_keys(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` settled by an earlier crawl (one query per 500 keys)."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        with self.sessions() as session:
            for start in range(0, len(wanted), SEEN_QUERY_CHUNK):
                chunk = wanted[start : start + SEEN_QUERY_CHUNK]
                found.update(session.scalars(select(SeenUrl.url_key).where(SeenUrl.url_key.in_(chunk))))
        return found

    def mark_seen(
        self, keys: Iterable[str], source_id: str, outcome: str, article_id: int | None = None
    ) -> None:
        """Settle URLs that produced no article (not an article, too short...)."""
        with self.sessions.begin() as session:
            self._mark_seen(session, keys, source_id, outcome, article_id)

    @staticmethod
    def _mark_seen(
        session: Session, keys: Iterable[str], source_id: str, outcome: str, article_id: int | None
    ) -> None:
        rows = [
            {"url_key": key, "source_id": source_id, "outcome": outcome, "article_id": article_id,
             "seen_at": utcnow()}
            for key in dict.fromkeys(keys)
        ]
        # A key settled without an article is overwritten once an article claims it.
        claim = ["article_id", "outcome"] if article_id else []
        upsert(session, SeenUrl, rows, key=["url_key"], update=claim)

    # -- feed validators -----------------------------------------------------------------

    def validators(self, url: str) -> Validators | None:
        """ETag / Last-Modified stored for an index page."""
        with self.sessions() as session:
            row = session.get(FeedState, url)
            return Validators(row.etag, row.last_modified) if row else None

    def save_validators(
        self, url: str, source_id: str, status: int, etag: str | None, last_modified: str | None
    ) -> None:
        """Remember the validators of an index page's last answer."""
        values = {"url": url, "source_id": source_id, "last_status": status, "checked_at": utcnow()}
        columns = ["last_status", "checked_at"]
        if status == 200:
            values.update(etag=etag, last_modified=last_modified)
            columns += ["etag", "last_modified"]
        with self.sessions.begin() as session:
            upsert(session, FeedState, [values], key=["url"], update=columns)

    # -- articles ------------------------------------------------------------------------

    @staticmethod
    def _existing_article(session: Session, record: ArticleRecord) -> Article | None:
        """The stored article ``record`` is a refetch of: one of its URLs, or its canonical URL."""
        connection = session.connection()
        article_id = connection.execute(_ARTICLE_BY_KEYS, {"keys": list(record.url_keys)}).scalar()
        if article_id is None:
            canonical = {"canonical": record.canonical_url}
            article_id = connection.execute(_ARTICLE_BY_CANONICAL, canonical).scalar()
        return session.get(Article, article_id) if article_id is not None else None

    def save_article(self, record: ArticleRecord, dedup: StoryIndex | None = None) -> SaveResult:
        """Insert a new article, or update one whose text changed (keeping the old version).

        With ``dedup``, a new article joins the story of its exact duplicate or near duplicate
        (or starts one), in the same transaction. The article, its tags, its story and its
        seen URLs commit together: a crash leaves either all of them or none.
        """
        return self.save_batch([record], dedup)[0]

    def save_batch(
        self,
        records: Sequence[ArticleRecord],
        dedup: StoryIndex | None = None,
        settled: Sequence[SettledUrls] = (),
    ) -> list[SaveResult]:
        """:meth:`save_article` for many articles, plus URLs settled without one, in ONE transaction.

        A failure leaves none of the batch. The batch is redone when another writer stored one
        of its canonical URLs meanwhile (the second pass updates that article) and when
        PostgreSQL picked it as a deadlock victim (two workers claiming the same story buckets).
        """
        for attempt in range(BATCH_ATTEMPTS):
            last = attempt == BATCH_ATTEMPTS - 1
            try:
                with self.sessions.begin() as session:
                    for urls in settled:
                        self._mark_seen(session, urls.url_keys, urls.source_id, urls.outcome, None)
                    return [self._save(session, record, dedup) for record in records]
            except IntegrityError:
                if last:
                    raise
            except OperationalError as exc:
                if last or getattr(exc.orig, "sqlstate", None) not in RETRYABLE_SQLSTATES:
                    raise
                time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))  # let the other writer finish
        raise AssertionError("unreachable")

    def _save(self, session: Session, record: ArticleRecord, dedup: StoryIndex | None) -> SaveResult:
        existing = self._existing_article(session, record)
        if existing is None:
            return self._insert(session, record, dedup)
        self._mark_seen(session, record.url_keys, record.source_id, "article", existing.id)
        if existing.content_hash == record.content_hash:
            return SaveResult("unchanged", existing.id, existing.story_id, existing.duplicate_of)
        if dedup is not None and record.signature is not None:
            self._restory(session, existing, record, dedup)
        session.add(
            ArticleVersion(
                article_id=existing.id,
                version=existing.version,
                title=existing.title,
                text=existing.text,
                content_hash=existing.content_hash,
                fetched_at=existing.updated_at,
            )
        )
        existing.version += 1
        existing.updated_at = record.fetched_at
        self._fill(existing, record)
        # the next records of the batch read with Core statements, which do not autoflush
        session.flush()
        return SaveResult("updated", existing.id, existing.story_id, existing.duplicate_of)

    def _insert(self, session: Session, record: ArticleRecord, dedup: StoryIndex | None) -> SaveResult:
        story_id, duplicate_of, assignment = record.story_id, record.duplicate_of, None
        if dedup is not None and record.signature is not None:
            assignment = dedup.assign(
                session, record.signature, record.content_hash, record.canonical_url, utcnow()
            )
            story_id, duplicate_of = assignment.story_id, assignment.duplicate_of
        # Core statements, not an ORM flush: this runs for every stored article and the ORM's
        # unit of work was the largest cost of the store stage. The session never holds the new
        # row as an object; later records of the batch find it by query, like any stored row.
        connection = session.connection()
        article_id = connection.execute(
            _INSERT_ARTICLE,
            {
                **self._columns(record),
                "source_id": record.source_id,
                "url": record.url,
                "canonical_url": record.canonical_url,
                "fetched_at": record.fetched_at,
                "updated_at": record.fetched_at,
                "version": 1,
                "story_id": story_id,
                "duplicate_of": duplicate_of,
                "signature": record.signature,
            },
        ).scalar_one()
        if record.tags:
            connection.execute(
                _INSERT_TAG,
                [{"article_id": article_id, "family": family, "code": code, "evidence": evidence}
                 for family, code, evidence in record.tags],
            )
        if dedup is not None and assignment is not None:
            dedup.set_first_article(session, assignment, article_id)
        self._mark_seen(session, record.url_keys, record.source_id, "article", article_id)
        outcome = "duplicate" if duplicate_of is not None else "new"
        return SaveResult(outcome, article_id, story_id, duplicate_of)

    @staticmethod
    def _restory(session: Session, existing: Article, record: ArticleRecord, dedup: StoryIndex) -> None:
        """Changed text at a known URL: the article keeps its story (an update is not a new
        member), its new buckets point there; it is no longer an exact copy of another."""
        assert record.signature is not None
        existing.duplicate_of = None
        if existing.story_id is not None:
            dedup.refresh(session, existing.story_id, record.signature, utcnow())
            return
        # stored before dedup ran: give it a story now (never itself: its stored text differs)
        assignment = dedup.assign(
            session, record.signature, record.content_hash, existing.canonical_url, utcnow()
        )
        existing.story_id, existing.duplicate_of = assignment.story_id, assignment.duplicate_of
        dedup.set_first_article(session, assignment, existing.id)

    @staticmethod
    def _columns(record: ArticleRecord) -> dict[str, Any]:
        """The article columns a (re)fetch sets from the record."""
        return {
            "title": record.title,
            "text": record.text,
            "description": record.description,
            "author": record.author,
            "language": record.language,
            "published_at": record.published_at,
            "content_hash": record.content_hash,
            "word_count": record.word_count,
            "primary_province": record.primary_province,
        }

    @classmethod
    def _fill(cls, article: Article, record: ArticleRecord) -> None:
        published_before = article.published_at
        for column, value in cls._columns(record).items():
            setattr(article, column, value)
        article.published_at = record.published_at or published_before
        if record.signature is not None:
            article.signature = record.signature
        article.tags = [
            ArticleTag(family=family, code=code, evidence=evidence) for family, code, evidence in record.tags
        ]

    # -- crawl runs ----------------------------------------------------------------------

    def start_run(self, source_id: str) -> int:
        """Open a crawl-run record; returns its id."""
        with self.sessions.begin() as session:
            run = CrawlRun(source_id=source_id, started_at=utcnow())
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, **fields: Any) -> None:
        """Close a crawl-run record with its counters and outcome."""
        fields.setdefault("finished_at", utcnow())
        with self.sessions.begin() as session:
            session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(**fields))

    def get_run(self, run_id: int) -> CrawlRun | None:
        """One crawl run."""
        with self.sessions() as session:
            return session.get(CrawlRun, run_id)
