"""Pages that give no article are rejected with a stable reason code."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extraction import ExtractedArticle, ExtractionOptions, Rejection, extract_article
from tests.extraction.pages import article_page, listing_page

URL = "https://frontier.example/pakistan/"


def _reason(body: bytes, options: ExtractionOptions | None = None) -> str:
    result = extract_article(body, URL, options or ExtractionOptions())
    assert isinstance(result, Rejection), result
    return result.reason


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"\n"])
def test_empty(body: bytes) -> None:
    assert _reason(body) == "empty"


@pytest.mark.parametrize(
    "body",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"\x00\x01" * 200,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 100,
        b"PK\x03\x04\x14\x00" + b"\x00" * 100,
        b"plain text with no markup at all, just words and more words " * 20,
        json.dumps({"title": "x", "items": ["<b>y</b>"] * 40}).encode(),
    ],
    ids=["pdf", "png", "zip", "text", "json"],
)
def test_not_html(body: bytes) -> None:
    assert _reason(body) == "not_html"


def test_too_short() -> None:
    page = "<!DOCTYPE html><html><head><title>Short</title></head><body><article>"
    page += (
        "<p>Police said the road was reopened on Monday after a brief closure.</p></article></body></html>"
    )
    assert _reason(page.encode()) == "too_short"


def test_thresholds_come_from_options() -> None:
    page = article_page().encode()
    assert isinstance(extract_article(page, URL), ExtractedArticle)
    assert _reason(page, ExtractionOptions(min_words=500)) == "too_short"
    assert _reason(page, ExtractionOptions(min_text_chars=5000)) == "too_short"


def test_listing_page_with_40_links() -> None:
    assert _reason(listing_page(40).encode()) == "listing_page"


def test_page_without_main_text() -> None:
    page = '<!DOCTYPE html><html><head><title>Video</title></head><body><div id="player"></div>'
    page += "<script>var player = 1;</script></body></html>"
    assert _reason(page.encode()) == "no_text"
    assert _reason(page.replace("<body>", '<body><nav><a href="/">Home</a></nav>').encode()) == "too_short"


def test_too_large() -> None:
    assert _reason(article_page().encode(), ExtractionOptions(max_bytes=1000)) == "too_large"


def test_gzip_body_is_unpacked_and_bounded() -> None:
    body = gzip.compress(article_page().encode())
    assert isinstance(extract_article(body, URL), ExtractedArticle)
    assert _reason(body, ExtractionOptions(max_bytes=2000)) == "too_large"


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=3000)
    | st.text(max_size=3000).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode())
)
def test_never_raises(body: bytes) -> None:
    assert isinstance(extract_article(body, URL), (ExtractedArticle, Rejection))
