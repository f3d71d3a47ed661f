"""The one generic outlet spider: feeds, sitemaps and listing pages to article pages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

import feedparser
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawler.config.sources import SourceConfig, host_allowed
from crawler.errors import ERROR_STAT_PREFIX, failure_kind
from crawler.items import PageItem
from crawler.middlewares import SAFE_SCHEMES
from crawler.runrecord import database_error_text
from crawler.validators import INDEX_URL, PendingValidators, is_transient
from crawler.xmlguard import unsafe_xml
from pipelines.normalize import url_key
from pipelines.storage.database import DATABASE_ERRORS
from pipelines.storage.models import utcnow
from pipelines.storage.repository import Store
from pipelines.store import RETRY_REJECTIONS

KIND = "newsmon_kind"  # request meta key: "feed", "sitemap", "listing" or "article"
SOURCE = "source_id"  # request meta key: the id of the source the request crawls
_NEXT_TEXT = re.compile(r"^\s*(next|older|more)\b|›|»", re.IGNORECASE)


class OutletSpider(Spider):
    """Crawls one configured source. Index pages are requested conditionally; article URLs
    already stored are never requested again."""

    name = "outlet"
    store: Store
    listing_max_pages: int
    max_articles: int
    max_index_bytes: int

    def __init__(self, source: SourceConfig, **kwargs: Any):
        super().__init__(name=f"outlet:{source.id}", **kwargs)
        self.source = source
        self.allowed_domains = list(source.allowed_hosts)
        self.article_regex = source.article_regex
        self.articles_requested = 0
        self.validators = PendingValidators()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> OutletSpider:
        spider: OutletSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.store = Store.for_url(settings["NEWSMON_DATABASE_URL"])
        spider.listing_max_pages = settings.getint("NEWSMON_LISTING_MAX_PAGES", 5)
        spider.max_articles = settings.getint("NEWSMON_MAX_ARTICLES_PER_RUN", 0)
        spider.max_index_bytes = settings.getint("DOWNLOAD_MAXSIZE", 10 * 1024 * 1024)
        crawler.signals.connect(spider.on_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.on_item_failed, signal=signals.item_error)
        crawler.signals.connect(spider.on_item_dropped, signal=signals.item_dropped)
        return spider

    def source_of(self, meta: Mapping[str, Any]) -> SourceConfig:
        """The source a request or response belongs to (one source here; the queue worker
        reads ``meta[SOURCE]``)."""
        return self.source

    # -- start ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Index requests for every feed, sitemap and listing of the source."""
        for url in self.source.feeds:
            yield self._index_request(url, "feed", self.parse_feed)
        for url in self.source.sitemaps:
            yield self._index_request(url, "sitemap", self.parse_sitemap)
        for url in self.source.listings:
            yield self._index_request(url, "listing", self.parse_listing, page=1)

    def _index_request(
        self, url: str, kind: str, callback: Any, page: int = 0, source: SourceConfig | None = None
    ) -> Request:
        headers = {}
        validators = self.store.validators(url)
        if validators:
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=headers,
            meta={
                KIND: kind,
                SOURCE: (source or self.source).id,
                "listing_page": page,
                "handle_httpstatus_list": [304],
            },
            priority=10,
        )

    # -- index pages ---------------------------------------------------------------------

    def _index_unchanged(self, response: Response) -> bool:
        kind = response.meta[KIND]
        self.crawler.stats.inc_value(f"newsmon/index/{kind}/status_{response.status}")
        self.validators.answered(  # stored when the crawl ends cleanly (crawler.validators)
            response.url,
            self.source_of(response.meta).id,
            response.status,
            _header(response, "ETag"),
            _header(response, "Last-Modified"),
        )
        return response.status == 304

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """RSS/Atom: every entry link (and alternate links) that looks like an article."""
        if self._index_unchanged(response) or self._unsafe(response, response.body):
            return
        parsed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if parsed.bozo and not parsed.entries:
            self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}bad_feed")
            self.logger.warning("feed %s could not be parsed: %s", response.url, parsed.get("bozo_exception"))
            return
        links = []
        for entry in parsed.entries:
            link = entry.get("link") or next(
                (alt.get("href") for alt in entry.get("links", []) if alt.get("rel") == "alternate"), None
            )
            if link:
                links.append(response.urljoin(link))
        self.crawler.stats.inc_value("newsmon/discovered/feed", len(links))
        yield from self._article_requests(links, "feed", self.source_of(response.meta), response.url)

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Sitemap index (follows children on the source's hosts), urlset, Google News sitemap."""
        if self._index_unchanged(response):
            return
        body = self._sitemap_body(response)
        if body is None or self._unsafe(response, body):
            return
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises several types for broken XML
            self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}bad_sitemap")
            self.logger.warning("sitemap %s could not be parsed: %s", response.url, exc)
            return
        locations = [entry["loc"] for entry in sitemap if entry.get("loc")]
        source = self.source_of(response.meta)
        if sitemap.type == "sitemapindex":
            for loc in locations:
                url = response.urljoin(loc)
                if self._safe_scheme(url) and host_allowed(_host(url), source.allowed_hosts):
                    yield self._index_request(url, "sitemap", self.parse_sitemap, source=source)
            return
        self.crawler.stats.inc_value("newsmon/discovered/sitemap", len(locations))
        urls = (response.urljoin(loc) for loc in locations)
        yield from self._article_requests(urls, "sitemap", source, response.url)

    def _unsafe(self, response: Response, body: bytes) -> bool:
        """Refuse (and count) a feed or sitemap that declares XML entities."""
        reason = unsafe_xml(body)
        if reason is not None:
            self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}unsafe_xml")
            self.logger.warning("refused %s: %s", response.url, reason)
        return reason is not None

    def _safe_scheme(self, url: str) -> bool:
        """Only http(s) is ever requested; anything else (file:, ftp:, javascript:) is counted."""
        if url.split(":", 1)[0].lower() in SAFE_SCHEMES:
            return True
        self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}unsafe_scheme")
        self.logger.warning("refused non-http URL %.200s", url)
        return False

    def _sitemap_body(self, response: Response) -> bytes | None:
        body = response.body
        if gzip_magic_number(response):
            try:
                body = gunzip(body, max_size=self.max_index_bytes)
            except Exception as exc:  # truncated or oversized gzip
                self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}bad_sitemap")
                self.logger.warning("sitemap %s could not be decompressed: %s", response.url, exc)
                return None
        return body

    def parse_listing(self, response: Response) -> Iterator[Request]:
        """Section page: links matching ``article_pattern``, then the next page."""
        if self._index_unchanged(response) or not isinstance(response, TextResponse):
            return
        extractor = LinkExtractor(unique=True)  # hosts are checked by is_article_url
        links = [link.url for link in extractor.extract_links(response)]
        self.crawler.stats.inc_value("newsmon/discovered/listing", len(links))
        source = self.source_of(response.meta)
        yield from self._article_requests(links, "listing", source, response.url)
        page = int(response.meta.get("listing_page", 1))
        next_url = _next_page(response)
        if next_url and page < self.listing_max_pages and self._safe_scheme(next_url):
            yield self._index_request(next_url, "listing", self.parse_listing, page=page + 1, source=source)

    # -- articles ------------------------------------------------------------------------

    def is_article_url(self, url: str, source: SourceConfig | None = None) -> bool:
        """On the source's hosts and matching ``article_pattern`` (when set)."""
        if not url.startswith(("http://", "https://")):
            return False
        if not host_allowed(_host(url), (source or self.source).allowed_hosts):
            return False
        regex = self.article_regex if source is None else source.article_regex
        if regex is None:
            return True
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return regex.search(path) is not None

    def _article_requests(
        self, urls: Iterable[str], via: str, source: SourceConfig | None = None, index_url: str | None = None
    ) -> Iterator[Request]:
        source = source or self.source
        stats = self.crawler.stats
        candidates: list[tuple[str, str]] = []
        for url in urls:
            if via != "listing" and not self._safe_scheme(url):
                continue  # a feed or sitemap naming a file:, ftp: or javascript: "article"
            if not self.is_article_url(url, source):
                stats.inc_value("newsmon/skipped/not_article_url")
                continue
            candidates.append((url, url_key(url)))
        # one query per few hundred URLs: a sitemap lists thousands, most of them stored already
        seen = self.store.seen_keys(key for _, key in candidates)
        for url, key in candidates:
            if key in seen:
                stats.inc_value("newsmon/skipped/already_stored")
                continue
            if self.max_articles and self.articles_requested >= self.max_articles:
                stats.inc_value("newsmon/skipped/run_limit")
                self.validators.unsettle(index_url)
                continue
            self.articles_requested += 1
            yield Request(
                url,
                callback=self.parse_article,
                errback=self.on_error,
                meta={KIND: "article", SOURCE: source.id, "via": via, INDEX_URL: index_url},
            )

    def parse_article(self, response: Response) -> Iterator[PageItem]:
        """Hand the raw page to the pipelines (extraction runs off the reactor thread)."""
        encoding = None
        content_type = _header(response, "Content-Type") or ""
        match = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
        if match:
            encoding = match.group(1)
        yield PageItem(
            source_id=self.source_of(response.meta).id,
            url=response.url,
            requested_url=response.meta.get("redirect_urls", [response.url])[0],
            body=response.body,
            encoding=encoding,
            fetched_at=utcnow(),
            index_url=response.meta.get(INDEX_URL),
        )

    def on_scheduled(self, request: Request) -> None:
        """Scrapy's offsite filter drops a request to another host (a redirect there) while
        scheduling it, without calling the errback: count it here."""
        if request.dont_filter or request.meta.get("allow_offsite"):
            return
        if not host_allowed(_host(request.url), self.source_of(request.meta).allowed_hosts):
            self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}offsite")
            self.logger.warning("refused offsite request %s", request.url)

    def on_dropped(self, request: Request) -> None:
        """A redirect back into its own chain (A -> B -> A) is dropped by Scrapy's duplicate
        filter without an error: count it as the redirect loop it is."""
        if request.url in request.meta.get("redirect_urls", ()):
            self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}redirect_loop")
            self.logger.warning(
                "redirect loop: %s", " -> ".join([*request.meta["redirect_urls"], request.url])
            )

    def on_item_failed(self, item: Any, response: Response | None) -> None:
        """A pipeline failed on an article (e.g. the database): it was not stored, so its
        index page must not answer 304 next time. A failed batched write has no response."""
        if response is not None:
            self.validators.unsettle(response.meta.get(INDEX_URL))
        elif isinstance(item, PageItem):
            self.validators.unsettle(item.index_url)

    def on_item_dropped(self, item: Any, response: Response | None) -> None:
        """A page dropped for a reason that may pass (empty, parse error) is tried again."""
        if response is not None and getattr(item, "rejection", None) in RETRY_REJECTIONS:
            self.validators.unsettle(response.meta.get(INDEX_URL))

    def closed(self, reason: str) -> None:
        """Store index validators if the crawl ended normally (see crawler.validators)."""
        try:
            self.validators.flush(self.store, finished=reason == "finished")
        except DATABASE_ERRORS as exc:
            self.logger.error("index validators not stored: %s", database_error_text(exc))

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by kind; the crawl goes on."""
        kind = failure_kind(failure)
        request = getattr(failure, "request", None)
        self.crawler.stats.inc_value(f"{ERROR_STAT_PREFIX}{kind}")
        if request is not None and is_transient(kind):
            self.validators.unsettle(request.meta.get(INDEX_URL))
        if request is not None and request.meta.get(KIND) != "article":
            self.crawler.stats.inc_value("newsmon/index/failed")
        self.logger.warning("request failed (%s): %s", kind, request.url if request else failure)


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _next_page(response: TextResponse) -> str | None:
    """``rel=next`` link, or an anchor whose text says next/older."""
    href = response.css('link[rel~="next"]::attr(href), a[rel~="next"]::attr(href)').get()
    if not href:
        for anchor in response.css("a"):
            text = " ".join(anchor.css("::text").getall())
            if _NEXT_TEXT.search(text) and anchor.attrib.get("href"):
                href = anchor.attrib["href"]
                break
    return response.urljoin(href) if href else None
