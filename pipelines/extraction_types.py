"""What extraction takes and returns: plain frozen dataclasses, importable without trafilatura
(the crawl's main process only passes them to and from the extraction workers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ExtractionOptions:
    """Extraction knobs; the caller builds one from settings.

    Defaults were measured on ../shared/data/news-pages with ``bench/extraction_quality.py``:
    dropping comments, figure captions and a repeated headline line each raised token F1;
    favor_precision/favor_recall and per-page deduplication lowered it; the extensive (free-text)
    date search found no more correct dates, cost time, and takes footer years ("© 2025") for dates.
    """

    min_text_chars: int = 250
    min_words: int = 40
    max_bytes: int = 10_000_000  # larger bodies are rejected as "too_large" (also after gunzip)
    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False  # reader comments are not the article
    include_tables: bool = True  # casualty lists and figures often come as tables
    deduplicate: bool = False
    prune_xpath: tuple[str, ...] = ("//figcaption",)  # photo credits and captions
    extensive_date_search: bool = False
    drop_title_line: bool = True  # the headline is in ``title``, not repeated as the first text line
    # listing pages: at least this many teaser lines (headline links, blurbs beside them) making
    # at least this share of the extracted characters; real articles stay under 10 lines and 40 %
    listing_min_teasers: int = 5
    listing_teaser_share: float = 0.5


@dataclass(frozen=True)
class ExtractedArticle:
    """One article's text and metadata."""

    title: str | None
    text: str
    published_at: datetime | None
    author: str | None
    language: str | None
    canonical_url: str | None
    description: str | None
    sitename: str | None
    word_count: int


@dataclass(frozen=True)
class Rejection:
    """Why a page gave no article: a short stable ``reason`` code and a human ``detail``."""

    reason: str
    detail: str = ""
