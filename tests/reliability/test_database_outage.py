"""Issue #9.3: the database goes away mid-crawl (SQLite locked by another writer past its busy
timeout; PostgreSQL stopped). The crawl stops cleanly with the reason recorded, no URL is marked
seen without its article, and the next crawl stores everything that is missing.

Not covered here: SMTP down is part of the digest work (#6); Redis down belongs to scale-out mode.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_outlet import OutletServer, Page, build_sample_site, generate_articles
from tests.reliability.crashkit import article_count, check_consistent, database_of, query, start, wait_until
from tests.support import FAST_CRAWL, newsmon, write_config

ARTICLES = generate_articles(60)
PATHS = {a.path for a in ARTICLES}
PG_PASSWORD = "pg-s3cret-Zq8"


def slow_site(base_url: str) -> dict[str, Page] | object:
    """Every article answers after 0.3 s, so a crawl of 60 takes a few seconds."""
    site = build_sample_site(base_url, ARTICLES, feed_limit=100)
    for path in PATHS:
        site[path] = Page(body=site[path].body, delay=0.3)
    return site


@pytest.fixture
def outlet() -> Iterator[OutletServer]:
    with OutletServer(slow_site) as server:  # type: ignore[arg-type]
        yield server


def fetched(server: OutletServer) -> list[str]:
    return [r.path for r in server.requests.snapshot() if r.path in PATHS]


def test_sqlite_locked_past_its_timeout_stops_the_crawl_cleanly(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url, sitemaps=False, listings=False)
    database = database_of(config)
    env = {"NEWSMON_DATABASE_URL": f"sqlite:///{database}?timeout=2"}  # busy timeout 2 s instead of 30
    crawl = start(config, "crawl", log=tmp_path / "crawl.log", env=env)
    wait_until(lambda: article_count(database) >= 5, timeout=60, what="5 articles")

    blocker = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN EXCLUSIVE")  # another writer holds the lock...
    try:
        wait_until(lambda: "database unavailable" in crawl.output(), timeout=60, what="the crawl notices")
    finally:
        blocker.execute("ROLLBACK")  # ...and lets go once the crawl has given up
        blocker.close()
    assert crawl.process.wait(timeout=60) == 1  # a source that could not be crawled: non-zero
    assert "sample: failed" in crawl.output()

    run = json.loads(newsmon(config, "status", "--format", "json", env=env).stdout)["sources"][0]["last_run"]
    assert run["outcome"] == "failed"
    assert run["errors"]["database_unavailable"] >= 1
    message = query(database, "SELECT message FROM crawl_runs")[0][0]
    assert "database unavailable: database is locked" in str(message)
    check_consistent(database)  # nothing marked seen without its article
    before = {str(u).removeprefix(outlet.base_url) for (u,) in query(database, "SELECT url FROM articles")}
    assert 5 <= len(before) < len(PATHS)

    outlet.requests.clear()
    second = newsmon(config, "crawl", env=env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert set(fetched(outlet)) == PATHS - before
    assert article_count(database) == len(PATHS)
    check_consistent(database)


def test_postgresql_stopped_mid_crawl(outlet: OutletServer, tmp_path: Path) -> None:
    from tests.pgcluster import running_cluster, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL test skipped: {reason}")
    with running_cluster() as cluster:
        # trust authentication ignores the password: it is there to prove it never leaks
        url = cluster.create_database("outage").replace("postgres@", f"postgres:{PG_PASSWORD}@")
        env = {"NEWSMON_DATABASE_URL": url}
        debug = FAST_CRAWL + "log:\n  level: DEBUG\n"  # Scrapy logs its settings, database URL included
        config = write_config(
            tmp_path / "config", outlet.base_url, sitemaps=False, listings=False, settings=debug
        )
        crawl = start(config, "crawl", log=tmp_path / "crawl.log", env=env)
        wait_until(lambda: _pg_count(url) >= 5, timeout=60, what="5 articles")
        stopper = threading.Thread(target=cluster.stop, args=("immediate",))
        stopper.start()  # the database server dies mid-crawl
        stopper.join()
        assert crawl.process.wait(timeout=90) == 1
        output = crawl.output()
        assert "database unavailable" in output and "sample: failed" in output

        cluster.start()
        before = {r[0].removeprefix(outlet.base_url) for r in _pg(url, "SELECT url FROM articles")}
        assert 5 <= len(before) < len(PATHS)
        orphans = _pg(
            url,
            "SELECT url_key FROM seen_urls WHERE outcome = 'article' AND (article_id IS NULL "
            "OR article_id NOT IN (SELECT id FROM articles))",
        )
        assert orphans == []

        outlet.requests.clear()
        second = newsmon(config, "crawl", env=env)
        assert second.returncode == 0, second.stderr[-3000:]
        assert set(fetched(outlet)) == PATHS - before
        assert _pg_count(url) == len(PATHS)
        assert _pg(url, "SELECT count(DISTINCT canonical_url) FROM articles") == [(len(PATHS),)]
        outputs = [output, second.stdout, second.stderr]
        for args in (
            ("status", "--format", "json"),
            ("status",),
            ("articles", "export"),
            ("sources", "list"),
        ):
            result = newsmon(config, *args, env=env)
            outputs += [result.stdout, result.stderr]
        assert "Overridden settings" in output
        assert not [o for o in outputs if PG_PASSWORD in o]


def _pg(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(conninfo, connect_timeout=2) as connection:
            return list(connection.execute(sql).fetchall())
    except psycopg.Error:
        return []


def _pg_count(url: str) -> int:
    rows = _pg(url, "SELECT count(*) FROM articles")
    return int(rows[0][0]) if rows else 0  # type: ignore[call-overload]
