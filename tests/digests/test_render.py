"""Rendering: text and HTML parts, escaping of hostile article text, headers."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser

from crawler.config.settings import HealthSettings, SmtpSettings
from pipelines.storage.repository import Store
from scheduler.digests.config import DigestConfig, DigestFilters
from scheduler.digests.period import Period
from scheduler.digests.render import build_message, message_id, render, safe_url
from scheduler.digests.sections import DigestContent, build_content

from .conftest import HOSTILE_TITLE, seed_scene

END = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
PERIOD = Period(END - timedelta(hours=24), END, "2026-11-21")
DIGEST = DigestConfig(
    id="kp-desk",
    name="KP desk",
    to=("kp@example.org",),
    timezone="Asia/Karachi",
    filters=DigestFilters(provinces=("KP",)),
)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href":
                self.hrefs.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)


def _content(db_url: str) -> DigestContent:
    store = Store.for_url(db_url)
    seed_scene(store, PERIOD)
    with store.sessions() as session:
        return build_content(
            session,
            DIGEST,
            PERIOD.start,
            PERIOD.end,
            source_ids=[],
            thresholds=HealthSettings(),
            group_names={"TTP": "Tehreek-e-Taliban Pakistan"},
        )


def test_hostile_article_text_is_escaped(db_url: str) -> None:
    rendered = render(_content(db_url), generated_at=END)
    scan = _Scan()
    scan.feed(rendered.html)
    assert "script" not in scan.tags and "img" not in scan.tags and not scan.handlers
    assert "<script>" not in rendered.html and "<img" not in rendered.html
    assert html.escape(HOSTILE_TITLE, quote=False) in rendered.html or "&lt;script&gt;" in rendered.html
    assert all(href.startswith("https://") for href in scan.hrefs)  # no javascript: link
    assert "javascript:" not in rendered.html.lower()
    # The plain-text part shows the title as written: it is text, nothing executes it.
    assert HOSTILE_TITLE in rendered.text and "javascript:" not in rendered.text


def test_text_and_html_content(db_url: str) -> None:
    content = _content(db_url)
    rendered = render(content, generated_at=END)
    assert rendered.subject == "[newsmon] KP desk, Sat 21 Nov 2026: 2 stories"
    text = rendered.text
    assert "Six soldiers martyred in North Waziristan attack claimed by TTP" in text
    assert "Dawn; also reported by Geo News, The Express Tribune" in text
    assert "== KHYBER PAKHTUNKHWA (2) ==" in text and "-- Tehreek-e-Taliban Pakistan (TTP) --" in text
    assert "BLA claims" not in text and "Hyderabad" not in text  # filtered out
    assert "Khyber Pakhtunkhwa" in text and "+1" in text  # summary with change
    lead_lines = [line for line in text.splitlines() if line.startswith("  Militants attacked")]
    assert lead_lines and all(len(line) <= 76 for line in lead_lines)
    assert "https://dawn.example.com/news/1" in text
    assert 'style="' in rendered.html and "<style" not in rendered.html and "<script" not in rendered.html
    assert "also reported by Geo News, The Express Tribune" in rendered.html


def test_message_headers_and_parts(db_url: str) -> None:
    rendered = render(_content(db_url), generated_at=END)
    smtp = SmtpSettings(sender="Newsmon <newsmon@example.org>")
    msg_id = message_id(DIGEST, PERIOD, smtp.sender)
    message = build_message(rendered, DIGEST, PERIOD, smtp, msg_id=msg_id, date=END)
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Message-ID"] == "<digest.kp-desk.20261120T020000Z@example.org>" == msg_id
    assert parsed["List-Id"] == "KP desk <kp-desk.digests.example.org>"
    assert parsed["List-Unsubscribe"] == "<mailto:newsmon@example.org?subject=unsubscribe%20kp-desk>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    plain, rich = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain is not None and rich is not None
    assert "Six soldiers martyred" in plain.get_content() and "Six soldiers martyred" in rich.get_content()


def test_safe_url() -> None:
    assert safe_url("https://dawn.com/news/1") == "https://dawn.com/news/1"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "/relative", "", None):
        assert safe_url(bad) == ""
