"""Digest test helpers: a real SMTP server on loopback (aiosmtpd), a seeded SQLite database,
a config folder, and a self-signed certificate made here for STARTTLS."""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from pipelines.storage.models import Article, ArticleTag, CrawlRun, Source, Story
from pipelines.storage.repository import Store
from scheduler.digests.period import Period, latest_period

PKT = ZoneInfo("Asia/Karachi")
SEND_AT = dt.time(7, 0)
SMTP_USER, SMTP_PASSWORD = "newsmon", "s3cret-from-env"
HOSTILE_TITLE = "<script>alert('pwned')</script> Blast near Bannu check-post & \"quotes\""


def free_port() -> int:
    """A loopback port nobody listens on (right now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mailbox:
    """What the SMTP server received."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """Messages whose envelope included ``address``."""
        with self.lock:
            return [message for _, rcpts, message in self.messages if address in rcpts]


@dataclass
class SmtpServer:
    """A running aiosmtpd server and its mailbox."""

    port: int
    mailbox: Mailbox
    controller: Controller

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(port: int | None = None, **kwargs: Any) -> SmtpServer:
    """Start aiosmtpd on 127.0.0.1 (``kwargs`` go to the Controller: TLS, auth ...)."""
    mailbox = Mailbox()
    port = port or free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    return SmtpServer(port, mailbox, controller)


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """The CLI points the root logger at the (captured) stderr; undo it after each test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = start_smtp()
    yield server
    server.stop()


# -- certificate ----------------------------------------------------------------------


@dataclass(frozen=True)
class SelfSigned:
    cert: Path
    key: Path


