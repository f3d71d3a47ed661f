"""The meta-refresh check reads the head of a page and leaves the page's bytes undecoded."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.middlewares import META_REFRESH_HEAD_BYTES, HeadMetaRefreshMiddleware

URL = "http://127.0.0.1:8000/news/2025/06/story"


def _middleware() -> HeadMetaRefreshMiddleware:
    return HeadMetaRefreshMiddleware.from_crawler(get_crawler())


def _page(head: str, body_chars: int) -> HtmlResponse:
    text = "Quetta police said. " * (body_chars // 20)
    body = f"<html><head>{head}</head><body><p>{text}</p></body></html>"
    return HtmlResponse(URL, body=body.encode(), encoding="utf-8")


def test_a_long_article_is_passed_on_without_being_decoded() -> None:
    response = _page("<title>Story</title>", 10 * META_REFRESH_HEAD_BYTES)
    result = _middleware().process_response(Request(URL), response)
    assert result is response
    assert response._cached_ubody is None  # Scrapy's own middleware decodes the whole body here


def test_a_refresh_in_the_head_of_a_long_page_redirects() -> None:
    refresh = '<meta http-equiv="refresh" content="0; url=/news/2025/06/moved">'
    response = _page(refresh, 10 * META_REFRESH_HEAD_BYTES)
    result = _middleware().process_response(Request(URL), response)
    assert isinstance(result, Request)
    assert result.url == "http://127.0.0.1:8000/news/2025/06/moved"


def test_a_short_page_is_checked_as_scrapy_does() -> None:
    response = _page('<meta http-equiv="refresh" content="0; url=/elsewhere">', 200)
    result = _middleware().process_response(Request(URL), response)
    assert isinstance(result, Request) and result.url.endswith("/elsewhere")
