"""Per-source health from the crawl-run history (shared by `newsmon status` and digests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.config.settings import HealthSettings
from pipelines.storage.models import CrawlRun

FAILED_OUTCOMES = frozenset({"failed", "timed_out", "crashed"})


@dataclass(frozen=True)
class SourceHealth:
    """Runs, last run and health of one source."""

    source_id: str
    runs: int
    last_run: dict[str, Any] | None
    health: str  # "ok", "stale", "failing", "never_run"
    reason: str | None


def _run_dict(run: CrawlRun) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": run.id,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "outcome": run.outcome,
        "pages_fetched": run.pages_fetched,
        "articles_new": run.articles_new,
        "articles_updated": run.articles_updated,
        "dropped": run.dropped,
        "errors": run.errors,
        "error_count": run.error_count,
    }


def source_health(session: Session, source_id: str, thresholds: HealthSettings) -> SourceHealth:
    """Health of one source: ``failing`` when its last K runs failed, ``stale`` when its last
    N finished runs stored nothing new."""
    runs = (
        session.scalar(select(func.count()).select_from(CrawlRun).where(CrawlRun.source_id == source_id)) or 0
    )
    window = max(thresholds.stale_after_runs, thresholds.failing_after_runs)
    recent = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.source_id == source_id, CrawlRun.outcome != "running")
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(window)
    ).all()
    last = session.scalars(
        select(CrawlRun)
        .where(CrawlRun.source_id == source_id)
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(1)
    ).first()
    health, reason = "ok", None
    if not recent:
        health = "never_run"
    else:
        failing = recent[: thresholds.failing_after_runs]
        stale = recent[: thresholds.stale_after_runs]
        if len(failing) == thresholds.failing_after_runs and all(
            r.outcome in FAILED_OUTCOMES for r in failing
        ):
            health, reason = "failing", f"last {len(failing)} runs failed ({failing[0].outcome})"
        elif len(stale) == thresholds.stale_after_runs and all(r.articles_new == 0 for r in stale):
            health, reason = "stale", f"no new article in the last {len(stale)} runs"
    return SourceHealth(source_id, runs, _run_dict(last) if last else None, health, reason)
