"""Sending against a real SMTP server on loopback: filters, exactly once, failures, outbox, STARTTLS."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from pipelines.storage.models import DigestLog
from pipelines.storage.repository import Store
from scheduler.app import load_app_config
from scheduler.cli import main
from scheduler.digests import log as digest_log
from scheduler.digests.config import load_app_digests
from scheduler.digests.deliver import DigestSender

from .conftest import (
    HOSTILE_TITLE,
    SMTP_PASSWORD,
    SMTP_USER,
    SelfSigned,
    SmtpServer,
    due_period,
    free_port,
    plain_smtp,
    seed_scene,
    start_smtp,
    window_ending_now,
    write_config,
)


def run(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> tuple[int, str, str]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        code = main(["--config-dir", str(config), "digest", *args])
    finally:  # the CLI points the root logger at the captured stderr: undo it at once
        root.handlers[:] = handlers
        root.setLevel(level)
    out, err = capsys.readouterr()
    return code, out, err


def parts(message: EmailMessage) -> tuple[str, str]:
    plain, rich = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and rich is not None
    return plain.get_content(), rich.get_content()


def log_rows(db_url: str) -> list[DigestLog]:
    with Store.for_url(db_url).sessions() as session:
        return list(session.scalars(select(DigestLog).order_by(DigestLog.digest_id, DigestLog.period_start)))


def test_two_recipients_get_their_own_stories_once(
    tmp_path: Path, db_url: str, smtp_server: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    scene = seed_scene(Store.for_url(db_url), due_period())
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(smtp_server.port))

    code, out, err = run(capsys, config, "send")
    assert code == 0, err
    assert "digest=kp-desk" in out and "digest=ba-desk" in out and out.count(" sent: ") == 2
    mailbox = smtp_server.mailbox
    assert len(mailbox.messages) == 2
    [kp] = mailbox.to("kp@example.org")
    assert mailbox.to("editor@example.org") == [kp]  # one message, both addresses
    [ba] = mailbox.to("ba@example.org")
    assert kp["To"] == "kp@example.org, Editor <editor@example.org>"
    assert kp["Subject"].startswith("[newsmon] KP desk, ") and kp["Subject"].endswith(": 2 stories")
    assert ba["Subject"].endswith(": 1 story")

    kp_text, kp_html = parts(kp)
    ba_text, ba_html = parts(ba)
    for text in (kp_text, kp_html):
        assert scene.ttp_story_headline in text
        assert scene.bla_story_headline not in text and scene.sindh_headline not in text
        assert scene.old_headline not in text and "Curfew lifted" not in text
    assert HOSTILE_TITLE in kp_text and "<script>" not in kp_html and "&lt;script&gt;" in kp_html
    for text in (ba_text, ba_html):
        assert scene.bla_story_headline in text and scene.ttp_story_headline not in text

    # A second send in the same period sends nothing ...
    code, out, _ = run(capsys, config, "send")
    assert code == 0 and out.count("already_sent") == 2 and len(mailbox.messages) == 2
    # ... nor does one after a restart (fresh engines, fresh process state).
    Store.close_all()
    code, out, _ = run(capsys, config, "send")
    assert code == 0 and out.count("already_sent") == 2 and len(mailbox.messages) == 2
    assert [(row.digest_id, row.status, row.attempts) for row in log_rows(db_url)] == [
        ("ba-desk", "sent", 1),
        ("kp-desk", "sent", 1),
    ]
    assert {row.message_id for row in log_rows(db_url)} == {kp["Message-ID"], ba["Message-ID"]}


def test_server_down_fails_loudly_then_delivers_once(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_scene(Store.for_url(db_url), due_period())
    port = free_port()  # nothing listens here yet
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(port))

    code, out, err = run(capsys, config, "send")
    assert code == 1
    failures = [line for line in err.splitlines() if line.startswith("digest=")]
    assert len(failures) == 2 and all(" failed: smtp://127.0.0.1:" in line for line in failures)
    assert "ConnectionRefusedError" in err
    assert "ERROR newsmon.digests: digest=kp-desk" in err  # the log line as well
    rows = log_rows(db_url)
    assert [(row.status, row.attempts) for row in rows] == [("failed", 1), ("failed", 1)]
    assert all(row.last_error and row.next_attempt_at for row in rows)

    server = start_smtp(port)  # the server comes back
    try:
        code, out, err = run(capsys, config, "send")
        assert code == 0, err
        assert out.count(" sent: ") == 2 and len(server.mailbox.messages) == 2
        code, out, _ = run(capsys, config, "send")
        assert code == 0 and len(server.mailbox.messages) == 2
        assert [(row.status, row.attempts) for row in log_rows(db_url)] == [("sent", 2), ("sent", 2)]
    finally:
        server.stop()


def test_outbox_is_the_default(tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    period = due_period()
    seed_scene(Store.for_url(db_url), period)
    outbox = tmp_path / "outbox"
    config = write_config(tmp_path / "config", db_url, outbox=outbox)  # no smtp host

    assert run(capsys, config, "send")[0] == 0
    files = sorted(path.name for path in outbox.iterdir())
    assert files == [f"ba-desk-{period.key}.eml", f"kp-desk-{period.key}.eml"]
    message = message_from_bytes((outbox / f"kp-desk-{period.key}.eml").read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert "Six soldiers martyred" in parts(message)[0]
    before = (outbox / f"kp-desk-{period.key}.eml").stat().st_mtime_ns
    assert run(capsys, config, "send")[0] == 0
    assert sorted(path.name for path in outbox.iterdir()) == files
    assert (outbox / f"kp-desk-{period.key}.eml").stat().st_mtime_ns == before


def test_starttls_with_self_signed_certificate(
    tmp_path: Path,
    db_url: str,
    tls_server: tuple[SmtpServer, SelfSigned],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, cert = tls_server
    seed_scene(Store.for_url(db_url), due_period())
    smtp = (
        f"host: localhost\nport: {server.port}\nsecurity: starttls\ntimeout: 5\n"
        f"username: {SMTP_USER}\nsender: newsmon@example.org"
    )
    config = write_config(tmp_path / "config", db_url, smtp=smtp)
    monkeypatch.setenv("NEWSMON_SMTP_PASSWORD", SMTP_PASSWORD)

    # The certificate is not trusted yet: the client refuses it.
    code, _, err = run(capsys, config, "send", "--recipient", "kp-desk")
    assert code == 1 and "CERTIFICATE_VERIFY_FAILED" in err
    assert server.mailbox.messages == []

    monkeypatch.setenv("SSL_CERT_FILE", str(cert.cert))
    code, _, err = run(capsys, config, "send", "--recipient", "kp-desk")
    assert code == 0, err
    [(_, rcpts, message)] = server.mailbox.messages
    assert rcpts == ["kp@example.org", "editor@example.org"] and "Six soldiers" in parts(message)[0]


def test_wrong_password_is_a_failure(
    tmp_path: Path,
    db_url: str,
    tls_server: tuple[SmtpServer, SelfSigned],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, cert = tls_server
    seed_scene(Store.for_url(db_url), due_period())
    smtp = f"host: 127.0.0.1\nport: {server.port}\nsecurity: starttls\ntimeout: 5\nusername: {SMTP_USER}"
    config = write_config(tmp_path / "config", db_url, smtp=smtp)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert.cert))
    code, _, err = run(capsys, config, "send", "--recipient", "ba-desk")
    assert code == 1 and "NEWSMON_SMTP_PASSWORD is not" in err
    monkeypatch.setenv("NEWSMON_SMTP_PASSWORD", "wrong")
    code, _, err = run(capsys, config, "send", "--recipient", "ba-desk")
    assert code == 1 and "SMTPAuthenticationError" in err and server.mailbox.messages == []


def test_send_now_is_once_per_period(
    tmp_path: Path, db_url: str, smtp_server: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.for_url(db_url)
    # Seeded around the due period instead, the stories fell out of the window between 03:00
    # and 06:00 PKT and one digest went out empty.
    seed_scene(store, window_ending_now())
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(smtp_server.port))
    code, out, _ = run(capsys, config, "send", "--now")
    assert code == 0 and out.count(" sent: ") == 2
    assert run(capsys, config, "send", "--now")[1].count("already_sent") == 2
    assert len(smtp_server.mailbox.messages) == 2
    # The due period ended before the --now digest: its stories went out already.
    code, out, _ = run(capsys, config, "send")
    assert code == 0 and len(smtp_server.mailbox.messages) == 2


def test_preview_sends_and_records_nothing(
    tmp_path: Path, db_url: str, smtp_server: SmtpServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seeded around the due period instead, the stories fell out of preview's window (the 24 h
    # up to now) between 01:00 and 07:00 PKT.
    seed_scene(Store.for_url(db_url), window_ending_now())
    config = write_config(tmp_path / "config", db_url, smtp=plain_smtp(smtp_server.port))
    html_file = tmp_path / "kp.html"
    code, out, _ = run(capsys, config, "preview", "--recipient", "kp-desk", "--html", str(html_file))
    assert code == 0 and "Subject: [newsmon] KP desk" in out and "Six soldiers martyred" in out
    assert "<html" in html_file.read_text(encoding="utf-8")
    assert smtp_server.mailbox.messages == [] and log_rows(db_url) == []
    assert run(capsys, config, "preview", "--recipient", "nope")[0] == 2


def test_concurrent_senders_deliver_once(tmp_path: Path, db_url: str, smtp_server: SmtpServer) -> None:
    seed_scene(Store.for_url(db_url), due_period())
    app = load_app_config(write_config(tmp_path / "config", db_url, smtp=plain_smtp(smtp_server.port)))
    digests = load_app_digests(app).enabled
    barrier = threading.Barrier(4)

    def send() -> None:
        barrier.wait()
        DigestSender(app).send_all(digests)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(smtp_server.mailbox.messages) == 2
    assert sorted(smtp_server.mailbox.messages[i][1][0] for i in range(2)) == [
        "ba@example.org",
        "kp@example.org",
    ]


def test_backoff_and_crash_recovery_keep_the_message_id(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    period = due_period()
    seed_scene(Store.for_url(db_url), period)
    app = load_app_config(write_config(tmp_path / "config", db_url, smtp=plain_smtp(port)))
    kp = load_app_digests(app).get("kp-desk")
    clock = [period.end + timedelta(minutes=5)]
    sender = DigestSender(app, clock=lambda: clock[0])

    [failed] = sender.send(kp)
    assert failed.status == "failed"
    clock[0] += timedelta(seconds=30)  # before the back-off: the service does not retry yet
    [waiting] = sender.send(kp)
    assert waiting.status == "failed" and "retry at" in waiting.detail
    assert [row.attempts for row in log_rows(db_url)] == [1]
    clock[0] += timedelta(minutes=1)
    assert [o.status for o in sender.send(kp)] == ["failed"]
    [row] = log_rows(db_url)
    assert row.attempts == 2 and row.next_attempt_at == clock[0] + timedelta(minutes=2)  # doubled

    server = start_smtp(port)
    try:
        # A sender that crashed after claiming leaves the row 'sending': others keep off it ...
        clock[0] += timedelta(minutes=3)
        claimed = digest_log.claim(sender.store, row.id, clock[0])
        assert claimed is not None and [o.status for o in sender.send(kp)] == ["busy"]
        # ... until its lease has passed; then it goes out once, with the same Message-ID.
        clock[0] += digest_log.SENDING_LEASE + timedelta(seconds=1)
        assert [o.status for o in sender.send(kp)] == ["sent"]
        [(_, _, message)] = server.mailbox.messages
        assert message["Message-ID"] == row.message_id == claimed.message_id
        assert not digest_log.mark_sent(sender.store, claimed, clock[0], 1)  # the stale claim lost
    finally:
        server.stop()
