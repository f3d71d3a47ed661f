"""The long-running service (``newsmon run``): schedules, live reload, heartbeat, shutdown."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config.settings import ConfigPaths
from crawler.config.sources import SourceConfig
from crawler.config.yamlfile import ConfigError
from pipelines.storage.models import utcnow
from pipelines.storage.repository import Store
from scheduler import jobs
from scheduler.app import AppConfig, load_app_config, setup_logging
from scheduler.leader import LeaderLock, leader_lock, wait_for_leadership
from scheduler.schedule_sync import JobSpec, sync_jobs
from scheduler.state import write_service_state

log = logging.getLogger("newsmon.service")
JOB_PREFIX = "crawl:"
JOBSTORE_TABLE = "apscheduler_jobs"


def schedule_of(source: SourceConfig) -> str:
    """A stable text form of a source's schedule (detects changes on reload)."""
    return f"every {source.every}" if source.every else f"cron {source.cron or '15m'}"


def trigger_for(source: SourceConfig, timezone: str) -> BaseTrigger:
    """Interval or cron trigger, with jitter so sources on one schedule don't fire together."""
    if source.cron:
        return CronTrigger.from_crontab(source.cron, timezone=timezone)
    interval = source.interval or timedelta(minutes=15)
    seconds = interval.total_seconds()
    jitter = int(min(60.0, seconds * 0.1)) or None
    return IntervalTrigger(seconds=int(seconds), jitter=jitter, timezone=timezone)


def validate_all(config: AppConfig) -> None:
    """Everything the service depends on, loaded once: raises ConfigError with file:line."""
    if config.taxonomy_dir:
        from pipelines.tagging import load_taxonomy

        load_taxonomy(config.taxonomy_dir)
    from scheduler.digests.config import load_app_digests

    load_app_digests(config)


def config_files(paths: ConfigPaths) -> list[Path]:
    """The files whose edits the service picks up."""
    files = [paths.settings, paths.sources, paths.digests]
    if paths.taxonomy.is_dir():
        files.extend(sorted(paths.taxonomy.glob("*.yaml")))
    return files


