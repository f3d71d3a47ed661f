"""Digest jobs of the service. APScheduler stores them by reference
("scheduler.digests.job:digest_job"), so they are module-level and take plain arguments.

* ``digest:<id>``: a cron job at the digest's ``at`` time in its time zone. Its large
  misfire grace sends a digest missed while the service was down when it comes back.
* ``digest-retry``: every minute, retries failed periods whose back-off has passed and
  catches up on due periods of digests that have sent before (so a missed digest goes out
  even if the job store lost its run). New digests wait for their first ``at``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.config.settings import ServiceSettings
from crawler.config.yamlfile import ConfigError
from scheduler import jobs
from scheduler.app import AppConfig, load_app_config
from scheduler.digests import log as digest_log
from scheduler.digests.config import DigestConfig, load_app_digests
from scheduler.digests.deliver import DigestSender
from scheduler.schedule_sync import JobSpec, sync_jobs

log = logging.getLogger("newsmon.digests")
JOB_PREFIX = "digest:"
RETRY_JOB_ID = "digest-retry"
RETRY_SECONDS = 60
MISFIRE_GRACE = 24 * 3600


def _load() -> tuple[AppConfig, DigestSender] | None:
    context = jobs.CONTEXT
    if context is None:
        raise RuntimeError("digest jobs run inside the service")
    try:
        config = load_app_config(context.config_dir)
        config = AppConfig(
            config.paths,
            config.settings.model_copy(update={"database_url": context.database_url}),
            config.sources,
        )
        return config, DigestSender(config)
    except ConfigError as exc:
        log.error("digests: config error, nothing sent: %s", exc)
        return None


def _digests(config: AppConfig) -> tuple[DigestConfig, ...]:
    try:
        return load_app_digests(config).enabled
    except ConfigError as exc:
        log.error("digests: %s", exc)
        return ()


def digest_job(digest_id: str, schedule: str = "") -> None:
    """Send the due period of one digest (exactly once; failures are logged and retried)."""
    loaded = _load()
    if loaded is None:
        return
    config, sender = loaded
    for digest in _digests(config):
        if digest.id == digest_id:
            for outcome in sender.send(digest):
                if not outcome.failed:
                    log.info("%s", outcome.line())
            return
    log.warning("digest=%s is no longer configured", digest_id)


def digest_retry_job() -> None:
    """Retry failed periods whose back-off passed; catch up on missed ones."""
    loaded = _load()
    if loaded is None:
        return
    config, sender = loaded
    for digest in _digests(config):
        if digest_log.has_history(sender.store, digest.id):
            for outcome in sender.send(digest):
                if outcome.status == "sent":
                    log.info("%s", outcome.line())


def schedule_of(digest: DigestConfig) -> str:
    """Stable text form of a digest's schedule (a job is replaced only when it changes)."""
    return f"daily {digest.at} {digest.timezone}"


def sync_digest_jobs(
    scheduler: Any, config: AppConfig | str | Path, settings: ServiceSettings | None = None
) -> None:
    """Add, replace or remove the ``digest:<id>`` jobs (and the retry job) to match digests.yaml."""
    app = config if isinstance(config, AppConfig) else load_app_config(config)
    if settings is not None:
        app = AppConfig(app.paths, settings, app.sources)
    try:
        digests = load_app_digests(app).enabled
    except ConfigError as exc:
        log.error("digests not rescheduled: %s", exc)
        return
    wanted = {
        JOB_PREFIX + digest.id: JobSpec(
            func="scheduler.digests.job:digest_job",
            trigger=CronTrigger(
                hour=digest.send_time.hour, minute=digest.send_time.minute, timezone=digest.zone
            ),
            name=f"digest {digest.id}",
            schedule=schedule_of(digest),
            kwargs={"digest_id": digest.id},
            options={"misfire_grace_time": MISFIRE_GRACE, "coalesce": True, "max_instances": 1},
        )
        for digest in digests
    }
    sync_jobs(scheduler, JOB_PREFIX, "digest", wanted)
    has_retry = any(job.id == RETRY_JOB_ID for job in scheduler.get_jobs())
    if wanted and not has_retry:
        scheduler.add_job(
            "scheduler.digests.job:digest_retry_job",
            trigger=IntervalTrigger(seconds=RETRY_SECONDS),
            id=RETRY_JOB_ID,
            name="digest retries",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
    elif not wanted and has_retry:
        scheduler.remove_job(RETRY_JOB_ID)
