"""`Site`: the outlet's pages by path; feeds, sitemaps and listings follow the stories it holds."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from crawler.sample_outlet import feeds, templates
from crawler.sample_outlet.articles import PKT, SampleArticle, slugify
from crawler.sample_outlet.page import HTML, Entry, Outlet, Page

FEED_PATH = "/feeds/latest.xml"
SITEMAP_INDEX_PATH = "/sitemap.xml"
NEWS_SITEMAP_PATH = "/sitemaps/news.xml"
ARCHIVE_SITEMAP_PATH = "/sitemaps/archive.xml.gz"
LISTING_PATH = "/latest/"
ROBOTS_PATH = "/robots.txt"
DEFAULT_PAGES_START = datetime(2025, 6, 1, 8, 0, tzinfo=PKT)

_RSS = "application/rss+xml; charset=utf-8"
_XML = "application/xml; charset=utf-8"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def listing_path(page: int) -> str:
    """Path of listing page `page` (1-based): ``/latest/``, ``/latest/?page=2``, ..."""
    return LISTING_PATH if page <= 1 else f"{LISTING_PATH}?page={page}"


class Site(MutableMapping[str, Page]):
    """Pages of the fixture outlet by path (path plus query, e.g. ``/latest/?page=2``).

    Stories are added with `add_articles` / `add_pages`; the feed, sitemaps, listings and section
    pages are regenerated each time (new ETag and a later Last-Modified). Pages set with
    ``site[path] = Page(...)`` override generated ones and survive regeneration. Thread-safe.
    """

    def __init__(
        self,
        base_url: str,
        *,
        name: str = "The Indus Sentinel",
        per_page: int = 10,
        feed_limit: int = 50,
        related_links: int = 5,
    ) -> None:
        self.outlet = Outlet(base_url=base_url.rstrip("/"), name=name)
        self.per_page = per_page
        self.feed_limit = feed_limit
        self.related_links = related_links
        self._lock = threading.RLock()
        self._entries: list[Entry] = []
        self._articles: list[SampleArticle] = []
        self._overrides: dict[str, Page] = {}
        self._removed: set[str] = set()
        self._raw_pages = 0
        self._created = _now()
        self._generated_at = self._created
        self._pages: dict[str, Page] = {}
        self._regenerate(bump=False)

    # --- reading ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Scheme, host and port, no trailing slash."""
        return self.outlet.base_url

    def url(self, path: str) -> str:
        """Absolute URL of a site path."""
        return self.outlet.url(path)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every story, newest first."""
        with self._lock:
            return tuple(sorted(self._entries, key=lambda e: e.published, reverse=True))

    @property
    def articles(self) -> tuple[SampleArticle, ...]:
        """The `SampleArticle`s added so far, in order of addition."""
        with self._lock:
            return tuple(self._articles)

    def article_urls(self, *, include_private: bool = False) -> list[str]:
        """Absolute URLs of the story pages, newest first (``/private/`` ones only on request)."""
        return [
            self.url(e.path) for e in self.entries if include_private or not e.path.startswith("/private/")
        ]

    @property
    def listing_pages(self) -> int:
        """Number of ``/latest/`` pages."""
        with self._lock:
            return max(1, -(-len(self._entries) // self.per_page))

    @property
    def generated_at(self) -> datetime:
        """Last-Modified of the feed, sitemaps and listings."""
        with self._lock:
            return self._generated_at

    def __getitem__(self, path: str) -> Page:
        with self._lock:
            if path in self._overrides:
                return self._overrides[path]
            if path in self._removed:
                raise KeyError(path)
            return self._pages[path]

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            paths = (set(self._pages) - self._removed) | set(self._overrides)
        return iter(sorted(paths))

    def __len__(self) -> int:
        with self._lock:
            return len((set(self._pages) - self._removed) | set(self._overrides))

    # --- changing -----------------------------------------------------------------------------

    def __setitem__(self, path: str, page: Page) -> None:
        with self._lock:
            self._removed.discard(path)
            self._overrides[path] = page

    def __delitem__(self, path: str) -> None:
        with self._lock:
            if path not in self._overrides and (path not in self._pages or path in self._removed):
                raise KeyError(path)
            self._overrides.pop(path, None)
            self._removed.add(path)

    def add_articles(self, articles: Iterable[SampleArticle]) -> list[str]:
        """Publish articles; returns their URLs. Feed, sitemaps and listings regenerate."""
        batch = list(articles)
        with self._lock:
            known = {e.path for e in self._entries}
            for article in batch:
                if article.path in known:
                    raise ValueError(f"duplicate article path {article.path}")
                known.add(article.path)
            headlines = [_headline(a) for a in batch]
            pool = sorted(
                [e for e in [*self._entries, *headlines] if e.in_feed],
                key=lambda e: e.published,
                reverse=True,
            )
            for article in batch:
                related = [e for e in pool if e.path != article.path][: self.related_links]
                body = templates.render_article(article, self.outlet, related)
                self._entries.append(_headline(article, body))
                self._articles.append(article)
            self._regenerate()
        return [self.url(a.path) for a in batch]

    def add_pages(
        self,
        bodies: Sequence[bytes],
        *,
        titles: Sequence[str] | None = None,
        start: datetime | None = None,
        interval: timedelta = timedelta(minutes=30),
    ) -> list[str]:
        """Publish arbitrary HTML bodies under ``/news/<n>/<slug>``; returns their URLs.

        Gzipped bodies are unpacked. Titles come from `titles` or the page (og:title, <title>).
        Each page is dated `interval` after the newest story (the first one at `start`).
        """
        if titles is not None and len(titles) != len(bodies):
            raise ValueError("titles and bodies differ in length")
        with self._lock:
            newest = max((e.published for e in self._entries), default=None)
            first = newest + interval if newest is not None else (start or DEFAULT_PAGES_START)
            added: list[Entry] = []
            for i, raw in enumerate(bodies):
                body = _gunzip(raw)
                self._raw_pages += 1
                number = self._raw_pages
                title = titles[i] if titles is not None else _page_title(body) or f"Page {number}"
                added.append(
                    Entry(
                        path=f"/news/{number}/{slugify(title, 60)}",
                        title=title,
                        published=first + interval * i,
                        body=body,
                        content_type="text/html",
                    )
                )
            self._entries.extend(added)
            self._regenerate()
        return [self.url(e.path) for e in added]

    def add_entries(self, entries: Iterable[Entry]) -> list[str]:
        """Publish ready-made entries; returns their URLs."""
        batch = list(entries)
        with self._lock:
            self._entries.extend(batch)
            self._regenerate()
        return [self.url(e.path) for e in batch]

    # --- generation ---------------------------------------------------------------------------

    def _regenerate(self, bump: bool = True) -> None:
        if bump:
            self._generated_at = max(_now(), self._generated_at + timedelta(seconds=1))
        stamp = self._generated_at
        outlet = self.outlet
        ordered = sorted(self._entries, key=lambda e: e.published, reverse=True)
        public = [e for e in ordered if e.in_feed]
        pages: dict[str, Page] = {
            e.path: Page(body=e.body, content_type=e.content_type, last_modified=e.published) for e in ordered
        }

        def dynamic(body: bytes, content_type: str = HTML) -> Page:
            return Page(body=body, content_type=content_type, last_modified=stamp)

        def static(body: bytes) -> Page:
            return Page(body=body, last_modified=self._created)

        pages[ROBOTS_PATH] = Page(
            body=feeds.render_robots(outlet),
            content_type="text/plain; charset=utf-8",
            last_modified=self._created,
        )
        pages[FEED_PATH] = dynamic(feeds.render_rss(outlet, public[: self.feed_limit], stamp), _RSS)
        pages[SITEMAP_INDEX_PATH] = dynamic(
            feeds.render_sitemap_index(outlet, [NEWS_SITEMAP_PATH, ARCHIVE_SITEMAP_PATH], stamp), _XML
        )
        pages[NEWS_SITEMAP_PATH] = dynamic(feeds.render_news_sitemap(outlet, ordered), _XML)
        pages[ARCHIVE_SITEMAP_PATH] = dynamic(
            feeds.render_archive_sitemap(outlet, ordered), "application/x-gzip"
        )

        count = max(1, -(-len(ordered) // self.per_page))
        for n in range(1, count + 1):
            chunk = ordered[(n - 1) * self.per_page : n * self.per_page]
            body = templates.render_listing(
                outlet,
                "Latest news" if n == 1 else f"Latest news - page {n}",
                chunk,
                prev_url=listing_path(n - 1) if n > 1 else None,
                next_url=listing_path(n + 1) if n < count else None,
                canonical=listing_path(n),
            )
            pages[listing_path(n)] = dynamic(body)
        pages[f"{LISTING_PATH}?page=1"] = pages[LISTING_PATH]

        pages["/"] = dynamic(templates.render_listing(outlet, "Top stories", public[:12], canonical="/"))
        for key, label in templates.SECTIONS.items():
            chosen = [e for e in public if e.section == key][:20]
            pages[f"/{key}/"] = dynamic(templates.render_listing(outlet, label, chosen, canonical=f"/{key}/"))
        for label, path in templates.NAV:
            if path not in pages:
                pages[path] = dynamic(templates.render_listing(outlet, label, public[:5], canonical=path))
        for label, path in templates.FOOTER:
            pages[path] = static(templates.render_static(outlet, label, f"{label} - {outlet.name}."))
        self._pages = pages


def _headline(article: SampleArticle, body: bytes = b"") -> Entry:
    return Entry(
        path=article.path,
        title=article.title,
        published=article.published,
        body=body,
        summary=templates.summary_of(article),
        author=article.author,
        section=article.section,
        in_feed=not article.private,
    )


def _gunzip(raw: bytes) -> bytes:
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


class _TitleFinder(HTMLParser):
    """Collects og:title, <title> and the first <h1> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("property") == "og:title" and values.get("content"):
            self.found.setdefault("og", values["content"] or "")
        elif tag in ("title", "h1") and tag not in self.found:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.found[self._in] = self.found.get(self._in, "") + data


def _page_title(body: bytes) -> str | None:
    finder = _TitleFinder()
    finder.feed(body.decode("utf-8", errors="replace"))
    for key in ("og", "title", "h1"):
        title = " ".join(finder.found.get(key, "").split())
        if title:
            return title
    return None
