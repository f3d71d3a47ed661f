"""Digest rendering: subject, plain text and HTML (Jinja2), and the multipart message."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import cache
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from crawler.config.settings import SmtpSettings
from scheduler.digests.config import DigestConfig
from scheduler.digests.period import Period
from scheduler.digests.sections import DigestContent


@dataclass(frozen=True)
class RenderedDigest:
    """A digest ready to be put in a message."""

    subject: str
    text: str
    html: str


def safe_url(url: str | None) -> str:
    """``url`` if it is http(s), else "" (no javascript:, data: or relative links in mail)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def wrap_lines(text: str, width: int = 74, lines: int = 2, indent: str = "") -> str:
    """``text`` wrapped to at most ``lines`` lines (the two-line lead of the text part)."""
    wrapper = textwrap.TextWrapper(
        width=width, max_lines=lines, placeholder=" …", initial_indent=indent, subsequent_indent=indent
    )
    return "\n".join(wrapper.wrap(text))


def plural(count: int, word: str = "story", words: str = "stories") -> str:
    """``1 story``, ``3 stories``, ``no stories``."""
    return f"{count} {word}" if count == 1 else (f"{count} {words}" if count else f"no {words}")


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("scheduler.digests", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(safe_url=safe_url, wrap_lines=wrap_lines, plural=plural)
    return env


@cache
def environments() -> tuple[Environment, Environment]:
    """(text, html) template environments; HTML autoescapes every value."""
    return _environment(False), _environment(True)


def subject_of(content: DigestContent) -> str:
    """The subject from the digest's template: date and counts, one line."""
    digest = content.digest
    values = {
        "name": digest.title,
        "id": digest.id,
        "date": content.window_end.astimezone(digest.zone).strftime("%a %d %b %Y"),
        "stories": plural(content.total),
        "provinces": ", ".join(f"{row.code} {row.count}" for row in content.provinces if row.count) or "-",
        "groups": ", ".join(f"{row.code} {row.count}" for row in content.groups if row.count) or "-",
    }
    return " ".join(digest.options.subject.format_map(values).split())


def render(content: DigestContent, *, generated_at: datetime) -> RenderedDigest:
    """Subject, text and HTML of one digest."""
    zone = content.digest.zone

    def local(value: datetime, fmt: str = "%d %b %H:%M") -> str:
        return value.astimezone(zone).strftime(fmt)

    context = {
        "c": content,
        "title": content.digest.title,
        "local": local,
        "period": f"{local(content.window_start, '%d %b %Y %H:%M')} – "
        f"{local(content.window_end, '%d %b %Y %H:%M %Z')}",
        "generated": local(generated_at, "%d %b %Y %H:%M %Z"),
        "previous_change": _change(content.total, content.previous_total),
    }
    text_env, html_env = environments()
    return RenderedDigest(
        subject=subject_of(content),
        text=text_env.get_template("digest.txt.j2").render(context),
        html=html_env.get_template("digest.html.j2").render(context),
    )


def _change(count: int, previous: int) -> str:
    delta = count - previous
    return f"+{delta}" if delta > 0 else (str(delta) if delta < 0 else "±0")


def message_id(digest: DigestConfig, period: Period, sender: str) -> str:
    """The stable Message-ID of a (digest, period): a resend is recognisable as the same mail."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "newsmon.localhost"
    return f"<digest.{digest.id}.{period.start:%Y%m%dT%H%M%SZ}@{domain}>"


def build_message(
    rendered: RenderedDigest,
    digest: DigestConfig,
    period: Period,
    smtp: SmtpSettings,
    *,
    msg_id: str,
    date: datetime,
) -> EmailMessage:
    """A multipart/alternative message (text, then HTML) with list and auto-submitted headers."""
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = ", ".join(digest.to)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(date.astimezone(digest.zone))
    message["Message-ID"] = msg_id
    domain = msg_id.rstrip(">").rpartition("@")[2]
    message["List-Id"] = f"{digest.title.replace('<', '').replace('>', '')} <{digest.id}.digests.{domain}>"
    unsubscribe = digest.options.unsubscribe or (
        f"mailto:{parseaddr(smtp.sender)[1]}?subject={quote(f'unsubscribe {digest.id}')}"
    )
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["Auto-Submitted"] = "auto-generated"
    message["Precedence"] = "bulk"
    message["X-Newsmon-Digest"] = digest.id
    message["X-Newsmon-Period"] = period.key
    message.set_content(rendered.text, cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    return message
