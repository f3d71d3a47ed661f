"""Issue #9.2: kill -9 in the middle of a 500-page crawl (of `newsmon crawl`, of the service).

Every article committed before the kill is intact, none is stored twice, and the next crawl
fetches exactly the pages that were not stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_outlet import OutletServer, build_sample_site, generate_articles
from tests.reliability.crashkit import (
    article_count,
    check_consistent,
    children,
    database_of,
    query,
    start,
    wait_until,
)
from tests.support import newsmon, write_config

ARTICLES = generate_articles(500)
PATHS = {a.path for a in ARTICLES}
KILL_AFTER = 120  # articles stored before the kill


@pytest.fixture
def outlet() -> Iterator[OutletServer]:
    with OutletServer(lambda base: build_sample_site(base, ARTICLES, feed_limit=600)) as server:
        yield server


def article_fetches(server: OutletServer) -> list[str]:
    return [r.path for r in server.requests.snapshot() if r.path in PATHS]


def stored_paths(database: Path, base_url: str) -> set[str]:
    return {str(url).removeprefix(base_url) for (url,) in query(database, "SELECT url FROM articles")}


def run_service_until_complete(config: Path, log: Path) -> None:
    """Start the service, let it crawl until every article is stored and recorded, stop it."""
    database = database_of(config)
    service = start(config, "run", log=log)
    try:
        wait_until(lambda: article_count(database) == len(PATHS), timeout=120, what="every article stored")
        wait_until(
            lambda: bool(query(database, "SELECT id FROM crawl_runs WHERE outcome = 'ok'")),
            timeout=60,
            what="the crawl recorded",
        )
    finally:
        assert service.stop() == 0, service.output()[-3000:]


def test_kill_9_of_a_crawl_then_a_restart_loses_nothing_and_fetches_only_the_rest(
    outlet: OutletServer, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "config", outlet.base_url, sitemaps=False, listings=False)
    database = database_of(config)
    crawl = start(config, "crawl", log=tmp_path / "crawl.log")
    wait_until(lambda: article_count(database) >= KILL_AFTER, timeout=120, what=f"{KILL_AFTER} articles")
    crawl.kill_group()  # the crawl and its extraction workers, like a power cut

    check_consistent(database)
    before = stored_paths(database, outlet.base_url)
    print(f"kill -9 of the crawl after {len(before)} articles; {len(article_fetches(outlet))} pages fetched")
    assert KILL_AFTER <= len(before) < len(PATHS)
    assert query(database, "SELECT outcome FROM crawl_runs") == [("running",)]  # died unrecorded

    outlet.requests.clear()
    run_service_until_complete(config, tmp_path / "service.log")
    fetched = article_fetches(outlet)
    assert len(fetched) == len(set(fetched))
    assert set(fetched) == PATHS - before  # only what was missing; nothing stored is fetched again
    check_consistent(database)
    assert stored_paths(database, outlet.base_url) == PATHS
    outcomes = [row[0] for row in query(database, "SELECT outcome FROM crawl_runs ORDER BY id")]
    assert outcomes[:2] == ["interrupted", "ok"]  # the dead run is closed when the service starts


def test_kill_9_of_the_service_mid_crawl_then_a_restart(outlet: OutletServer, tmp_path: Path) -> None:
    config = write_config(tmp_path / "config", outlet.base_url, sitemaps=False, listings=False)
    database = database_of(config)
    service = start(config, "run", log=tmp_path / "service.log")
    wait_until(lambda: article_count(database) >= KILL_AFTER, timeout=120, what=f"{KILL_AFTER} articles")
    crawls = children(service.pid)
    assert crawls, "the service runs its crawl in a subprocess"
    service.kill_group()  # the crawl runs in its own session: it survives the service...
    wait_until(  # ...notices its parent is gone and stops gracefully
        lambda: not any(Path(f"/proc/{pid}").exists() for pid in crawls),
        timeout=60,
        what="orphan crawl exits",
    )
    assert query(database, "SELECT outcome FROM crawl_runs") == [("interrupted",)]
    check_consistent(database)
    before = stored_paths(database, outlet.base_url)
    print(f"kill -9 of the service; its crawl stopped itself after {len(before)} articles")
    assert len(before) < len(PATHS)

    outlet.requests.clear()
    run_service_until_complete(config, tmp_path / "service.log")
    fetched = article_fetches(outlet)
    assert len(fetched) == len(set(fetched))
    assert set(fetched) == PATHS - before
    check_consistent(database)
    assert stored_paths(database, outlet.base_url) == PATHS
    status = json.loads(newsmon(config, "status", "--format", "json").stdout)
    assert status["sources"][0]["runs"] >= 2
