"""Only one scheduler is active per database; a standby takes over when the active one dies."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.sample_outlet import OutletServer, build_sample_site
from tests.scaleout.processes import Newsmon
from tests.scaleout.support import query
from tests.support import write_config

SERVICE_SETTINGS = """reload_interval: 1
shutdown_grace: 5
crawl:
  download_delay: 0
  autothrottle: false
  extract_workers: 1
"""
TAKEOVER_LIMIT = 15.0


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_standby_scheduler_takes_over_when_the_active_one_is_killed(
    tmp_path: Path, database: str, request: pytest.FixtureRequest, processes: Callable[..., Newsmon]
) -> None:
    with OutletServer(build_sample_site) as outlet:
        config = write_config(tmp_path / "config", outlet.base_url, settings=SERVICE_SETTINGS)
        sources = config / "sources.yaml"
        sources.write_text(sources.read_text().replace("every: 10s", "every: 4s"))
        url = f"sqlite:///{tmp_path / 'config.sqlite'}"
        env: dict[str, str] = {}
        if database == "postgres":
            url = request.getfixturevalue("pg_url")
            env["NEWSMON_DATABASE_URL"] = url
        active = processes(config, "run", env=env)
        active.wait_for(lambda: _finished_runs(url) >= 1, 60, "first crawl by the active service")

        standby = processes(config, "run", env=env)
        standby.wait_for_log("standby", 30)
        standby.wait_for(
            lambda: bool(query(url, "SELECT key FROM service_state WHERE key LIKE 'standby:%'")),
            15,
            "standby state published",
        )
        runs = _finished_runs(url)
        active.wait_for(lambda: _finished_runs(url) > runs, 30, "a scheduled crawl while B waits")
        assert "crawl started" not in standby.log and "scheduled" not in standby.log

        active.kill_group()
        killed = time.monotonic()
        standby.wait_for_log("leadership acquired", TAKEOVER_LIMIT)
        took = time.monotonic() - killed
        standby.wait_for_log("crawl started", 30)
        runs = _finished_runs(url)
        standby.wait_for(lambda: _finished_runs(url) > runs, 60, "a crawl by the new active service")
        assert not query(url, "SELECT key FROM service_state WHERE key LIKE 'standby:%'")
        assert standby.stop() == 0, standby.log
        print(f"{database}: standby took over {took:.1f}s after kill -9")


def _finished_runs(url: str) -> int:
    try:
        return int(query(url, "SELECT count(*) FROM crawl_runs WHERE outcome = 'ok'")[0][0])
    except Exception:  # the table does not exist before the first migration
        return 0
