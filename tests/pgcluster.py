"""A throwaway PostgreSQL cluster on a free loopback port, started with the machine's
``initdb``/``pg_ctl`` (tests skip with the reason when they are missing).

As root, PostgreSQL refuses to run; the cluster then runs as the ``postgres`` user via ``runuser``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

SEARCH_DIRS = [Path("/usr/lib/postgresql") / v / "bin" for v in ("17", "16", "15", "14", "13")]


def find_binary(name: str) -> str | None:
    """``initdb``/``pg_ctl`` on PATH or in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    for directory in SEARCH_DIRS:
        if (directory / name).exists():
            return str(directory / name)
    return None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here, or None."""
    if not find_binary("initdb") or not find_binary("pg_ctl"):
        return "PostgreSQL binaries (initdb, pg_ctl) not found"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the cluster as"
        if not shutil.which("runuser"):
            return "running as root and 'runuser' is missing"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """A running cluster: its data folder, port and a way to stop or restart it."""

    directory: Path
    port: int
    as_user: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, find_binary("pg_ctl") or "pg_ctl", "-D", str(self.directory / "data"), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        self._ctl(
            "-w",
            "-l",
            str(self.directory / "log"),
            "-o",
            f"-p {self.port} -k {self.directory} "
            "-c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-w", "-m", mode, "stop")

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a cluster in a temporary folder; stop and delete it afterwards."""
    directory = Path(tempfile.mkdtemp(prefix="newsmon-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(directory, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *as_user,
            find_binary("initdb") or "initdb",
            "-D",
            str(directory / "data"),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster = Cluster(directory, _free_port(), as_user)
    cluster.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", cluster.port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    try:
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):
            cluster.stop("immediate")
        shutil.rmtree(directory, ignore_errors=True)
