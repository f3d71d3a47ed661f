"""The outlet over real HTTP on 127.0.0.1: answers, conditional requests, the request log, delays."""

from __future__ import annotations

import gzip
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import feedparser
import pytest

from crawler.sample_outlet import (
    FEED_PATH,
    OutletServer,
    Page,
    Site,
    build_sample_site,
    build_site_from_pages,
    generate_articles,
)
from tests.conftest import NEWS_PAGES_DIR, requires_news_pages


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str, headers: Mapping[str, str] | None = None, method: str = "GET", timeout: float = 10
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request (errors and 304 included, redirects not followed)."""
    request = urllib.request.Request(url, headers=dict(headers or {}), method=method)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


@pytest.fixture()
def server() -> Iterator[OutletServer]:
    with OutletServer(build_sample_site) as running:
        yield running


def test_serves_pages_over_http(server: OutletServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    status, headers, body = fetch(server.url("/"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<html lang="en">' in body
    status, headers, body = fetch(server.url(FEED_PATH))
    assert status == 200 and "rss" in headers["Content-Type"]
    assert feedparser.parse(body).entries
    assert fetch(server.url("/no/such/page"))[0] == 404
    assert isinstance(server.site, Site)
    for url in server.site.article_urls(include_private=True):
        assert fetch(url)[0] == 200


def test_query_strings_fall_back_to_the_path(server: OutletServer) -> None:
    assert isinstance(server.site, Site)
    url = server.site.article_urls()[0]
    assert fetch(url + "?utm_source=rss")[0] == 200
    assert fetch(server.url("/latest/?page=2"))[2] != fetch(server.url("/latest/"))[2]
    assert fetch(server.url("/latest/?page=99"))[0] == 404
    assert fetch(server.url("/latest/?ref=home"))[2] == fetch(server.url("/latest/"))[2]


def test_etag_last_modified_and_304(server: OutletServer) -> None:
    status, headers, _ = fetch(server.url(FEED_PATH))
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag.startswith('"')
    assert fetch(server.url(FEED_PATH), {"If-None-Match": etag})[:1] == (304,)
    status, headers, body = fetch(server.url(FEED_PATH), {"If-None-Match": etag})
    assert body == b"" and headers["ETag"] == etag
    assert fetch(server.url(FEED_PATH), {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert fetch(server.url(FEED_PATH), {"If-Modified-Since": modified})[0] == 304
    assert fetch(server.url(FEED_PATH), {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200
    # If-None-Match wins over If-Modified-Since
    assert fetch(server.url(FEED_PATH), {"If-None-Match": '"stale"', "If-Modified-Since": modified})[0] == 200


def test_etag_changes_after_new_articles(server: OutletServer) -> None:
    site = server.site
    assert isinstance(site, Site)
    paths = (FEED_PATH, "/sitemaps/news.xml", "/sitemaps/archive.xml.gz", "/latest/")
    before = {p: fetch(server.url(p))[1] for p in paths}
    new_urls = site.add_articles(generate_articles(31))
    for path in paths:
        status, headers, _ = fetch(server.url(path), {"If-None-Match": before[path]["ETag"]})
        assert status == 200, path
        assert headers["ETag"] != before[path]["ETag"]
        status, _, _ = fetch(server.url(path), {"If-Modified-Since": before[path]["Last-Modified"]})
        assert status == 200, path
    links = {e.link for e in feedparser.parse(fetch(server.url(FEED_PATH))[2]).entries}
    assert set(new_urls) <= links
    assert all(fetch(url, method="HEAD")[0] == 200 for url in new_urls)


def test_head_sends_headers_only(server: OutletServer) -> None:
    status, headers, body = fetch(server.url("/robots.txt"), method="HEAD")
    assert status == 200 and body == b""
    full = fetch(server.url("/robots.txt"))
    assert int(headers["Content-Length"]) == len(full[2])
    assert headers["ETag"] == full[1]["ETag"]
    assert b"Disallow: /private/" in full[2]


def test_request_log(server: OutletServer) -> None:
    etag = fetch(server.url(FEED_PATH))[1]["ETag"]
    fetch(server.url(FEED_PATH), {"If-None-Match": etag, "User-Agent": "newsmon-test"})
    fetch(server.url("/missing"), method="HEAD")
    records = server.requests.snapshot()
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", FEED_PATH, 200),
        ("GET", FEED_PATH, 304),
        ("HEAD", "/missing", 404),
    ]
    assert not records[0].conditional and records[1].conditional
    assert records[1].headers["if-none-match"] == etag and records[1].user_agent == "newsmon-test"
    assert records[0].timestamp <= records[1].timestamp <= time.time()
    assert server.requests.paths("HEAD") == ["/missing"]
    server.requests.clear()
    assert len(server.requests) == 0


def test_delay_does_not_block_other_requests(server: OutletServer) -> None:
    assert isinstance(server.site, Site)
    server.site["/slow"] = Page(body=b"finally", delay=1.5)
    results: dict[str, float] = {}

    def slow() -> None:
        fetch(server.url("/slow"))
        results["slow"] = time.monotonic()

    started = time.monotonic()
    thread = threading.Thread(target=slow)
    thread.start()
    assert server.requests.wait_for(lambda r: False, timeout=0.1) is False
    for _ in range(5):
        assert fetch(server.url("/latest/"))[0] == 200
    fast_done = time.monotonic()
    thread.join(timeout=10)
    assert fast_done - started < 1.0
    assert results["slow"] - started >= 1.4
    assert server.requests.for_path("/slow")[0].status == 200


def test_stop_wakes_delayed_answers() -> None:
    server = OutletServer({"/stall": Page(body=b"never", delay=60)}).start()
    failures: list[BaseException] = []

    def stalled() -> None:
        try:
            fetch(server.url("/stall"), timeout=30)
        except OSError as error:  # the connection is closed without an answer
            failures.append(error)

    thread = threading.Thread(target=stalled)
    thread.start()
    assert server.requests.wait_for(lambda r: False, timeout=0.2) is False
    started = time.monotonic()
    server.stop()
    thread.join(timeout=10)
    assert time.monotonic() - started < 5
    assert [r.status for r in server.requests] == [0]
    assert len(failures) == 1


def test_gzip_redirects_and_extra_headers() -> None:
    body = b"<html><body>" + b"compressible " * 200 + b"</body></html>"
    pages = {
        "/zipped": Page(body=body, gzip=True),
        "/old": Page.redirect("/zipped", status=301),
        "/teapot": Page(body=b"no", status=418, headers={"X-Fixture": "yes"}),
    }
    with OutletServer(pages) as server:
        status, headers, raw = fetch(server.url("/zipped"), {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(raw) == body
        status, headers, raw = fetch(server.url("/zipped"))
        assert "Content-Encoding" not in headers and raw == body
        status, headers, _ = fetch(server.url("/old"))
        assert status == 301 and headers["Location"] == "/zipped"
        status, headers, _ = fetch(server.url("/teapot"))
        assert status == 418 and headers["X-Fixture"] == "yes"


def test_site_set_after_the_port_is_known() -> None:
    server = OutletServer()
    with server:
        assert fetch(server.url("/"))[0] == 503
        server.site = build_sample_site(server.base_url)
        status, _, body = fetch(server.url("/robots.txt"))
        assert status == 200 and server.base_url.encode() in body


def test_concurrent_requests(server: OutletServer) -> None:
    assert isinstance(server.site, Site)
    urls = server.site.article_urls() * 3
    statuses: list[int] = []
    lock = threading.Lock()

    def get(url: str) -> None:
        status = fetch(url)[0]
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=get, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert statuses == [200] * len(urls)
    assert len(server.requests) == len(urls)


@requires_news_pages
def test_serves_real_news_pages() -> None:
    index = json.loads((NEWS_PAGES_DIR / "index.json").read_text(encoding="utf-8"))
    bodies = [Path(NEWS_PAGES_DIR / item["html"]).read_bytes() for item in index[:5]]
    with OutletServer(lambda base: build_site_from_pages(base, bodies * 2)) as server:
        assert isinstance(server.site, Site)
        urls = server.site.article_urls()
        assert len(urls) == 10
        served = sorted(fetch(url)[2] for url in urls)
        assert served == sorted(gzip.decompress(b) if b[:2] == b"\x1f\x8b" else b for b in bodies * 2)
