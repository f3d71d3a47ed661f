"""Scale-out end to end: the service enqueues, two workers share one Redis queue, PostgreSQL
stores; every article page is fetched exactly once and stored, and both workers work."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from crawler.sample_outlet import OutletServer, build_sample_site, generate_articles
from tests.scaleout.processes import Newsmon, RedisServer
from tests.scaleout.support import article_gets, count, query, queue_config
from tests.support import newsmon

ARTICLES = generate_articles(200)


def test_two_workers_split_an_outlet_without_duplicate_or_miss(
    tmp_path: Path, pg_url: str, redis_server: RedisServer, processes: Callable[..., Newsmon]
) -> None:
    with OutletServer(lambda base_url: build_sample_site(base_url, ARTICLES)) as outlet:
        config = queue_config(tmp_path / "config", outlet.base_url, redis_server.url)
        env = {"NEWSMON_DATABASE_URL": pg_url}
        assert newsmon(config, "db", "upgrade", env=env).returncode == 0
        workers = [processes(config, "worker", env=env) for _ in range(2)]
        for worker in workers:
            worker.wait_for_log("ready: 1 sources", 60)
        service = processes(config, "run", env=env)

        started = time.monotonic()
        service.wait_for(lambda: count(pg_url, "articles") >= len(ARTICLES), 120, "200 articles stored")
        took = time.monotonic() - started
        # once the workers are idle they store the index validators: a later cycle (every 10 s)
        # reads the feed conditionally (304) and fetches nothing new
        service.wait_for(
            lambda: any(r.status == 304 for r in outlet.requests.for_path("/feeds/latest.xml")),
            45,
            "a conditional feed request answered 304",
        )
        time.sleep(2)
        assert service.stop() == 0, service.log
        for worker in workers:
            assert worker.stop() == 0, worker.log

        fetched = article_gets(outlet)
        assert sorted(fetched) == sorted(a.path for a in ARTICLES)
        assert set(fetched.values()) == {1}, [p for p, n in fetched.items() if n > 1]
        feed = outlet.requests.for_path("/feeds/latest.xml")
        assert all(r.conditional for r in feed if r.status == 304) and len(feed) >= 2

        records = _export(config, env)
        canonical = [r["canonical_url"] for r in records]
        assert len(canonical) == len(set(canonical)) == len(ARTICLES)

        per_worker = query(
            pg_url,
            "SELECT message, sum(pages_fetched), sum(articles_new) FROM crawl_runs "
            "WHERE message LIKE 'worker %' GROUP BY message",
        )
        assert len(per_worker) == 2, per_worker
        assert all(pages > 0 for _, pages, _ in per_worker), per_worker
        assert sum(new for _, _, new in per_worker) == len(ARTICLES)
        assert "enqueued 3 index pages" in service.log
        assert "crawl started" not in service.log  # no crawl subprocess in queue mode
        print(f"200 pages crawled by 2 workers in {took:.1f}s: {per_worker}")


def _export(config: Path, env: dict[str, str]) -> list[dict[str, object]]:
    import json

    result = newsmon(config, "articles", "export", env=env)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
