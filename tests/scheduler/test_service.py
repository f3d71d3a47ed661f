"""The service as an operator runs it: `newsmon run` in a subprocess against a loopback outlet."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_outlet import OutletServer, Page, build_sample_site
from tests.conftest import REPO_ROOT
from tests.support import newsmon, write_config

SERVICE_SETTINGS = """reload_interval: 1
shutdown_grace: 5
crawl:
  download_delay: 0
  autothrottle: false
  extract_workers: 1
"""


class RunningService:
    """`newsmon run` in its own process group, stopped at the end of the test."""

    def __init__(self, config: Path, log: Path):
        self.config = config
        self.log_path = log
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scheduler.cli", "--config-dir", str(config), "run"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def status(self) -> dict[str, Any]:
        result = newsmon(self.config, "status", "--format", "json")
        assert result.returncode == 0, result.stderr
        return dict(json.loads(result.stdout))

    def runs(self, source_id: str) -> int:
        for source in self.status()["sources"]:
            if source["id"] == source_id:
                return int(source["runs"])
        return 0

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> float:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            assert self.process.poll() is None, f"service died:\n{self.log}"
            if condition():
                return time.monotonic() - start
            time.sleep(0.5)
        raise AssertionError(f"timed out waiting for {what}\n{self.log[-4000:]}")

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> tuple[int, float]:
        start = time.monotonic()
        self.process.send_signal(sig)
        code = self.process.wait(timeout=timeout)
        return code, time.monotonic() - start


@pytest.fixture
def outlet() -> Iterator[OutletServer]:
    with OutletServer(build_sample_site) as server:
        yield server


@pytest.fixture
def service_factory(tmp_path: Path) -> Iterator[Callable[[Path], RunningService]]:
    started: list[RunningService] = []

    def start(config: Path) -> RunningService:
        service = RunningService(config, tmp_path / f"service-{len(started)}.log")
        started.append(service)
        return service

    yield start
    for service in started:
        if service.process.poll() is None:
            os.killpg(service.process.pid, signal.SIGKILL)
            service.process.wait()


def append_source(config: Path, source_id: str, base_url: str, every: str = "10s") -> None:
    with (config / "sources.yaml").open("a") as handle:
        handle.write(
            f"  - id: {source_id}\n    name: Second\n    url: {base_url}/\n"
            f"    feeds: [{base_url}/feeds/latest.xml]\n    every: {every}\n"
        )


def test_service_schedules_reloads_reports_and_stops_cleanly(
    outlet: OutletServer, tmp_path: Path, service_factory: Callable[[Path], RunningService]
) -> None:
    config = write_config(tmp_path / "config", outlet.base_url, settings=SERVICE_SETTINGS)
    service = service_factory(config)
    # crawls on start, then every 10 s
    service.wait_for(lambda: service.runs("sample") >= 1, 40, "first crawl")
    service.wait_for(lambda: service.runs("sample") >= 2, 30, "second scheduled crawl")
    status = service.status()
    assert status["service"]["alive"] and status["config_error"] is None
    assert status["sources"][0]["next_run"] is not None

    # a source appended to the file is crawled within 20 s, without a restart
    append_source(config, "second", outlet.base_url)
    took = service.wait_for(lambda: service.runs("second") >= 1, 20, "appended source crawled")
    assert took <= 20

    # a broken edit leaves the service running and visible as config_error with file:line
    good = (config / "sources.yaml").read_text()
    (config / "sources.yaml").write_text(good.replace("every: 10s", "every: whenever", 1))
    service.wait_for(lambda: bool(service.status()["config_error"]), 15, "config_error shown")
    error = service.status()["config_error"]
    assert f"{config / 'sources.yaml'}:9: sources[0].every" in error
    runs_before = service.runs("sample")
    service.wait_for(lambda: service.runs("sample") > runs_before, 30, "last good config keeps running")

    # a good edit clears it; removing a source removes its job
    (config / "sources.yaml").write_text(good.split("  - id: second")[0])
    service.wait_for(lambda: service.status()["config_error"] is None, 15, "config_error cleared")
    service.wait_for(
        lambda: (
            next(s for s in service.status()["service"]["next_runs"].items())[0] == "sample"
            and "second" not in service.status()["service"]["next_runs"]
        ),
        15,
        "removed source unscheduled",
    )

    code, took = service.stop()
    assert code == 0 and took < 15, service.log
    assert service.status()["service"] is None


def test_restart_neither_duplicates_nor_forgets_jobs(
    outlet: OutletServer, tmp_path: Path, service_factory: Callable[[Path], RunningService]
) -> None:
    config = write_config(tmp_path / "config", outlet.base_url, settings=SERVICE_SETTINGS)
    database = tmp_path / "config.sqlite"

    def jobs() -> list[tuple[str, float]]:
        with sqlite3.connect(database) as connection:
            return list(connection.execute("SELECT id, next_run_time FROM apscheduler_jobs ORDER BY id"))

    first = service_factory(config)
    first.wait_for(lambda: first.runs("sample") >= 1, 40, "first crawl")
    assert first.stop()[0] == 0
    assert [job_id for job_id, _ in jobs()] == ["crawl:sample"]
    second = service_factory(config)
    second.wait_for(lambda: bool(second.status()["service"]), 20, "second service up")
    second.wait_for(lambda: second.runs("sample") >= 2, 40, "crawl after restart")
    assert [job_id for job_id, _ in jobs()] == ["crawl:sample"]
    assert second.stop(signal.SIGINT)[0] == 0


def test_watchdog_stops_a_hung_crawl_and_spares_the_others(
    outlet: OutletServer, tmp_path: Path, service_factory: Callable[[Path], RunningService]
) -> None:
    site = build_sample_site(outlet.base_url)
    site["/stalled.xml"] = Page(body=b"<rss/>", delay=120)
    outlet.site = site
    config = write_config(
        tmp_path / "config", outlet.base_url, settings=SERVICE_SETTINGS + "  download_timeout: 100\n"
    )
    with (config / "sources.yaml").open("a") as handle:
        handle.write(
            f"  - id: stalled\n    name: Stalled\n    url: {outlet.base_url}/\n"
            f"    feeds: [{outlet.base_url}/stalled.xml]\n    every: 1h\n    timeout: 4s\n"
        )
    service = service_factory(config)

    def outcome(source_id: str) -> str | None:
        for source in service.status()["sources"]:
            if source["id"] == source_id and source["last_run"]:
                return str(source["last_run"]["outcome"])
        return None

    service.wait_for(lambda: outcome("stalled") == "timed_out", 60, "stalled crawl timed out")
    service.wait_for(lambda: outcome("sample") == "ok", 30, "other source crawled")
    assert service.stop()[0] == 0


def test_health_and_metrics_endpoint(
    outlet: OutletServer, tmp_path: Path, service_factory: Callable[[Path], RunningService]
) -> None:
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = SERVICE_SETTINGS + f"http:\n  enabled: true\n  host: 127.0.0.1\n  port: {port}\n"
    config = write_config(tmp_path / "config", outlet.base_url, settings=settings)
    service = service_factory(config)
    service.wait_for(lambda: service.status()["sources"][0]["health"] == "ok", 40, "first crawl finished")
    health = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read())
    assert health["status"] == "ok" and health["sources"] == {"sample": "ok"}
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    assert 'newsmon_source_runs{source="sample"}' in metrics
    assert "newsmon_config_error 0.0" in metrics
    assert service.stop()[0] == 0


def test_changed_schedule_reschedules_without_pausing_and_unchanged_keeps_its_next_run(
    tmp_path: Path,
) -> None:
    import shutil
    from datetime import timedelta

    from apscheduler.schedulers.background import BackgroundScheduler

    from scheduler.app import load_app_config
    from scheduler.service import Service

    config = write_config(tmp_path / "config", "http://127.0.0.1:9", taxonomy=False)
    service = Service(config)
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.start(paused=True)
    try:
        service._sync_jobs(scheduler, load_app_config(config))
        job = scheduler.get_job("crawl:sample")
        assert job.trigger.interval == timedelta(seconds=10) and job.next_run_time is not None
        first_run = job.next_run_time
        service._sync_jobs(scheduler, load_app_config(config))  # unchanged: left alone
        assert scheduler.get_job("crawl:sample").next_run_time == first_run
        sources = config / "sources.yaml"
        sources.write_text(sources.read_text().replace("every: 10s", "every: 1h"))
        service._sync_jobs(scheduler, load_app_config(config))
        job = scheduler.get_job("crawl:sample")
        assert job.trigger.interval == timedelta(hours=1)
        assert job.next_run_time is not None, "a rescheduled job must not be paused"
    finally:
        scheduler.shutdown(wait=False)
        shutil.rmtree(service.workdir, ignore_errors=True)
