"""Scoring helpers for extraction quality: token F1, title match and the news-pages corpus."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipelines.extraction import WORD_RE

_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class TextScore:
    """Bag-of-words precision, recall and F1 of an extracted text against the expected one."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class NewsPage:
    """One page of the news-pages corpus with its expected extraction."""

    html_path: Path
    url: str
    expected_title: str
    expected_text: str
    expected_date: datetime | None

    def read_html(self) -> bytes:
        """The page's raw (decompressed) bytes, as a crawler would have them."""
        return gzip.decompress(self.html_path.read_bytes())


def tokens(text: str) -> list[str]:
    """Lowercased word tokens (NFKC); CJK characters are single tokens."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).lower())


def token_f1(predicted: str, expected: str) -> TextScore:
    """Bag-of-words overlap; an empty prediction of a non-empty text scores zero."""
    pred, gold = Counter(tokens(predicted)), Counter(tokens(expected))
    if not pred and not gold:
        return TextScore(1.0, 1.0, 1.0)
    overlap = sum((pred & gold).values())
    if overlap == 0:
        return TextScore(0.0, 0.0, 0.0)
    precision = overlap / sum(pred.values())
    recall = overlap / sum(gold.values())
    return TextScore(precision, recall, 2 * precision * recall / (precision + recall))


def normalize_title(title: str) -> str:
    """Casefolded, NFKC, whitespace-collapsed title for comparison."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", title)).strip().casefold()


def title_match(predicted: str | None, expected: str) -> tuple[bool, bool]:
    """(exact, near): exact after normalisation; near = token F1 >= 0.8 or one contains the other."""
    if not predicted:
        return False, False
    pred, gold = normalize_title(predicted), normalize_title(expected)
    if pred == gold:
        return True, True
    near = bool(gold) and (gold in pred or pred in gold or token_f1(pred, gold).f1 >= 0.8)
    return False, near


def expected_text(entry: dict[str, Any]) -> str:
    """Plain expected text of a corpus entry: summary, then each section's headline and paragraphs."""
    body = entry.get("body") or {}
    parts: list[str] = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n".join(parts)


def _parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def load_news_pages(root: Path, limit: int | None = None) -> Iterator[NewsPage]:
    """Pages of the corpus at ``root`` in index order (``index.json``), at most ``limit``."""
    rows: list[dict[str, Any]] = json.loads((root / "index.json").read_text(encoding="utf-8"))
    expected_files: dict[str, dict[str, Any]] = {}
    for row in rows[:limit] if limit is not None else rows:
        name = row["expected_json"]
        if name not in expected_files:
            expected_files[name] = json.loads((root / name).read_text(encoding="utf-8"))
        entry = expected_files[name][row["version_key"]]
        yield NewsPage(
            html_path=root / row["html"],
            url=row["url"],
            expected_title=entry.get("title") or "",
            expected_text=expected_text(entry),
            expected_date=_parse_date(entry.get("publishing_date")),
        )
