"""Tagging quality and speed on the hand-labelled set.

Run: .venv/bin/python bench/tagging_quality.py [--errors] [--labelled FILE ...] [--skip-ambiguous]
         [--pages DIR | --no-pages]

``--labelled`` evaluates other JSONL sets of the same shape instead of ours, e.g. a held-out set
of real reports kept outside the project (their text is not ours to ship); items with
``"ambiguous": true`` can be left out with ``--skip-ambiguous``.

Prints one line per figure, e.g. ``tagging/provinces f1=0.973 p=0.960 r=0.986``. With the real news
pages of ``../shared/data/news-pages`` present, it also prints what tagging costs against extraction
on those pages (``tagging/extraction_cost``): both measured in this process, alternating, so the
ratio holds when the machine's speed drifts.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.extraction import ExtractedArticle, extract_article  # noqa: E402
from pipelines.extraction_quality import load_news_pages  # noqa: E402
from pipelines.tagging import Tagger, evaluate, load_labelled, load_taxonomy  # noqa: E402
from pipelines.tagging.evaluation import LabelledItem  # noqa: E402

LABELLED = REPO / "tests" / "data" / "tagging_labelled.jsonl"
TAXONOMY = REPO / "config" / "taxonomy"
NEWS_PAGES = REPO.parent / "shared" / "data" / "news-pages"
LONG_CHARS = 3000
COST_ROUNDS = 3


def long_texts(items: list[LabelledItem], size: int = LONG_CHARS) -> list[tuple[str, str]]:
    """Articles of about ``size`` characters, made by joining consecutive labelled items."""
    out: list[tuple[str, str]] = []
    index = 0
    for _ in range(len(items)):
        parts: list[str] = []
        while sum(len(p) for p in parts) < size:
            parts.append(items[index % len(items)].text)
            index += 1
        out.append((items[index % len(items)].title, "\n\n".join(parts)))
    return out


def ambiguous_ids(path: Path) -> set[str]:
    """Ids of the items in a JSONL set that its labeller marked ``"ambiguous": true``."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {str(row["id"]) for row in rows if row.get("ambiguous")}


def rate(tagger: Tagger, articles: list[tuple[str, str]], min_seconds: float = 1.0) -> float:
    """Articles tagged per second (single core), repeating the set for at least ``min_seconds``."""
    done = 0
    start = time.perf_counter()
    while True:
        for title, text in articles:
            tagger.tag(title, text)
        done += len(articles)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed


def extraction_cost(tagger: Tagger, pages_dir: Path, rounds: int = COST_ROUNDS) -> None:
    """Print tagging's cost against extraction on real pages: per round, every page is extracted and
    its article tagged, each stage timed on its own; the best round of each stage is kept."""
    pages = list(load_news_pages(pages_dir))
    bodies = [page.html_path.read_bytes() for page in pages]
    extract_best = tag_best = float("inf")
    articles: list[tuple[str, str]] = []
    for _ in range(rounds):
        start = time.perf_counter()
        results = [extract_article(body, page.url) for page, body in zip(pages, bodies, strict=True)]
        extract_best = min(extract_best, time.perf_counter() - start)
        articles = [(r.title or "", r.text) for r in results if isinstance(r, ExtractedArticle)]
        start = time.perf_counter()
        for title, text in articles:
            tagger.tag(title, text)
        tag_best = min(tag_best, time.perf_counter() - start)
    avg = sum(len(text) for _, text in articles) / max(len(articles), 1)
    extract_ms, tag_ms = 1000 * extract_best / len(pages), 1000 * tag_best / max(len(articles), 1)
    print(f"tagging/extraction_cost ratio={tag_ms / extract_ms:.4f} tag_ms={tag_ms:.2f} "
          f"extract_ms={extract_ms:.1f} pages={len(pages)} articles={len(articles)} avg_chars={avg:.0f}")
    print(f"tagging/speed_pages articles_per_s={1000 / tag_ms:.0f} avg_chars={avg:.0f}")
    cut = [(title, _first_chars(text, LONG_CHARS)) for title, text in articles if len(text) >= LONG_CHARS]
    avg_cut = sum(len(text) for _, text in cut) / max(len(cut), 1)
    print(f"tagging/speed_pages_3k articles_per_s={rate(tagger, cut):.0f} avg_chars={avg_cut:.0f} "
          f"articles={len(cut)}")


def _first_chars(text: str, size: int) -> str:
    """The paragraphs of ``text`` that start within its first ``size`` characters."""
    end = text.find("\n", size)
    return text if end == -1 else text[:end]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the items the tagger gets wrong")
    parser.add_argument("--labelled", type=Path, nargs="+", default=[LABELLED], help="JSONL sets to score")
    parser.add_argument("--skip-ambiguous", action="store_true", help='leave out items marked "ambiguous"')
    parser.add_argument("--pages", type=Path, default=NEWS_PAGES,
                        help="news-pages directory for the cost against extraction (skipped when absent)")
    parser.add_argument("--no-pages", action="store_true", help="skip the cost against extraction")
    args = parser.parse_args()

    start = time.perf_counter()
    tagger = Tagger(load_taxonomy(TAXONOMY))
    build_ms = (time.perf_counter() - start) * 1000
    items = [item for path in args.labelled for item in load_labelled(path)]
    if args.skip_ambiguous:
        ambiguous = {item_id for path in args.labelled for item_id in ambiguous_ids(path)}
        items = [item for item in items if item.id not in ambiguous]
    report = evaluate(tagger, items)
    for family in ("provinces", "groups"):
        r = report[family]
        print(f"tagging/{family} f1={r['f1']:.3f} p={r['precision']:.3f} r={r['recall']:.3f} "
              f"tp={r['tp']} fp={r['fp']} fn={r['fn']} items={len(items)}")
    short = [(item.title, item.text) for item in items]
    avg = sum(len(t) for _, t in short) / len(short)
    print(f"tagging/speed articles_per_s={rate(tagger, short):.0f} avg_chars={avg:.0f}")
    long = long_texts(items)
    avg_long = sum(len(t) for _, t in long) / len(long)
    print(f"tagging/speed_3k articles_per_s={rate(tagger, long):.0f} avg_chars={avg_long:.0f}")
    start = time.perf_counter()
    pickle.loads(pickle.dumps(tagger))
    print(f"tagging/build ms={build_ms:.0f} pickle_roundtrip_ms={(time.perf_counter() - start) * 1000:.0f}")
    if not args.no_pages:
        if (args.pages / "index.json").exists():
            extraction_cost(tagger, args.pages)
        else:
            print(f"tagging/extraction_cost skipped: no news pages at {args.pages}")
    if args.errors:
        for error in report["errors"]:
            print("error", error)


if __name__ == "__main__":
    main()
