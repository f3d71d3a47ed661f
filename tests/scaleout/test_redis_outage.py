"""Redis down in scale-out mode: the worker waits and reconnects; the enqueue is recorded failed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from crawler.distributed.queue import enqueue_job, enqueue_source
from crawler.sample_outlet import OutletServer, build_sample_site, generate_articles
from tests.scaleout.processes import Newsmon, RedisServer
from tests.scaleout.support import article_gets, count, query, queue_config

ARTICLES = generate_articles(30)


def test_worker_waits_for_redis_and_goes_on_after_a_restart(
    tmp_path: Path, redis_server: RedisServer, processes: Callable[..., Newsmon]
) -> None:
    with OutletServer(lambda base_url: build_sample_site(base_url, ARTICLES)) as outlet:
        config = queue_config(tmp_path / "config", outlet.base_url, redis_server.url)
        database = f"sqlite:///{tmp_path / 'config.sqlite'}"
        worker = processes(config, "worker")
        worker.wait_for_log("ready: 1 sources", 60)

        redis_server.stop()
        worker.wait_for_log("redis unavailable", 15)
        # the service's enqueue meanwhile fails, and says so in the crawl-run records
        enqueue_job(redis_server.url, str(config), database, "sample")
        [(outcome, errors)] = query(database, "SELECT outcome, errors FROM crawl_runs")
        assert outcome == "failed" and "queue_unavailable" in str(errors)
        time.sleep(3)
        assert worker.alive, worker.log

        redis_server.start()  # same port, empty (no persistence)
        worker.wait_for_log("redis reachable again", 15)
        assert enqueue_source(redis_server.url, str(config), "sample") == 3
        worker.wait_for(lambda: count(database, "articles") >= len(ARTICLES), 90, "articles stored")
        assert worker.stop() == 0, worker.log

    fetched = article_gets(outlet)
    assert sorted(fetched) == sorted(a.path for a in ARTICLES)
    assert set(fetched.values()) == {1}
