"""Digest jobs in the service: schedule sync, a digest missed while down, retries and catch-up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select

from crawler.config.yamlfile import ConfigError
from pipelines.storage.repository import Store
from scheduler import jobs
from scheduler.app import load_app_config
from scheduler.digests.config import load_app_digests
from scheduler.digests.deliver import DigestSender
from scheduler.digests.job import MISFIRE_GRACE, RETRY_JOB_ID, digest_job, digest_retry_job, sync_digest_jobs
from scheduler.service import Service, validate_all

from .conftest import DIGESTS_YAML, SmtpServer, due_period, plain_smtp, seed_scene, write_config


@pytest.fixture
def context(tmp_path: Path, db_url: str, smtp_server: SmtpServer) -> Iterator[Path]:
    """A config folder on the SMTP server, with the service's job context pointing at it."""
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(smtp_server.port))
    jobs.CONTEXT = jobs.JobContext(config_dir=str(config), database_url=db_url, crawl_timeout=60)
    yield config
    jobs.CONTEXT = None


def _wait_for(predicate: object, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_sync_adds_replaces_and_removes_jobs(context: Path) -> None:
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.start(paused=True)
    try:
        sync_digest_jobs(scheduler, context)
        by_id = {job.id: job for job in scheduler.get_jobs()}
        assert set(by_id) == {"digest:kp-desk", "digest:ba-desk", RETRY_JOB_ID}
        kp = by_id["digest:kp-desk"]
        assert isinstance(kp.trigger, CronTrigger) and str(kp.trigger.timezone) == "Asia/Karachi"
        assert kp.misfire_grace_time == MISFIRE_GRACE and kp.coalesce
        assert kp.next_run_time.astimezone(kp.trigger.timezone).strftime("%H:%M") == "07:00"
        assert kp.func_ref == "scheduler.digests.job:digest_job" and kp.kwargs["digest_id"] == "kp-desk"

        sync_digest_jobs(scheduler, context)  # unchanged: the job (and its next run) is kept
        assert scheduler.get_job("digest:kp-desk").next_run_time == kp.next_run_time

        (context / "digests.yaml").write_text(
            DIGESTS_YAML.replace(
                'at: "07:00"\n    filters:\n      provinces: [BA]',
                'at: "08:15"\n    filters:\n      provinces: [BA]',
            ),
            encoding="utf-8",
        )
        sync_digest_jobs(scheduler, context)
        ba = scheduler.get_job("digest:ba-desk")
        assert ba.next_run_time.astimezone(ba.trigger.timezone).strftime("%H:%M") == "08:15"

        (context / "digests.yaml").write_text("digests: []\n", encoding="utf-8")
        sync_digest_jobs(scheduler, context)
        assert scheduler.get_jobs() == []
    finally:
        scheduler.shutdown(wait=False)


def test_service_validates_and_schedules_digests(context: Path) -> None:
    service = Service(context)
    config = load_app_config(context)
    validate_all(config)
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.start(paused=True)
    try:
        service._sync_jobs(scheduler, config)
        assert {"digest:kp-desk", "digest:ba-desk"} <= {job.id for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)
    (context / "digests.yaml").write_text("digests:\n  - id: x\n    to: [nobody]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"digests.yaml:3: digests\[0\]\.to"):
        validate_all(load_app_config(context))


def test_digest_missed_while_down_is_sent_on_restart(
    context: Path, db_url: str, smtp_server: SmtpServer
) -> None:
    period = due_period()
    seed_scene(Store.for_url(db_url), period)
    engine = Store.for_url(db_url).engine

    def scheduler() -> BackgroundScheduler:
        store = SQLAlchemyJobStore(engine=engine, tablename="apscheduler_jobs")
        return BackgroundScheduler(jobstores={"default": store}, timezone="UTC")

    before = scheduler()
    before.start(paused=True)
    sync_digest_jobs(before, context)
    before.shutdown(wait=False)

    after = scheduler()
    after.start(paused=True)
    try:
        # The service was down at the kp-desk run (period.end) and comes back after it.
        after.modify_job("digest:kp-desk", next_run_time=period.end)
        sync_digest_jobs(after, context)  # the restart's sync keeps the overdue job
        after.resume()
        assert _wait_for(lambda: len(smtp_server.mailbox.messages) >= 1)
        time.sleep(0.5)
        assert [rcpts for _, rcpts, _ in smtp_server.mailbox.messages] == [
            ["kp@example.org", "editor@example.org"]
        ]
    finally:
        after.shutdown(wait=True)


def test_retry_job_retries_and_catches_up_digests_with_history(
    context: Path, db_url: str, smtp_server: SmtpServer
) -> None:
    period = due_period()
    seed_scene(Store.for_url(db_url), period)
    app = load_app_config(context)
    ba = load_app_digests(app).get("ba-desk")
    yesterday = DigestSender(app, clock=lambda: period.end - timedelta(hours=23))
    assert [o.status for o in yesterday.send(ba)] == ["empty"]  # ba-desk has history now

    digest_retry_job()
    assert [rcpts for _, rcpts, _ in smtp_server.mailbox.messages] == [["ba@example.org"]]
    [(_, _, message)] = smtp_server.mailbox.messages
    assert "BLA claims IED blast on FC convoy in Kech" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    digest_retry_job()  # nothing more: kp-desk never sent (it waits for its first 07:00)
    assert len(smtp_server.mailbox.messages) == 1


def test_service_job_with_smtp_down_retries_and_sends_once(tmp_path: Path, db_url: str) -> None:
    """The service-level case: the digest job fails while the server is down, the retry job
    delivers once the server is back, and later runs for the same period send nothing."""
    from sqlalchemy import update

    from pipelines.storage.models import DigestLog

    from .conftest import free_port, start_smtp

    port = free_port()
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(port))
    jobs.CONTEXT = jobs.JobContext(config_dir=str(config), database_url=db_url, crawl_timeout=60)
    try:
        store = Store.for_url(db_url)
        seed_scene(store, due_period())
        digest_job("ba-desk")  # nothing listens on the port: recorded as failed, retried later
        with store.sessions() as session:
            [row] = session.scalars(select(DigestLog).where(DigestLog.digest_id == "ba-desk")).all()
            assert row.status == "failed" and row.attempts == 1 and row.next_attempt_at is not None
        server = start_smtp(port)
        try:
            digest_retry_job()  # back-off not over yet: nothing is sent
            assert server.mailbox.messages == []
            with store.sessions.begin() as session:
                session.execute(
                    update(DigestLog).values(next_attempt_at=row.next_attempt_at - timedelta(hours=1))
                )
            digest_retry_job()
            assert [rcpts for _, rcpts, _ in server.mailbox.messages] == [["ba@example.org"]]
            digest_retry_job()
            digest_job("ba-desk")  # the next scheduled run of the same period
            assert len(server.mailbox.messages) == 1
        finally:
            server.stop()
    finally:
        jobs.CONTEXT = None
