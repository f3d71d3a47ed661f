"""The exactly-once log on PostgreSQL (INSERT ... ON CONFLICT DO NOTHING, conditional UPDATE)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.storage.repository import Store
from scheduler.app import load_app_config
from scheduler.digests.config import load_app_digests
from scheduler.digests.deliver import DigestSender

from .conftest import SmtpServer, due_period, plain_smtp, seed_scene, write_config

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.delenv("NEWSMON_DATABASE_URL", raising=False)
    Store.for_url(pg_url)
    yield pg_url
    Store.close_all()


def test_concurrent_senders_deliver_once_on_postgres(
    tmp_path: Path, pg_store: str, smtp_server: SmtpServer
) -> None:
    seed_scene(Store.for_url(pg_store), due_period())
    app = load_app_config(write_config(tmp_path / "config", pg_store, smtp=plain_smtp(smtp_server.port)))
    digests = load_app_digests(app).enabled
    barrier = threading.Barrier(4)
    results: list[list[str]] = []

    def send() -> None:
        barrier.wait()
        results.append([o.status for o in DigestSender(app).send_all(digests)])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(smtp_server.mailbox.messages) == 2
    assert sum(statuses.count("sent") for statuses in results) == 2
    assert [o.status for o in DigestSender(app).send_all(digests)] == ["already_sent", "already_sent"]
