"""Downloader middlewares: the address guard, retries with back-off, and a meta-refresh check
that reads only the head of a page.

Both see every request the downloader gets, including redirects and robots.txt: a redirected
request goes back through the scheduler and the whole middleware chain.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError
from scrapy.http import HtmlResponse, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import task
from twisted.internet.error import DNSLookupError

from crawler.addresses import parse_ip, refusal
from crawler.errors import RefusedRequest

SAFE_SCHEMES = frozenset({"http", "https"})
# Scrapy looks for <meta http-equiv="refresh"> in the first 4096 characters; 4 bytes per character
# at most in UTF-8, so these bytes always hold them.
META_REFRESH_HEAD_BYTES = 4 * 4096


def _reactor() -> Any:
    from twisted.internet import reactor

    return reactor


async def resolve(host: str) -> str:
    """The IPv4 address the downloader will connect to for ``host``.

    Goes through the reactor's resolver, which is Scrapy's caching resolver: the connection
    that follows uses this same cached answer, so a name cannot be re-pointed between the
    check and the connection.
    """
    ip = parse_ip(host)
    if ip is not None:
        return str(ip)
    try:
        return str(await maybe_deferred_to_future(_reactor().resolve(host)))
    except DNSLookupError as exc:
        raise CannotResolveHostError(f"{host}: {exc}") from None


class AddressGuard:
    """Refuses non-http(s) URLs (``unsafe_scheme``) and connections to private, loopback,
    link-local or reserved addresses (``private_address``), unless the source's own configured
    URL is on that address: a public outlet cannot send the crawler into the local network."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self._allowed: tuple[str, ...] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuard:
        return cls(crawler)

    async def _allowed_addresses(self) -> tuple[str, ...]:
        if self._allowed is None:
            source = getattr(self.crawler.spider, "source", None)
            host = urlsplit(source.url).hostname if source is not None else None
            try:
                self._allowed = (await resolve(host),) if host else ()
            except CannotResolveHostError:
                self._allowed = ()
        return self._allowed

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in SAFE_SCHEMES:
            raise RefusedRequest("unsafe_scheme", f"refused {parts.scheme}: URL {request.url}")
        host = parts.hostname or ""
        reason = refusal(await resolve(host), await self._allowed_addresses()) if host else "no host"
        if reason is not None:
            raise RefusedRequest("private_address", f"refused {request.url}: {reason}")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (RETRY_HTTP_CODES: 5xx, 408, 429; timeouts and dropped connections;
    never other 4xx), each after a pause that doubles: ``NEWSMON_RETRY_BACKOFF`` seconds,
    then twice that ..., at most ``NEWSMON_RETRY_BACKOFF_MAX``; a longer ``Retry-After`` wins
    up to that cap."""

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSMON_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("NEWSMON_RETRY_BACKOFF_MAX", 30.0)

    def delay(self, retry: Request, response: Response | None) -> float:
        """Seconds to wait before sending ``retry``."""
        attempt = int(retry.meta.get("retry_times", 1))
        delay = self.backoff * 2 ** max(0, attempt - 1)
        if response is not None:
            value = (response.headers.get("Retry-After") or b"").decode("latin-1").strip()
            if value.isdigit():
                delay = max(delay, float(value))
        return float(min(delay, self.backoff_max))

    async def _pause(self, retry: Request | Response | None, response: Response | None) -> None:
        if isinstance(retry, Request):
            seconds = self.delay(retry, response)
            if seconds > 0:
                await maybe_deferred_to_future(task.deferLater(_reactor(), seconds))

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        await self._pause(result, response)
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        await self._pause(result, None)
        return result


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without decoding whole pages.

    Scrapy reads ``response.text[:4096]``, which decodes (and keeps) the whole body as text.
    newsmon never needs an article's text in the crawl process (extraction takes the bytes), so
    the check runs on a copy of the response cut to its head; the page goes on untouched.
    """

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if not isinstance(response, HtmlResponse) or len(response.body) <= META_REFRESH_HEAD_BYTES:
            return super().process_response(request, response)
        head = response.replace(body=response.body[:META_REFRESH_HEAD_BYTES])
        result = super().process_response(request, head)
        return response if result is head else result
