"""Engines, sessions and migrations for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
MIGRATION_LOCK_KEY = 0x6E65_7773  # "news": the advisory lock held while migrating
# Errors that mean the database is unreachable (the crawl-run recorder stops the crawl on them).
DATABASE_ERRORS = (OperationalError, InterfaceError, DisconnectionError)
log = logging.getLogger(__name__)


def _sqlite_pragmas(
    dbapi_connection: Any, _record: Any, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (status, export) run while a crawl writes; NORMAL keeps every
    # committed transaction across a process crash (only an OS crash may lose the last ones).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    """Engine for ``database_url``; creates the directory of a SQLite file."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        # A write waits this long for another writer's lock (default 30 s; `?timeout=SECONDS`
        # in the URL changes it), then fails and the crawl stops (crawler.runrecord).
        timeout = float(str(url.query.get("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)))
        engine = create_engine(url, connect_args={"timeout": timeout})
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout_ms=int(timeout * 1000)))
        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    """Alembic config pointing at the packaged migrations and ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``."""
    command.upgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Serialise schema upgrades between processes (two crawls starting on an empty database)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_schema(engine: Engine) -> None:
    """Upgrade to the latest schema; used by `crawl`, `run` and `demo` on start-up."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    if current_revision(engine) == head:
        return
    with migration_lock(engine):
        if current_revision(engine) != head:  # another process may have done it meanwhile
            log.info("upgrading database schema to %s", head)
            upgrade(engine)


def has_table(engine: Engine, name: str) -> bool:
    """True if ``name`` exists in the database."""
    return inspect(engine).has_table(name)
