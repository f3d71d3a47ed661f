"""Article extraction: bytes Scrapy already fetched → one clean article, or a reasoned rejection.

``extract_article`` runs in a ``ProcessPoolExecutor`` worker: it is a top-level function whose
arguments and results are plain frozen dataclasses. It never touches the network.

Dates: ``published_at`` is timezone-aware UTC. A source time with a zone is converted to UTC; a
time without a zone, or a bare date, is taken as UTC (a bare date becomes UTC midnight).
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta

import trafilatura
import trafilatura.meta
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura.deduplication import LRUCache
from trafilatura.settings import Document
from trafilatura.utils import load_html

from pipelines.extraction_html import (
    canonical_url,
    decode_html,
    looks_like_binary,
    looks_like_markup,
    normalize_space,
    page_language,
)
from pipelines.extraction_listing import teaser_stats
from pipelines.extraction_types import ExtractedArticle, ExtractionOptions, Rejection

__all__ = [
    "ExtractedArticle",
    "ExtractionOptions",
    "Rejection",
    "count_words",
    "extract_article",
    "reset_caches",
]

# CJK ideographs and kana count as one word each (no spaces between words); else letter/digit runs.
CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_RE = re.compile(rf"[{CJK_CHARS}]|[^\W_{CJK_CHARS}]+")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_GZIP_MAGIC = b"\x1f\x8b\x08"
RESET_CACHES_EVERY = 2000
DEFAULT_OPTIONS = ExtractionOptions()
_pages_since_reset = 0


def count_words(text: str) -> int:
    """Word count; each CJK character counts as one word."""
    return len(WORD_RE.findall(text))


def reset_caches() -> None:
    """Clear trafilatura's (and htmldate's, courlan's) module caches so long runs don't grow.

    ``extract_article`` also calls it every ``RESET_CACHES_EVERY`` pages in each process.
    """
    global _pages_since_reset
    _pages_since_reset = 0
    trafilatura.meta.reset_caches()


def extract_article(
    body: bytes,
    url: str,
    options: ExtractionOptions = DEFAULT_OPTIONS,
    encoding: str | None = None,
) -> ExtractedArticle | Rejection:
    """Extract the article in ``body`` (fetched from ``url``); ``encoding`` is the HTTP header charset."""
    global _pages_since_reset
    _pages_since_reset += 1
    if _pages_since_reset >= RESET_CACHES_EVERY:
        reset_caches()
    if not body or body.isspace():
        return Rejection("empty", "no bytes")
    if len(body) > options.max_bytes:
        return Rejection("too_large", f"{len(body)} bytes > {options.max_bytes}")
    if body[:3] == _GZIP_MAGIC:
        try:
            body = _gunzip(body, options.max_bytes)
        except zlib.error as exc:
            return Rejection("not_html", f"bad gzip data: {exc}")
        except ValueError as exc:
            return Rejection("too_large", str(exc))
    if looks_like_binary(body):
        return Rejection("not_html", "binary content")
    html = decode_html(body, encoding)
    if not looks_like_markup(html):
        return Rejection("not_html", "no HTML markup")
    try:
        tree = load_html(_XML_DECL_RE.sub("", html, count=1))
    except Exception as exc:  # lxml raises a variety of errors on garbage
        return Rejection("parse_error", f"{type(exc).__name__}: {exc}")
    if tree is None:
        return Rejection("parse_error", "no HTML tree")
    return _extract_from_tree(tree, url, options)


def _extract_from_tree(
    tree: HtmlElement, url: str, options: ExtractionOptions
) -> ExtractedArticle | Rejection:
    try:
        doc = trafilatura.bare_extraction(
            tree,  # trafilatura works on its own copy: ``tree`` stays intact for the checks below
            url=url,
            with_metadata=True,
            favor_precision=options.favor_precision,
            favor_recall=options.favor_recall,
            include_comments=options.include_comments,
            include_tables=options.include_tables,
            deduplicate=LRUCache(maxsize=4096) if options.deduplicate else False,
            date_extraction_params=_date_params(options),
            prune_xpath=list(options.prune_xpath) or None,
        )
    except Exception as exc:  # a bad page must never kill the worker
        return Rejection("parse_error", f"trafilatura: {type(exc).__name__}: {exc}")
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return Rejection("no_text", "no main text found")
    text = (doc.text or "").strip()
    if options.drop_title_line:
        text = _without_title_line(text, doc.title)
    words = count_words(text)
    if len(text) < options.min_text_chars or words < options.min_words:
        return Rejection("too_short", f"{len(text)} chars, {words} words")
    teasers = teaser_stats(tree, text, options.listing_min_teasers)
    if teasers.teasers >= options.listing_min_teasers and teasers.share >= options.listing_teaser_share:
        return Rejection("listing_page", f"{teasers.teasers} teaser lines, {teasers.share:.0%} of the text")
    return ExtractedArticle(
        title=_clean(doc.title),
        text=text,
        published_at=_parse_date(doc.date),
        author=_clean(doc.author),
        language=page_language(tree),
        canonical_url=canonical_url(tree, url),
        description=_clean(doc.description),
        sitename=_clean(doc.sitename),
        word_count=words,
    )


def _date_params(options: ExtractionOptions) -> dict[str, object]:
    tomorrow = datetime.now(UTC) + timedelta(days=1)  # pages in zones ahead of UTC are already "tomorrow"
    return {
        "original_date": True,
        "deferred_url_extractor": True,  # a date in the URL has no time: prefer the page's own stamps
        "extensive_search": options.extensive_date_search,
        "max_date": tomorrow.strftime("%Y-%m-%d"),
        "outputformat": _DATE_FORMAT,
    }


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _without_title_line(text: str, title: str | None) -> str:
    """The text without a first line repeating the title (the headline is kept in ``title``)."""
    first, _, rest = text.partition("\n")
    if title and rest and normalize_space(first) == normalize_space(title):
        return rest.lstrip()
    return text


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _gunzip(data: bytes, max_size: int) -> bytes:
    inflater = zlib.decompressobj(31)
    out = inflater.decompress(data, max_size + 1)
    if len(out) > max_size:
        raise ValueError(f"decompressed size exceeds {max_size} bytes")
    return out
