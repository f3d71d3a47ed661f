"""One active scheduler per database: ``newsmon run`` holds a leadership lock while it schedules;
a second one waits as a standby and takes over when the lock is free.

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a dedicated
  connection held for the life of the process. It is released when the process dies and its
  connection closes; if the host vanishes without closing it, ``idle_session_timeout`` (set on
  that connection, PostgreSQL 14+) ends the silent session, as the holder pings it every few
  seconds.
- SQLite: an exclusive ``fcntl.flock`` on ``<database file>.leader`` (one machine only).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import socket
import threading
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from pipelines.storage.models import ServiceState, utcnow
from pipelines.storage.repository import Store

log = logging.getLogger("newsmon.leader")
LOCK_ID = int.from_bytes(hashlib.sha256(b"newsmon:scheduler").digest()[:8], "big", signed=True)
RETRY_EVERY = 2.0


class LeaderLock(Protocol):
    """A lock at most one scheduler holds."""

    def try_acquire(self) -> bool:
        """Take the lock if it is free (True also when already held)."""

    def held(self) -> bool:
        """Still held (for the database lock: its connection still answers)."""

    def release(self) -> None:
        """Give it up."""


class PostgresLeaderLock:
    """Session-level advisory lock on a connection of its own (not from the store's pool)."""

    def __init__(self, database_url: str, idle_timeout: float = 30.0):
        self.engine = create_engine(database_url, poolclass=NullPool)
        self.idle_timeout = idle_timeout
        self.connection: Connection | None = None
        self.acquired = False

    def _connect(self) -> Connection:
        if self.connection is None:
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            try:
                ms = int(self.idle_timeout * 1000)
                connection.execute(text(f"SET idle_session_timeout = {ms}"))
            except SQLAlchemyError:
                connection.rollback()  # PostgreSQL < 14: the lock still works, without that guard
            self.connection = connection
        return self.connection

    def try_acquire(self) -> bool:
        if self.acquired and self.held():
            return True
        try:
            got = self._connect().execute(text("SELECT pg_try_advisory_lock(:id)"), {"id": LOCK_ID}).scalar()
        except SQLAlchemyError as exc:
            log.warning("scheduler lock: database unavailable (%s)", type(exc).__name__)
            self._drop()
            return False
        self.acquired = bool(got)
        return self.acquired

    def held(self) -> bool:
        if not self.acquired or self.connection is None:
            return False
        try:
            self.connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            self._drop()
            return False
        return True

    def release(self) -> None:
        if self.connection is not None and self.acquired:
            with contextlib.suppress(SQLAlchemyError):  # closing the connection releases it anyway
                self.connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": LOCK_ID})
        self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        self.acquired = False
        if self.connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self.connection.close()
            self.connection = None


class FileLeaderLock:
    """Exclusive flock on a file next to the SQLite database; the kernel drops it with the process."""

    def __init__(self, path: Path):
        self.path = path
        self.handle: IO[str] | None = None

    def try_acquire(self) -> bool:
        if self.handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{socket.gethostname()}:{os.getpid()}\n")
        handle.flush()
        self.handle = handle
        return True

    def held(self) -> bool:
        return self.handle is not None

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


class NoLock:
    """In-memory SQLite: nothing to share, always the leader."""

    def try_acquire(self) -> bool:
        return True

    def held(self) -> bool:
        return True

    def release(self) -> None:
        return None


def leader_lock(database_url: str, reload_interval: float = 5.0) -> LeaderLock:
    """The lock for ``database_url``'s kind of database."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return PostgresLeaderLock(database_url, idle_timeout=max(30.0, 4 * reload_interval))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return FileLeaderLock(Path(url.database).resolve().with_name(Path(url.database).name + ".leader"))
    return NoLock()


def wait_for_leadership(
    lock: LeaderLock, stop: threading.Event, store: Store, every: float = RETRY_EVERY
) -> bool:
    """Take the lock, or wait as a standby until it is free (True) or ``stop`` is set (False).
    A standby publishes ``standby:HOST:PID`` in ``service_state`` while it waits."""
    if lock.try_acquire():
        return True
    key = f"standby:{socket.gethostname()}:{os.getpid()}"
    log.info("standby: another scheduler is active on this database; taking over when it stops")
    try:
        while not stop.wait(every):
            if lock.try_acquire():
                log.info("leadership acquired: this scheduler is now active (pid %s)", os.getpid())
                return True
            state = {"pid": os.getpid(), "host": socket.gethostname(), "heartbeat_at": utcnow().isoformat()}
            _publish(store, key, state)
        return False
    finally:
        _publish(store, key, None)


def _publish(store: Store, key: str, value: dict[str, object] | None) -> None:
    """Write or delete one ``service_state`` row; a database hiccup is not the standby's end."""
    try:
        with store.sessions.begin() as session:
            row = session.get(ServiceState, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(ServiceState(key=key, value=value, updated_at=utcnow()))
            else:
                row.value, row.updated_at = value, utcnow()
    except SQLAlchemyError as exc:
        log.debug("standby state not published: %s", exc)
