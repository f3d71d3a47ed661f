"""The digest log: each (digest, period) is sent exactly once.

* :func:`open_period` inserts the period's row with ``INSERT ... ON CONFLICT DO NOTHING`` on
  UNIQUE(digest_id, period_start): two senders racing create one row, never two.
* :func:`claim` moves a row to ``sending`` with one conditional UPDATE; only the sender whose
  UPDATE changed the row delivers it (no check-then-act).
* :func:`mark_sent` runs only after the SMTP server accepted the message. A failure is
  recorded (:func:`mark_failed`) with exponential back-off in ``next_attempt_at``.
* A row left in ``sending`` by a crashed process can be claimed again after
  :data:`SENDING_LEASE`; the resent message keeps its stable Message-ID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, func, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from pipelines.storage.models import DigestLog
from pipelines.storage.repository import Store
from scheduler.digests.period import FIRST_WINDOW, Period

PENDING, SENDING, SENT, FAILED, EMPTY, SUPERSEDED = (
    "pending",
    "sending",
    "sent",
    "failed",
    "empty",
    "superseded",
)
SETTLED = (SENT, EMPTY, SUPERSEDED)
COVERING = (SENT, SENDING, EMPTY)  # rows whose window the next period must not repeat
SENDING_LEASE = timedelta(minutes=15)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)


@dataclass(frozen=True)
class Claim:
    """A period this process now owns and must deliver (or mark failed)."""

    row_id: int
    digest_id: str
    period_start: datetime
    period_end: datetime
    window_start: datetime
    window_end: datetime
    message_id: str
    attempts: int


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 1, 2, 4 ... minutes, at most an hour."""
    delay: timedelta = BACKOFF_BASE * 2 ** max(0, attempts - 1)
    return min(delay, BACKOFF_MAX)


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def _insert_ignoring_conflict(session: Session, values: dict[str, Any]) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        pg = pg_insert(DigestLog).values(**values)
        session.execute(pg.on_conflict_do_nothing(index_elements=["digest_id", "period_start"]))
    elif dialect == "sqlite":
        lite = sqlite_insert(DigestLog).values(**values)
        session.execute(lite.on_conflict_do_nothing(index_elements=["digest_id", "period_start"]))
    else:  # pragma: no cover - newsmon supports SQLite and PostgreSQL
        raise NotImplementedError(f"digest log on {dialect}")


def open_period(
    store: Store, digest_id: str, period: Period, *, window_end: datetime, message_id: str, now: datetime
) -> None:
    """Create the row of ``period`` unless one exists.

    Older periods still pending or failed are superseded: this period's window starts where
    the last sent (or sending, or empty) one ended, so it covers their stories in one mail.
    """
    with store.sessions.begin() as session:
        # A write first: on SQLite it takes the write lock before the read below.
        session.execute(
            update(DigestLog)
            .where(
                DigestLog.digest_id == digest_id,
                DigestLog.period_start < period.start,
                DigestLog.status.in_((PENDING, FAILED)),
            )
            .values(status=SUPERSEDED, next_attempt_at=None, updated_at=now)
        )
        covered = session.scalar(
            select(func.max(DigestLog.window_end)).where(
                DigestLog.digest_id == digest_id, DigestLog.status.in_(COVERING)
            )
        )
        window_start = min(covered, window_end) if covered else window_end - FIRST_WINDOW
        _insert_ignoring_conflict(
            session,
            {
                "digest_id": digest_id,
                "period_start": period.start,
                "period_end": period.end,
                "window_start": window_start,
                "window_end": window_end,
                "status": PENDING,
                "attempts": 0,
                "message_id": message_id,
                "created_at": now,
                "updated_at": now,
            },
        )


def _claimable(now: datetime, ignore_backoff: bool) -> ColumnElement[bool]:
    due = (
        true()
        if ignore_backoff
        else or_(DigestLog.next_attempt_at.is_(None), DigestLog.next_attempt_at <= now)
    )
    return or_(
        DigestLog.status == PENDING,
        and_(DigestLog.status == FAILED, due),
        and_(DigestLog.status == SENDING, DigestLog.updated_at < now - SENDING_LEASE),
    )


def actionable(store: Store, digest_id: str, now: datetime, *, ignore_backoff: bool = False) -> list[int]:
    """Ids of the digest's rows that may be (re)sent now, oldest period first."""
    with store.sessions() as session:
        return list(
            session.scalars(
                select(DigestLog.id)
                .where(DigestLog.digest_id == digest_id, _claimable(now, ignore_backoff))
                .order_by(DigestLog.period_start)
            )
        )


def claim(store: Store, row_id: int, now: datetime, *, ignore_backoff: bool = False) -> Claim | None:
    """Take a row for sending; None when another sender has it or it is settled."""
    with store.sessions.begin() as session:
        result = session.execute(
            update(DigestLog)
            .where(DigestLog.id == row_id, _claimable(now, ignore_backoff))
            .values(status=SENDING, attempts=DigestLog.attempts + 1, updated_at=now)
        )
        if _rowcount(result) != 1:
            return None
        row = session.get_one(DigestLog, row_id)
        return Claim(
            row.id,
            row.digest_id,
            row.period_start,
            row.period_end,
            row.window_start,
            row.window_end,
            row.message_id,
            row.attempts,
        )


def _finish(store: Store, claimed: Claim, **values: Any) -> bool:
    with store.sessions.begin() as session:
        result = session.execute(
            update(DigestLog)
            .where(
                DigestLog.id == claimed.row_id,
                DigestLog.status == SENDING,
                DigestLog.attempts == claimed.attempts,
            )
            .values(**values)
        )
        return _rowcount(result) == 1


def mark_sent(store: Store, claimed: Claim, now: datetime, stories: int) -> bool:
    """The server accepted the message."""
    return _finish(
        store, claimed, status=SENT, sent_at=now, updated_at=now, stories=stories, next_attempt_at=None
    )


def mark_empty(store: Store, claimed: Claim, now: datetime) -> bool:
    """Nothing to send (no stories and ``send_when_empty`` is off): the period is settled."""
    return _finish(store, claimed, status=EMPTY, updated_at=now, stories=0, next_attempt_at=None)


def mark_failed(store: Store, claimed: Claim, now: datetime, error: str) -> datetime:
    """Record a failed attempt; returns when the next one is due."""
    next_attempt = now + backoff(claimed.attempts)
    _finish(
        store, claimed, status=FAILED, last_error=error[:2000], next_attempt_at=next_attempt, updated_at=now
    )
    return next_attempt


def find(store: Store, digest_id: str, period_start: datetime) -> DigestLog | None:
    """The row of one period, if any."""
    with store.sessions() as session:
        return session.scalar(
            select(DigestLog).where(DigestLog.digest_id == digest_id, DigestLog.period_start == period_start)
        )


def has_history(store: Store, digest_id: str) -> bool:
    """True once any period of the digest was logged."""
    with store.sessions() as session:
        return (
            session.scalar(select(DigestLog.id).where(DigestLog.digest_id == digest_id).limit(1)) is not None
        )


def covered_until(store: Store, digest_id: str) -> datetime | None:
    """End of the window of the last sent (or sending, or empty) period."""
    with store.sessions() as session:
        return session.scalar(
            select(func.max(DigestLog.window_end)).where(
                DigestLog.digest_id == digest_id, DigestLog.status.in_(COVERING)
            )
        )
