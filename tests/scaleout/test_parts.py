"""The scale-out parts on their own: queue messages, the shared dupefilter, leader locks, CLI."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from scrapy import Request

from crawler.config.sources import SourceConfig
from crawler.distributed.queue import IndexMessage, index_messages
from scheduler.leader import FileLeaderLock, PostgresLeaderLock, leader_lock
from tests.scaleout.processes import RedisServer
from tests.scaleout.support import query
from tests.support import newsmon, write_config


def test_messages_round_trip_and_bad_ones_are_refused() -> None:
    source = SourceConfig(
        id="dawn",
        name="Dawn",
        url="https://www.dawn.com/",
        feeds=("https://www.dawn.com/feeds/home",),
        sitemaps=("https://www.dawn.com/sitemap.xml",),
        listings=("https://www.dawn.com/latest-news",),
        article_pattern=r"/news/\d+",
    )
    messages = index_messages(source)
    assert [m.kind for m in messages] == ["feed", "sitemap", "listing"]
    assert messages[0].to_json() == (
        '{"kind":"feed","source_id":"dawn","url":"https://www.dawn.com/feeds/home"}'
    )
    assert [IndexMessage.from_json(m.to_json()) for m in messages] == messages
    bad_messages = ("not json", "[]", '{"source_id": "a"}', '{"source_id":"a","kind":"x","url":"u"}')
    for bad in bad_messages:
        with pytest.raises(ValueError):
            IndexMessage.from_json(bad)


def test_shared_dupefilter_lets_one_of_two_workers_schedule_and_forgets_old_entries(
    redis_server: RedisServer,
) -> None:
    from crawler.distributed.queue import redis_client
    from crawler.distributed.scheduler import ExpiringDupeFilter

    client = redis_client(redis_server.url)
    first, second = (ExpiringDupeFilter(client, "test:seen", ttl=1.0) for _ in range(2))
    request = Request("http://127.0.0.1/news/1")
    assert first.request_seen(request) is False
    assert second.request_seen(request) is True
    assert second.request_seen(Request("http://127.0.0.1/news/2")) is False
    time.sleep(1.2)
    second._pruned = 0.0  # prune on the next call
    assert second.request_seen(request) is False


def test_file_lock_is_exclusive_until_released(tmp_path: Path) -> None:
    lock = leader_lock(f"sqlite:///{tmp_path}/db.sqlite")
    assert isinstance(lock, FileLeaderLock) and lock.path == tmp_path / "db.sqlite.leader"
    other = FileLeaderLock(lock.path)
    assert lock.try_acquire() and lock.held()
    assert not other.try_acquire()
    lock.release()
    assert other.try_acquire()
    other.release()


def test_postgres_lock_is_exclusive_and_lost_with_its_connection(pg_url: str) -> None:
    lock, other = PostgresLeaderLock(pg_url), PostgresLeaderLock(pg_url)
    try:
        assert lock.try_acquire() and lock.held()
        assert not other.try_acquire()
        query(pg_url, "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'")
        assert not lock.held()
        assert other.try_acquire()
        assert not lock.try_acquire()
    finally:
        lock.release()
        other.release()


def test_worker_without_a_queue_is_a_config_error(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", "http://127.0.0.1:9")
    result = newsmon(config, "worker")
    assert result.returncode == 2
    assert "crawl.queue is not set" in result.stderr
