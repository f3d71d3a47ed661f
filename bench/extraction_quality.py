"""Extraction quality on real news pages: newsmon's extract_article vs plain trafilatura.extract.

    .venv/bin/python bench/extraction_quality.py [--limit N] [--set favor_precision=true ...] [--worst K]

Reads ../shared/data/news-pages (index.json); prints one figure per line, baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.extraction import ExtractedArticle, ExtractionOptions, extract_article
from pipelines.extraction_quality import NewsPage, TextScore, load_news_pages, title_match, token_f1

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-pages"


@dataclasses.dataclass
class Run:
    """Per-page results of one extractor."""

    name: str
    texts: list[str]
    titles: list[str | None]
    dates: list[datetime | None]
    seconds: float


def parse_options(pairs: list[str]) -> ExtractionOptions:
    """ExtractionOptions from ``key=value`` pairs (bools: true/false)."""
    fields = {f.name: f for f in dataclasses.fields(ExtractionOptions)}
    values: dict[str, object] = {}
    for pair in pairs:
        key, _, raw = pair.partition("=")
        if key not in fields:
            raise SystemExit(f"unknown option {key!r}; known: {', '.join(fields)}")
        default = getattr(ExtractionOptions(), key)
        values[key] = raw.lower() in ("1", "true", "yes") if isinstance(default, bool) else type(default)(raw)
    return ExtractionOptions(**values)  # type: ignore[arg-type]


def timed(
    pages: list[NewsPage], bodies: list[bytes], one: Callable[[NewsPage, bytes], object]
) -> tuple[list[object], float]:
    """Results of ``one`` per page and the total seconds it took."""
    start = time.perf_counter()
    results = [one(page, body) for page, body in zip(pages, bodies, strict=True)]
    return results, time.perf_counter() - start


def run_plain(pages: list[NewsPage], bodies: list[bytes]) -> Run:
    """Plain trafilatura: extract() with default options, then extract_metadata() for title and date."""
    texts, text_seconds = timed(
        pages, bodies, lambda page, body: trafilatura.extract(body, url=page.url) or ""
    )
    metas, meta_seconds = timed(
        pages, bodies, lambda page, body: trafilatura.extract_metadata(body, default_url=page.url)
    )
    print(f"plain trafilatura.extract: {1000 * text_seconds / len(pages):.1f} ms/page (text only)")
    print(f"plain trafilatura.extract_metadata: {1000 * meta_seconds / len(pages):.1f} ms/page (title, date)")
    dates = [_plain_date(meta.date if meta is not None else None) for meta in metas]  # type: ignore[attr-defined]
    titles = [meta.title if meta is not None else None for meta in metas]  # type: ignore[attr-defined]
    return Run("plain", [str(t) for t in texts], titles, dates, text_seconds + meta_seconds)


def _plain_date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def run_newsmon(
    pages: list[NewsPage], bodies: list[bytes], options: ExtractionOptions
) -> tuple[Run, Counter[str]]:
    """newsmon's extract_article; rejections count as empty text."""
    results, seconds = timed(pages, bodies, lambda page, body: extract_article(body, page.url, options))
    print(f"newsmon extract_article: {1000 * seconds / len(pages):.1f} ms/page (text and metadata)")
    articles = [r if isinstance(r, ExtractedArticle) else None for r in results]
    rejections = Counter(getattr(r, "reason", "") for r in results if not isinstance(r, ExtractedArticle))
    for page, result in zip(pages, results, strict=True):
        if not isinstance(result, ExtractedArticle):
            print(f"  rejected {page.html_path.name}: {result}")
    return (
        Run(
            "newsmon",
            [a.text if a else "" for a in articles],
            [a.title if a else None for a in articles],
            [a.published_at if a else None for a in articles],
            seconds,
        ),
        rejections,
    )


def report(run: Run, pages: list[NewsPage]) -> list[TextScore]:
    """Print the run's figures, one per line; return the per-page text scores."""
    scores = [token_f1(text, page.expected_text) for text, page in zip(run.texts, pages, strict=True)]
    matches = [title_match(title, page.expected_title) for title, page in zip(run.titles, pages, strict=True)]
    dated = [
        (d, p.expected_date) for d, p in zip(run.dates, pages, strict=True) if p.expected_date is not None
    ]
    n = len(pages)
    print(f"{run.name} text precision: {statistics.mean(s.precision for s in scores):.4f}")
    print(f"{run.name} text recall: {statistics.mean(s.recall for s in scores):.4f}")
    print(f"{run.name} text F1 (mean over pages): {statistics.mean(s.f1 for s in scores):.4f}")
    print(f"{run.name} text F1 (median): {statistics.median(s.f1 for s in scores):.4f}")
    print(f"{run.name} title exact match: {sum(m[0] for m in matches) / n:.3f}")
    print(f"{run.name} title near match: {sum(m[1] for m in matches) / n:.3f}")
    print(f"{run.name} date found: {sum(d is not None for d in run.dates) / n:.3f}")
    within_day = sum(found is not None and abs(found - want) < timedelta(days=1) for found, want in dated)
    to_minute = sum(found is not None and abs(found - want) < timedelta(minutes=1) for found, want in dated)
    print(f"{run.name} date within 24h of expected: {within_day / max(len(dated), 1):.3f}")
    print(f"{run.name} date exact to the minute: {to_minute / max(len(dated), 1):.3f}")
    print(f"{run.name} time per page: {1000 * run.seconds / n:.1f} ms")
    return scores


def main(argv: list[str] | None = None) -> int:
    """Run both extractors over the corpus and print the comparison."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="news-pages directory")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of index.json")
    parser.add_argument("--set", dest="options", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages where newsmon trails most")
    args = parser.parse_args(argv)
    if not (args.pages / "index.json").exists():
        print(f"no news pages at {args.pages}", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    options = parse_options(args.options)
    pages = list(load_news_pages(args.pages, args.limit))
    bodies = [page.read_html() for page in pages]
    print(f"pages: {len(pages)}")
    print(f"options: {options}")
    plain, (newsmon, rejections) = run_plain(pages, bodies), run_newsmon(pages, bodies, options)
    plain_scores, newsmon_scores = report(plain, pages), report(newsmon, pages)
    print(f"newsmon rejections: {sum(rejections.values())} {dict(rejections)}")
    delta = statistics.mean(n.f1 - p.f1 for n, p in zip(newsmon_scores, plain_scores, strict=True))
    print(f"F1 newsmon - plain: {delta:+.4f}")
    print(f"speed newsmon/plain (time ratio): {newsmon.seconds / plain.seconds:.2f}")
    gaps = sorted(
        zip(newsmon_scores, plain_scores, pages, strict=True), key=lambda row: row[0].f1 - row[1].f1
    )
    for mine, theirs, page in gaps[: args.worst]:
        print(f"  {page.html_path.name}: newsmon {mine.f1:.3f} plain {theirs.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
