"""Scheduled job functions. APScheduler stores them by reference ("scheduler.jobs:crawl_job"),
so they are module-level and take only plain arguments."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from pipelines.storage.models import CrawlRun, utcnow
from pipelines.storage.repository import Store

log = logging.getLogger("newsmon.jobs")


@dataclass
class CrawlProcesses:
    """The crawl subprocesses the service is running, so shutdown can stop them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    accepting: bool = True

    def terminate_all(self, grace: float) -> None:
        """SIGTERM every crawl (Scrapy closes gracefully), SIGKILL what is left after ``grace``."""
        with self.lock:
            self.accepting = False
            processes = list(self.running.items())
        for _, process in processes:
            _signal(process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for source_id, process in processes:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("crawl of %s did not stop within %.0fs; killing it", source_id, grace)
                _signal(process, signal.SIGKILL)
                process.wait()


@dataclass
class JobContext:
    """What jobs need from the running service; set once by the service at start-up."""

    config_dir: str
    database_url: str
    crawl_timeout: float
    source_timeouts: dict[str, float] = field(default_factory=dict)
    processes: CrawlProcesses = field(default_factory=CrawlProcesses)
    queue: str | None = None  # crawl.queue: scale-out mode, workers crawl


CONTEXT: JobContext | None = None
ENV_PARENT_PID = "NEWSMON_PARENT_PID"  # read by crawler.parentwatch in the crawl subprocess
# Seconds past the crawl's own time limit before the watchdog kills it (Scrapy's close on
# timeout waits for downloads in flight, so a stalled download needs the signal).
KILL_MARGIN = 10.0


def _signal(process: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def crawl_command(config_dir: str, source_id: str) -> list[str]:
    """The command line of one crawl subprocess."""
    return [sys.executable, "-m", "scheduler.cli", "--config-dir", config_dir, "crawl", source_id]


def crawl_job(source_id: str, schedule: str = "") -> None:
    """Crawl one source in a subprocess; kill it when it outlives its time limit.

    A subprocess per crawl keeps the service free of Twisted reactor restarts, keeps its
    memory flat (each crawl's caches die with its process) and lets the watchdog stop a
    hung crawl without touching the others.
    """
    context = CONTEXT
    if context is None:
        raise RuntimeError("crawl_job ran outside the service")
    if context.queue:  # scale-out: the source's index pages go to the shared queue
        from crawler.distributed.queue import enqueue_job

        enqueue_job(context.queue, context.config_dir, context.database_url, source_id)
        return
    processes = context.processes
    timeout = context.source_timeouts.get(source_id, context.crawl_timeout)
    started = utcnow()
    with processes.lock:
        if not processes.accepting:
            return
        if source_id in processes.running:
            log.warning("source=%s crawl still running; skipping this run", source_id)
            return
        process = subprocess.Popen(
            crawl_command(context.config_dir, source_id),
            start_new_session=True,
            env={**os.environ, ENV_PARENT_PID: str(os.getpid())},  # the crawl stops if we die
        )
        processes.running[source_id] = process
    log.info("source=%s crawl started pid=%s (%s)", source_id, process.pid, schedule)
    try:
        code = process.wait(timeout=timeout + KILL_MARGIN)
    except subprocess.TimeoutExpired:
        log.error("source=%s crawl exceeded %.0fs; stopping it", source_id, timeout)
        _signal(process, signal.SIGTERM)
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _signal(process, signal.SIGKILL)
            code = process.wait()
        _close_orphan_runs(context.database_url, source_id, started, "timed_out")
    finally:
        with processes.lock:
            processes.running.pop(source_id, None)
    if code not in (0, 1):
        _close_orphan_runs(context.database_url, source_id, started, "crashed" if code > 0 else "interrupted")
    log.info("source=%s crawl exited with %s", source_id, code)


def _close_orphan_runs(database_url: str, source_id: str, since: object, outcome: str) -> None:
    """Mark runs the killed process left open; record one if it never opened a run."""
    store = Store.for_url(database_url)
    with store.sessions.begin() as session:
        open_runs = session.scalars(
            select(CrawlRun.id).where(
                CrawlRun.source_id == source_id, CrawlRun.outcome == "running", CrawlRun.started_at >= since
            )
        ).all()
        if open_runs:
            session.execute(
                update(CrawlRun)
                .where(CrawlRun.id.in_(open_runs))
                .values(outcome=outcome, finished_at=utcnow(), message=f"crawl process {outcome}")
            )
        else:
            session.add(
                CrawlRun(
                    source_id=source_id,
                    started_at=since,
                    finished_at=utcnow(),
                    outcome=outcome,
                    message=f"crawl process {outcome} before it recorded a run",
                )
            )


def close_stale_runs(database_url: str) -> int:
    """At service start-up: runs still ``running`` belong to crawls that died with the previous
    service (kill -9, power loss); record them ``interrupted``. Returns how many."""
    store = Store.for_url(database_url)
    with store.sessions.begin() as session:
        result = session.execute(
            update(CrawlRun)
            .where(CrawlRun.outcome == "running")
            .values(
                outcome="interrupted",
                finished_at=utcnow(),
                message="the crawl process died with the service (found at service start-up)",
            )
        )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        log.warning("closed %d crawl run(s) left open by a previous service", count)
    return count


def config_dir_of(path: str | Path) -> str:
    """Absolute config folder, so crawl subprocesses find it whatever their cwd."""
    return str(Path(path).resolve())