def make_self_signed(directory: Path) -> SelfSigned:
    """A self-signed certificate for localhost / 127.0.0.1, made with ``cryptography``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = SelfSigned(directory / "cert.pem", directory / "key.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[SmtpServer, SelfSigned]]:
    """aiosmtpd that requires STARTTLS (self-signed cert) and AUTH over TLS."""
    cert = make_self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert.cert, cert.key)
    server = start_smtp(
        tls_context=context, require_starttls=True, authenticator=authenticator, auth_require_tls=True
    )
    yield server, cert
    server.stop()


# -- database -------------------------------------------------------------------------


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("NEWSMON_DATABASE_URL", "NEWSMON_SMTP_HOST", "NEWSMON_SMTP_PORT", "NEWSMON_SMTP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path}/db.sqlite"
    Store.for_url(url)
    yield url
    Store.close_all()


SOURCES = {
    "dawn": "Dawn",
    "geo": "Geo News",
    "tribune": "The Express Tribune",
    "bpost": "The Balochistan Post",
}


class Seeder:
    """Direct inserts of sources, stories, articles and tags (text written for these tests)."""

    def __init__(self, store: Store):
        self.store = store
        self.count = 0
        with store.sessions.begin() as session:
            for source_id, name in SOURCES.items():
                if session.get(Source, source_id) is None:
                    session.add(Source(id=source_id, name=name, url=f"https://{source_id}.example.com/"))

    def story(self, at: dt.datetime) -> int:
        with self.store.sessions.begin() as session:
            story = Story(created_at=at, updated_at=at, size=0)
            session.add(story)
            session.flush()
            return story.id

    def article(
        self,
        source: str,
        title: str,
        at: dt.datetime,
        *,
        provinces: tuple[str, ...] = (),
        groups: tuple[str, ...] = (),
        story: int | None = None,
        duplicate_of: int | None = None,
        text: str | None = None,
        description: str | None = None,
        url: str | None = None,
    ) -> int:
        self.count += 1
        with self.store.sessions.begin() as session:
            article = Article(
                source_id=source,
                url=url or f"https://{source}.example.com/news/{self.count}",
                canonical_url=f"https://{source}.example.com/news/{self.count}",
                title=title,
                text=text
                or f"{title}. Officials said an investigation was under way and more details "
                "would follow as the situation developed in the area over the coming hours.",
                description=description,
                published_at=at - dt.timedelta(minutes=20),
                fetched_at=at,
                updated_at=at,
                content_hash=f"hash{self.count}",
                story_id=story,
                duplicate_of=duplicate_of,
                primary_province=provinces[0] if provinces else None,
                tags=[ArticleTag(family="province", code=code, evidence=[]) for code in provinces]
                + [ArticleTag(family="group", code=code, evidence=[]) for code in groups],
            )
            session.add(article)
            session.flush()
            if story is not None:
                row = session.get_one(Story, story)
                row.size += 1
                if row.first_article_id is None:
                    row.first_article_id = article.id
            return article.id

    def failing_runs(self, source: str, count: int, at: dt.datetime) -> None:
        with self.store.sessions.begin() as session:
            for index in range(count):
                started = at - dt.timedelta(hours=index + 1)
                session.add(
                    CrawlRun(source_id=source, started_at=started, finished_at=started, outcome="failed")
                )


@dataclass(frozen=True)
class Seeded:
    """The standard scene: what each desk should see."""

    period: Period
    ttp_story_headline: str
    bla_story_headline: str
    sindh_headline: str
    old_headline: str


def seed_scene(store: Store, period: Period) -> Seeded:
    """Stories around ``period`` (a 24 h window ending at ``period.end``)."""
    seeder = Seeder(store)
    end = period.end
    h = dt.timedelta(hours=1)
    ttp = seeder.story(end - 6 * h)
    first = seeder.article(
        "dawn",
        "Six soldiers martyred in North Waziristan attack claimed by TTP",
        end - 6 * h,
        provinces=("KP",),
        groups=("TTP",),
        story=ttp,
        description="Militants attacked a security post in Mir Ali tehsil before dawn, "
        "the military's media wing said, adding that a clearance operation was under way.",
    )
    geo = seeder.article(
        "geo",
        "TTP attack on Mir Ali post kills six soldiers",
        end - 5 * h,
        provinces=("KP",),
        groups=("TTP",),
        story=ttp,
    )
    seeder.article(
        "tribune", "TTP attack on Mir Ali post kills six soldiers", end - 4 * h, story=ttp, duplicate_of=geo
    )
    assert first
    bla = seeder.story(end - 3 * h)
    seeder.article(
        "bpost",
        "BLA claims IED blast on FC convoy in Kech",
        end - 3 * h,
        provinces=("BA",),
        groups=("BLA",),
        story=bla,
    )
    seeder.article("tribune", "Traders protest power outages in Hyderabad", end - 2 * h, provinces=("SD",))
    seeder.article(
        "geo",
        HOSTILE_TITLE,
        end - 1 * h,
        provinces=("KP",),
        text="<img src=x onerror=alert(1)> Police said the device went off near a check-post in Bannu.",
        url="javascript:alert(document.cookie)",
    )
    # Before the window: counted in the previous period, never listed again.
    seeder.article(
        "dawn", "Police station attacked in Lakki Marwat", end - 30 * h, provinces=("KP",), groups=("TTP",)
    )
    # After the window: belongs to the next period.
    seeder.article("dawn", "Curfew lifted in Kurram", end + h, provinces=("KP",))
    return Seeded(
        period,
        "Six soldiers martyred in North Waziristan attack claimed by TTP",
        "BLA claims IED blast on FC convoy in Kech",
        "Traders protest power outages in Hyderabad",
        "Police station attacked in Lakki Marwat",
    )


def window_ending_now() -> Period:
    """The 24 h up to now: a first ``send --now`` or ``preview`` covers exactly this, so
    ``seed_scene`` on it puts its stories 1-6 h ago, inside that window at any hour of the day."""
    now = dt.datetime.now(dt.UTC)
    return Period(now - dt.timedelta(hours=24), now, "now")


def due_period(now: dt.datetime | None = None) -> Period:
    """The period a `send` at ``now`` (default: the real now) treats as due."""
    return latest_period(SEND_AT, PKT, now or dt.datetime.now(dt.UTC))


# -- config folder --------------------------------------------------------------------

SOURCES_YAML = "sources:\n" + "".join(
    f"  - id: {sid}\n    name: {name}\n    url: https://{sid}.example.com/\n"
    f"    feeds: [https://{sid}.example.com/feed]\n"
    for sid, name in SOURCES.items()
)

DIGESTS_YAML = """digests:
  - id: kp-desk
    name: KP desk
    to: [kp@example.org, "Editor <editor@example.org>"]
    at: "07:00"
    filters:
      provinces: [KP]
      groups: [TTP]
      match: any
  - id: ba-desk
    name: Balochistan desk
    to: ba@example.org
    at: "07:00"
    filters:
      provinces: [BA]
"""


def write_config(
    directory: Path,
    db_url: str,
    *,
    smtp: str = "",
    digests: str = DIGESTS_YAML,
    outbox: Path | None = None,
) -> Path:
    """A config folder: newsmon.yaml (database, outbox, smtp), sources.yaml, digests.yaml."""
    directory.mkdir(parents=True, exist_ok=True)
    outbox = outbox or directory.parent / "outbox"
    settings = f"database_url: {db_url}\noutbox_dir: {outbox}\ntimezone: Asia/Karachi\n"
    if smtp:
        settings += "smtp:\n" + "".join(f"  {line}\n" for line in smtp.strip().splitlines())
    (directory / "newsmon.yaml").write_text(settings, encoding="utf-8")
    (directory / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")
    (directory / "digests.yaml").write_text(digests, encoding="utf-8")
    return directory


def plain_smtp(port: int) -> str:
    return f"host: 127.0.0.1\nport: {port}\nsecurity: none\ntimeout: 5\nsender: newsmon@example.org"
