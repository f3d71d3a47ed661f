"""Keeping the scheduler's jobs of one kind (crawls, digests) in step with the config."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from apscheduler.triggers.base import BaseTrigger

from pipelines.storage.models import utcnow

log = logging.getLogger("newsmon.service")


@dataclass(frozen=True)
class JobSpec:
    """A job the config asks for; ``schedule`` is its stable text form (a change reschedules it)."""

    func: str
    trigger: BaseTrigger
    name: str
    schedule: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # more add_job arguments
    run_when_added: bool = False  # a new job's first run is now, not one interval away


def sync_jobs(scheduler: Any, prefix: str, label: str, wanted: Mapping[str, JobSpec]) -> None:
    """Remove jobs under ``prefix`` that are no longer wanted, add new ones, replace changed ones.

    An unchanged job is left alone, so its next run (and a misfire it must still catch) is kept.
    """
    existing = {job.id: job for job in scheduler.get_jobs() if job.id.startswith(prefix)}
    for job_id in existing.keys() - wanted.keys():
        scheduler.remove_job(job_id)
        log.info("%s=%s removed from the schedule", label, job_id.removeprefix(prefix))
    for job_id, spec in wanted.items():
        job = existing.get(job_id)
        if job is not None and job.kwargs.get("schedule") == spec.schedule:
            continue
        options = dict(spec.options)
        if job is None and spec.run_when_added:
            options["next_run_time"] = utcnow()
        scheduler.add_job(
            spec.func,
            trigger=spec.trigger,
            id=job_id,
            name=spec.name,
            kwargs={**spec.kwargs, "schedule": spec.schedule},
            replace_existing=True,
            **options,
        )
        log.info("%s=%s scheduled %s", label, job_id.removeprefix(prefix), spec.schedule)
