"""The benchmark outlet: the real pages of ../shared/data/news-pages, replicated up to N URLs.

Shared by the bench scripts. The 258 pages are read (and gunzipped) at run time and repeated
in index order until there are N bodies; every copy gets its own URL (``/news/<n>/<slug>``) and
stays byte-identical to its original otherwise, so copies carry identical texts (newsmon's
dedup joins them to one story; each is still fetched, extracted, tagged and stored). The site
has an RSS feed (newest 50), a sitemap index (Google News sitemap + gzipped archive sitemap,
each listing every page), ``/latest/`` listing pages and a robots.txt; it is served by
:class:`OutletServer` on 127.0.0.1 with ETag/Last-Modified answers and a request log.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from crawler.sample_outlet import (  # noqa: E402
    FEED_PATH,
    LISTING_PATH,
    PAGES_PATTERN,
    SITEMAP_INDEX_PATH,
    OutletServer,
    Site,
    build_site_from_pages,
)

DEFAULT_PAGES_DIR = REPO_ROOT.parent / "shared" / "data" / "news-pages"
_TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)

__all__ = [
    "DEFAULT_PAGES_DIR",
    "FEED_PATH",
    "LISTING_PATH",
    "PAGES_PATTERN",
    "SITEMAP_INDEX_PATH",
    "BenchOutlet",
    "BenchPage",
    "load_pages",
    "replicate",
]


@dataclass(frozen=True)
class BenchPage:
    """One distinct corpus page: decompressed bytes and a title for its URL slug."""

    body: bytes
    title: str
    original_url: str


def load_pages(pages_dir: Path = DEFAULT_PAGES_DIR) -> list[BenchPage]:
    """Every page listed in ``index.json`` of ``pages_dir``, in index order."""
    rows = json.loads((pages_dir / "index.json").read_text(encoding="utf-8"))
    pages = []
    for number, row in enumerate(rows, start=1):
        body = gzip.decompress((pages_dir / row["html"]).read_bytes())
        pages.append(BenchPage(body, _title(body) or f"Page {number}", row["url"]))
    return pages


def replicate(pages: list[BenchPage], count: int) -> list[BenchPage]:
    """``pages`` repeated in order until there are ``count`` of them."""
    if not pages:
        raise ValueError("no pages to replicate")
    return [pages[i % len(pages)] for i in range(count)]


def _title(body: bytes) -> str | None:
    match = _TITLE_RE.search(body[:200_000])
    if not match:
        return None
    title = " ".join(unescape(match.group(1).decode("utf-8", errors="replace")).split())
    return title[:120] or None


class BenchOutlet:
    """The replicated outlet, served on 127.0.0.1 while in a ``with`` block.

    ``urls[i]`` is the URL serving ``pages[i]``.
    """

    def __init__(self, count: int, pages_dir: Path = DEFAULT_PAGES_DIR) -> None:
        self.distinct = load_pages(pages_dir)
        self.pages = replicate(self.distinct, count)
        self.server = OutletServer()
        self.site: Site = build_site_from_pages(
            self.server.base_url, [p.body for p in self.pages], titles=[p.title for p in self.pages]
        )
        self.server.site = self.site
        self.urls = self.site.article_urls()[::-1]  # newest first -> order of addition

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return self.server.base_url

    def feed_url(self) -> str:
        """The RSS feed."""
        return self.server.url(FEED_PATH)

    def sitemap_url(self) -> str:
        """The sitemap index."""
        return self.server.url(SITEMAP_INDEX_PATH)

    def listing_url(self) -> str:
        """The first listing page."""
        return self.server.url(LISTING_PATH)

    def describe(self) -> str:
        """One line saying what is served."""
        return (
            f"outlet {self.base_url}: {len(self.pages)} article URLs from {len(self.distinct)} distinct "
            f"pages (copies byte-identical apart from URL: dedup joins them into stories, each is "
            f"still stored); feed, sitemap index, {self.site.listing_pages} listing pages"
        )

    def article_requests(self) -> int:
        """GET requests for article pages logged so far."""
        return sum(
            1
            for r in self.server.requests
            if r.method == "GET" and re.match(PAGES_PATTERN, r.path.partition("?")[0])
        )

    def __enter__(self) -> BenchOutlet:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
