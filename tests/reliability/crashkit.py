"""Helpers for the crash and outage tests: processes started like an operator would, killed
like a power cut, and a read-only look into the SQLite database while they run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tests.conftest import REPO_ROOT


def database_of(config: Path) -> Path:
    """The SQLite file `tests.support.write_config` puts next to the config folder."""
    return config.parent / f"{config.name}.sqlite"


def query(database: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows of one query on a fresh connection (safe while a crawl writes: WAL)."""
    if not database.exists():
        return []
    connection = sqlite3.connect(database, timeout=30)
    try:
        return connection.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return []  # schema not created yet
    finally:
        connection.close()


def article_count(database: Path) -> int:
    rows = query(database, "SELECT count(*) FROM articles")
    return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]


@dataclass
class Started:
    """A newsmon command running in its own session (its own process group)."""

    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill_group(self) -> None:
        """kill -9 of the process and everything in its group (extraction workers)."""
        with _suppress_gone():
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        wait_until(lambda: not _group_alive(self.pid), timeout=10, what=f"process group {self.pid} gone")

    def stop(self, timeout: float = 60) -> int:
        """SIGTERM, then wait."""
        with _suppress_gone():
            os.kill(self.pid, signal.SIGTERM)
        return self.process.wait(timeout=timeout)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


class _suppress_gone:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, ProcessLookupError)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def start(config: Path, *args: str, log: Path, env: dict[str, str] | None = None) -> Started:
    """``newsmon --config-dir CONFIG ARGS`` in the background, output to ``log``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    environment.update(env or {})
    handle: IO[bytes] = log.open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), *args],
        cwd=REPO_ROOT,
        env=environment,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    handle.close()
    return Started(process, log)


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def wait_until(predicate: Callable[[], bool], *, timeout: float, what: str, every: float = 0.1) -> None:
    """Poll ``predicate`` until it holds; fail the test with ``what`` on timeout."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for: {what}")
        time.sleep(every)


def check_consistent(database: Path) -> None:
    """The database survived: integrity, every article intact and settled, nothing settled
    as an article without one."""
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
    assert query(database, "SELECT count(*) FROM articles WHERE text IS NULL OR length(text) < 200") == [(0,)]
    orphans = query(
        database,
        "SELECT url_key FROM seen_urls WHERE outcome = 'article' "
        "AND (article_id IS NULL OR article_id NOT IN (SELECT id FROM articles))",
    )
    assert orphans == [], f"URLs marked seen without their article: {orphans[:5]}"
    unsettled = query(
        database,
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM seen_urls "
        "WHERE article_id IS NOT NULL)",
    )
    assert unsettled == [], f"articles without their seen URL: {unsettled[:5]}"
    assert (
        query(database, "SELECT canonical_url FROM articles GROUP BY canonical_url HAVING count(*) > 1") == []
    )
    assert query(database, "SELECT url FROM articles GROUP BY url HAVING count(*) > 1") == []