def fingerprint(paths: ConfigPaths) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every config file: changes when any file is edited."""
    result = []
    for path in config_files(paths):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        result.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(result)


@dataclass
class Snapshot:
    """A copy of the last good config; crawl subprocesses read it, so a broken edit on disk
    never reaches them."""

    directory: Path

    def update(self, source: Path) -> None:
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=self.directory.parent))
        shutil.copytree(source, staging, dirs_exist_ok=True)
        old = self.directory.with_name(self.directory.name + ".old")
        if self.directory.exists():
            self.directory.rename(old)
        staging.rename(self.directory)
        shutil.rmtree(old, ignore_errors=True)


class Service:
    """Scheduler, reload watcher and heartbeat in one process; crawls run as subprocesses."""

    def __init__(self, config_dir: str | Path | None = None):
        self.paths = ConfigPaths(Path(jobs.config_dir_of(ConfigPaths.from_env(config_dir).root)))
        self.stop_event = threading.Event()
        self.reload_event = threading.Event()
        self.config: AppConfig | None = None
        self.config_error: str | None = None
        self.started_at = utcnow()
        self.workdir = Path(tempfile.mkdtemp(prefix="newsmon-service-"))
        self.snapshot = Snapshot(self.workdir / "config")
        self._fingerprint: tuple[tuple[str, int, int], ...] = ()
        self.leader: LeaderLock | None = None

    # -- config --------------------------------------------------------------------------

    def _load(self) -> AppConfig | None:
        self._fingerprint = fingerprint(self.paths)
        try:
            config = load_app_config(self.paths.root)
            validate_all(config)
        except ConfigError as exc:
            self.config_error = str(exc)
            for issue in exc.issues:
                log.error("config error (keeping the last good config): %s", issue)
            return None
        self.config_error = None
        self.snapshot.update(self.paths.root)
        return config

    def reload(self, scheduler: BackgroundScheduler) -> None:
        """Re-read the config; apply it if valid, else keep the last good one running."""
        config = self._load()
        if config is not None:
            self.config = config
            self._sync_jobs(scheduler, config)
            log.info("config loaded: %d sources enabled", len(config.sources.enabled))
        self._heartbeat(scheduler)

    def _sync_jobs(self, scheduler: BackgroundScheduler, config: AppConfig) -> None:
        context = jobs.CONTEXT
        if context is not None:
            context.crawl_timeout = config.settings.crawl.crawl_timeout
            context.queue = config.settings.crawl.queue
            context.source_timeouts = {
                s.id: s.timeout_seconds for s in config.sources.sources if s.timeout_seconds
            }
        wanted = {
            JOB_PREFIX + source.id: JobSpec(
                func="scheduler.jobs:crawl_job",
                trigger=trigger_for(source, config.settings.timezone),
                name=f"crawl {source.id}",
                schedule=schedule_of(source),
                kwargs={"source_id": source.id},
                run_when_added=True,  # a new source crawls now
            )
            for source in config.sources.enabled
        }
        sync_jobs(scheduler, JOB_PREFIX, "source", wanted)
        from scheduler.digests.job import sync_digest_jobs

        sync_digest_jobs(scheduler, config)

    def _heartbeat(self, scheduler: BackgroundScheduler) -> None:
        if self.config is None:
            return
        next_runs = {
            job.id.removeprefix(JOB_PREFIX): job.next_run_time.isoformat() if job.next_run_time else None
            for job in scheduler.get_jobs()
            if job.id.startswith(JOB_PREFIX)
        }
        write_service_state(
            Store.for_url(self.config.settings.database_url),
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started_at": self.started_at.isoformat(),
                "heartbeat_at": utcnow().isoformat(),
                "heartbeat_interval": self.config.settings.reload_interval,
                "config_error": self.config_error,
                "next_runs": next_runs,
                "running": sorted(jobs.CONTEXT.processes.running) if jobs.CONTEXT else [],
            },
        )

    # -- lifecycle -----------------------------------------------------------------------

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            self.reload_event.set()
        else:
            log.info("received %s; shutting down", signal.Signals(signum).name)
            self.stop_event.set()
            self.reload_event.set()

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; returns the exit code (0 on a clean stop)."""
        config = self._load()
        if config is None:
            # Without any good config there is nothing to schedule, but the service stays up,
            # shows the error in `newsmon status` and starts as soon as the file is fixed.
            config = AppConfig(self.paths, _fallback_settings(), _empty_sources(self.paths))
        self.config = config
        settings = config.settings
        setup_logging(settings.log.level, settings.log.file)
        store = Store.for_url(settings.database_url)
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        self.leader = leader_lock(settings.database_url, settings.reload_interval)
        if not wait_for_leadership(self.leader, self.stop_event, store):  # standby until it is free
            self.leader.release()
            shutil.rmtree(self.workdir, ignore_errors=True)
            return 0
        jobs.close_stale_runs(settings.database_url)
        jobs.CONTEXT = jobs.JobContext(
            config_dir=str(self.snapshot.directory),
            database_url=settings.database_url,
            crawl_timeout=settings.crawl.crawl_timeout,
            queue=settings.crawl.queue,
        )
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=store.engine, tablename=JOBSTORE_TABLE)},
            executors={
                "default": {"type": "threadpool", "max_workers": settings.crawl.max_concurrent_crawls}
            },
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
            timezone=settings.timezone,
        )
        scheduler.start()
        if self.config_error is None:
            self._sync_jobs(scheduler, config)
        if settings.http.enabled:
            from scheduler.http_endpoint import serve
            from scheduler.status_cli import build_status

            serve(settings.http.host, settings.http.port, lambda: build_status(str(self.paths.root)))
        log.info("service started pid=%s; %d sources scheduled", os.getpid(), len(config.sources.enabled))
        code = 0
        try:
            while not self.stop_event.is_set():
                if not self.leader.held() and not self.leader.try_acquire():
                    log.error("lost the scheduler lock (database connection gone); stopping")
                    code = 1
                    break
                self._heartbeat(scheduler)
                triggered = self.reload_event.wait(settings.reload_interval)
                if self.stop_event.is_set():
                    break
                if triggered or fingerprint(self.paths) != self._fingerprint:
                    self.reload_event.clear()
                    self.reload(scheduler)
        finally:
            self._shutdown(scheduler)
        return code

    def _shutdown(self, scheduler: BackgroundScheduler) -> None:
        grace = self.config.settings.shutdown_grace if self.config else 20.0
        if jobs.CONTEXT is not None:
            jobs.CONTEXT.processes.terminate_all(grace)
        scheduler.shutdown(wait=True)
        if self.config is not None:
            write_service_state(Store.for_url(self.config.settings.database_url), None)
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self.leader is not None:
            self.leader.release()
        log.info("service stopped")


def _fallback_settings() -> Any:
    from crawler.config.settings import ServiceSettings, apply_env

    return apply_env(ServiceSettings())


def _empty_sources(paths: ConfigPaths) -> Any:
    from crawler.config.sources import SourceList

    return SourceList(paths.sources, ())


def cmd_run(args: argparse.Namespace) -> int:
    """Run the scheduler until SIGTERM/SIGINT."""
    setup_logging("INFO")
    return Service(args.config_dir).run()
