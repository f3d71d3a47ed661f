"""What the fixture outlet serves: one `Page` per path, and the `Entry` behind each story."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    """One HTTP answer: status, body and headers, plus test knobs (`delay`, `gzip`).

    `delay` holds the answer back for that many seconds (other requests are served meanwhile);
    `gzip` sends the body with ``Content-Encoding: gzip`` to clients that accept it;
    `etag` defaults to a hash of the body. Misbehaviour knobs: `send_length=False` sends no
    Content-Length (the body ends when the connection closes); `cut_at` announces the whole
    body but closes the connection after that many bytes.
    """

    body: bytes = b""
    status: int = 200
    content_type: str = HTML
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    gzip: bool = False
    last_modified: datetime | None = None
    etag: str | None = None
    send_length: bool = True
    cut_at: int | None = None

    @property
    def entity_tag(self) -> str:
        """The quoted ETag sent with this page."""
        if self.etag is not None:
            return self.etag if self.etag.startswith(('"', 'W/"')) else f'"{self.etag}"'
        return '"' + hashlib.sha1(self.body, usedforsecurity=False).hexdigest()[:20] + '"'

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Page:
        """A redirect to `location` (absolute URL or path)."""
        body = f'<html><body><a href="{location}">Moved</a></body></html>'.encode()
        return cls(body=body, status=status, headers={"Location": location})

    @classmethod
    def error(cls, status: int, message: str = "") -> Page:
        """A small HTML error page."""
        text = message or {404: "Not Found", 500: "Internal Server Error"}.get(status, "Error")
        body = f'<!DOCTYPE html><html lang="en"><body><h1>{status} {text}</h1></body></html>'
        return cls(body=body.encode(), status=status)


@dataclass(frozen=True)
class Entry:
    """One story of the outlet: its article page and what feeds, sitemaps and listings show of it."""

    path: str
    title: str
    published: datetime
    body: bytes
    summary: str = ""
    author: str = ""
    section: str = "pakistan"
    content_type: str = HTML
    in_feed: bool = True


@dataclass(frozen=True)
class Outlet:
    """Who the outlet is and where it is served."""

    base_url: str
    name: str = "The Indus Sentinel"

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.base_url.rstrip("/") + path
