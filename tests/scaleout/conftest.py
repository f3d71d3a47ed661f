"""Fixtures for the scale-out tests: a real redis-server and newsmon processes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.scaleout.processes import Newsmon, RedisServer


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """redis-server on a free 127.0.0.1 port (skipped when the binary is missing)."""
    if shutil.which("redis-server") is None:
        pytest.skip("scale-out tests skipped: redis-server not found (Debian: apt-get install redis-server)")
    pytest.importorskip("scrapy_redis", reason="scale-out tests skipped: scrapy-redis is not installed")
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Callable[..., Newsmon]]:
    """Start newsmon processes; whatever is still running at the end is killed."""
    started: list[Newsmon] = []

    def start(config: Path, *args: str, env: dict[str, str] | None = None) -> Newsmon:
        name = f"{args[0]}-{len(started)}.log"
        process = Newsmon(config, tmp_path / name, *args, env=env)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.alive:
            process.kill_group()
