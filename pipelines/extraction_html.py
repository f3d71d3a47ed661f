"""HTML helpers for extraction: sniffing, decoding, and page-level metadata read from the tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from charset_normalizer import from_bytes
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from w3lib.encoding import html_to_unicode

_BINARY_MAGIC = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x1a\x45\xdf\xa3",
    b"\x00\x00\x01\x00",
    b"\xd0\xcf\x11\xe0",
    b"\x28\xb5\x2f\xfd",
    b"BZh",
    b"\xfd7zXZ",
)
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_BOMS = (b"\xef\xbb\xbf", *_UTF16_32_BOMS)
_MARKUP_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main)[\s>/]", re.I)
_LANG_RE = re.compile(r"^([a-z]{2})(?:$|[-_])", re.I)
_LANGUAGE_XPATH = (
    "//meta[@property='og:locale']/@content",
    "//meta[translate(@http-equiv,'CONTENTLAGU','contentlagu')='content-language']/@content",
    "//meta[translate(@name,'LANGUEDC.','languedc.')='language' or "
    "translate(@name,'LANGUEDC.','languedc.')='dc.language']/@content",
)
_CANONICAL_XPATH = (
    ".//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href",
    ".//meta[@property='og:url']/@content",
)


def looks_like_binary(body: bytes) -> bool:
    """True for known binary formats (PDF, images, archives) or NUL bytes in non-UTF-16/32 data."""
    head = body[:1024].lstrip()
    if head.startswith(_BINARY_MAGIC) or body[4:8] == b"ftyp":
        return True
    return b"\x00" in head and not body.startswith(_UTF16_32_BOMS)


def looks_like_markup(html: str) -> bool:
    """True when the start of the document holds an HTML tag."""
    return _MARKUP_RE.search(html, 0, 32_768) is not None


def _detect_encoding(body: bytes) -> str | None:
    """Detection as a last resort (not valid UTF-8, nothing declared): charset_normalizer, else cp1252."""
    sample = body if len(body) < 20_000 else body[:10_000] + body[-10_000:]
    best = from_bytes(sample).best()
    return best.encoding if best is not None else "cp1252"


def decode_html(body: bytes, encoding: str | None = None) -> str:
    """Decode by BOM; non-ASCII bytes that are valid UTF-8; the HTTP charset; <meta charset>; detection.

    Valid non-ASCII UTF-8 is almost never another encoding, while declared charsets are often stale
    (templates saying iso-8859-1, servers defaulting to it). Otherwise the WHATWG rules Scrapy uses
    apply (w3lib), so e.g. a declared latin-1 decodes as its superset cp1252.
    """
    if not body.startswith(_BOMS) and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    content_type = f"text/html; charset={encoding}" if encoding else None
    return html_to_unicode(content_type, body, auto_detect_fun=_detect_encoding)[1]


def normalize_space(text: str) -> str:
    """Casefolded text with whitespace collapsed, for comparing extracted lines with link texts."""
    return " ".join(text.split()).casefold()


def page_language(tree: HtmlElement) -> str | None:
    """Two-letter language code from <html lang>, og:locale or a language <meta>."""
    for value in _language_candidates(tree):
        match = _LANG_RE.match(value.strip()) if value else None
        if match:
            return match.group(1).lower()
    return None


def _language_candidates(tree: HtmlElement) -> Iterator[str | None]:
    # lazily: most pages answer with <html lang>, and each XPath walks the whole document
    yield tree.get("lang")
    yield tree.get("xml:lang")
    for xpath in _LANGUAGE_XPATH:
        yield from (str(value) for value in tree.xpath(xpath))


def canonical_url(tree: HtmlElement, page_url: str) -> str | None:
    """The page's own <link rel=canonical> or og:url, made absolute against ``page_url``.

    The <head> is searched first; the whole document only when the head declares neither.
    """
    head = tree.find("head")
    scopes = (head, tree) if head is not None else (tree,)
    for scope in scopes:
        for xpath in _CANONICAL_XPATH:
            for value in scope.xpath(xpath):
                href = str(value).strip()
                if not href:
                    continue
                absolute = urljoin(page_url, href)
                if urlsplit(absolute).scheme in ("http", "https"):
                    return absolute
    return None
