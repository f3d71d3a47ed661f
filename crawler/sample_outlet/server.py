"""`OutletServer`: serves a site (path -> `Page`) over HTTP/1.1 on 127.0.0.1 (or another loopback
address) and logs every request."""

from __future__ import annotations

import gzip
import ipaddress
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import parse_qs

from crawler.sample_outlet.page import Page

SiteLike = Mapping[str, Page]
SiteFactory = Callable[[str], SiteLike]


class Headers(Mapping[str, str]):
    """Read-only request headers, looked up case-insensitively."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = list(items)
        self._lower = {k.lower(): v for k, v in items}

    def __getitem__(self, name: str) -> str:
        return self._lower[name.lower()]

    def __iter__(self) -> Iterator[str]:
        return iter(k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._lower

    def __repr__(self) -> str:
        return f"Headers({dict(self._items)!r})"


@dataclass(frozen=True)
class RequestRecord:
    """One request. `timestamp`: arrival (``time.time()``); status 0: dropped unanswered (server stopping)."""

    method: str
    path: str
    headers: Headers
    status: int
    timestamp: float

    @property
    def conditional(self) -> bool:
        """Whether the request carried If-None-Match or If-Modified-Since."""
        return "If-None-Match" in self.headers or "If-Modified-Since" in self.headers

    @property
    def user_agent(self) -> str:
        """The User-Agent header ("" if absent)."""
        return self.headers.get("User-Agent", "")


class RequestLog:
    """Thread-safe, append-only log of `RequestRecord`s."""

    def __init__(self) -> None:
        self._records: list[RequestRecord] = []
        self._changed = threading.Condition()

    def append(self, record: RequestRecord) -> None:
        """Add a record and wake `wait_for` callers."""
        with self._changed:
            self._records.append(record)
            self._changed.notify_all()

    def snapshot(self) -> list[RequestRecord]:
        """A copy of the records so far."""
        with self._changed:
            return list(self._records)

    def clear(self) -> None:
        """Forget everything logged so far."""
        with self._changed:
            self._records.clear()

    def paths(self, method: str | None = None) -> list[str]:
        """Requested paths in order (only `method` ones if given)."""
        return [r.path for r in self.snapshot() if method is None or r.method == method]

    def for_path(self, path: str) -> list[RequestRecord]:
        """Records of one path (query included)."""
        return [r for r in self.snapshot() if r.path == path]

    def wait_for(self, predicate: Callable[[list[RequestRecord]], bool], timeout: float = 10.0) -> bool:
        """Block until `predicate(records)` holds; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(list(self._records)), timeout)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        with self._changed:
            return len(self._records)

    def __getitem__(self, index: int) -> RequestRecord:
        with self._changed:
            return self._records[index]


def _http_date(stamp: datetime) -> str:
    return format_datetime(stamp.astimezone(UTC).replace(microsecond=0), usegmt=True)


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match list with `etag`."""
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))


def not_modified(page: Page, etag: str, last_modified: datetime, headers: Mapping[str, str]) -> bool:
    """RFC 9110 evaluation: If-None-Match wins; If-Modified-Since only without it."""
    if page.status != 200:
        return False
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        return _etag_matches(if_none_match, etag)
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return last_modified.replace(microsecond=0) <= when


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    outlet: OutletServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away (killed crawl, cancelled download) is not an error here."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "IndusSentinel/1.0"

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the request log is `OutletServer.requests`."""

    def _answer(self, head: bool) -> None:
        outlet = self.server.outlet
        arrived = time.time()
        headers = Headers(list(self.headers.items()))
        page = outlet.lookup(self.path)
        if page.delay > 0 and outlet.closing.wait(page.delay):
            outlet.requests.append(RequestRecord(self.command, self.path, headers, 0, arrived))
            self.close_connection = True
            return
        status, fields, body = self._prepare(page, headers)
        # Logged before answering: once a client has its answer, the record is there.
        outlet.requests.append(RequestRecord(self.command, self.path, headers, status, arrived))
        try:
            self.send_response(status)
            for name, value in fields:
                self.send_header(name, value)
            self.end_headers()
            if status != 304 and not head:
                self.wfile.write(body if page.cut_at is None else body[: page.cut_at])
            self.wfile.flush()
            if page.cut_at is not None or not page.send_length:
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _prepare(self, page: Page, headers: Headers) -> tuple[int, list[tuple[str, str]], bytes]:
        """Status, header fields and body for `page`, with conditional and gzip handling."""
        body = page.body
        etag = page.entity_tag
        encode = page.gzip and "gzip" in headers.get("Accept-Encoding", "").lower()
        if encode:
            body = gzip.compress(body, mtime=0)
            etag = etag[:-1] + '-gzip"'
        modified = page.last_modified or self.server.outlet.started
        status = 304 if not_modified(page, etag, modified, headers) else page.status
        fields = [("ETag", etag), ("Last-Modified", _http_date(modified)), ("Cache-Control", "max-age=60")]
        if page.gzip:
            fields.append(("Vary", "Accept-Encoding"))
        if status != 304:
            fields.append(("Content-Type", page.content_type))
            if page.send_length:
                fields.append(("Content-Length", str(len(body))))
            else:
                fields.append(("Connection", "close"))
            if encode:
                fields.append(("Content-Encoding", "gzip"))
        fields += list(page.headers.items())
        return status, fields, body


class OutletServer:
    """HTTP server for a fixture site on 127.0.0.1, in a daemon thread.

    `site` is a mapping path -> `Page` (a `Site`, or a plain dict), a factory called with the
    base URL, or None (503 until set). The port is bound at construction, so `base_url` is known
    before the site is built; requests are served between `start()` and `stop()` (or `with`).
    """

    def __init__(
        self, site: SiteLike | SiteFactory | None = None, *, port: int = 0, host: str = "127.0.0.1"
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError(f"{host}: the fixture outlet serves on loopback addresses only")
        self.host = host
        self._http = _HTTPServer((host, port), _Handler)
        self._http.outlet = self
        self._thread: threading.Thread | None = None
        self.closing = threading.Event()
        self.requests = RequestLog()
        self.started = datetime.now(UTC).replace(microsecond=0)
        self._site: SiteLike | None = None
        if site is not None and not isinstance(site, Mapping):
            site = site(self.base_url)
        self._site = site

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._http.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash; `host` if another loopback address)."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + path

    @property
    def site(self) -> SiteLike | None:
        """What is served; assign a new mapping to replace it."""
        return self._site

    @site.setter
    def site(self, site: SiteLike | None) -> None:
        self._site = site

    def lookup(self, path: str) -> Page:
        """The page for a request path: exact match, else without the query string, else 404.

        A query asking for a ``page=`` that does not exist is a 404, not the first page.
        """
        site = self._site
        if site is None:
            return Page.error(503, "Site not ready")
        page = site.get(path)
        bare, _, query = path.partition("?")
        if page is None and query and not parse_qs(query).get("page"):
            page = site.get(bare)
        return page if page is not None else Page.error(404)

    def start(self) -> Self:
        """Serve in a daemon thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._http.serve_forever,
                kwargs={"poll_interval": 0.05},
                daemon=True,
                name=f"outlet-{self.port}",
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake delayed answers and close the socket."""
        self.closing.set()
        if self._thread is not None:
            self._http.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._http.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
