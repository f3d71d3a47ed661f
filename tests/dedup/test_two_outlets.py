"""Done-when scenario: two outlets crawled together, one with 80 real articles, the other with
40 syndicated rewrites of them plus 20 reports of its own; every rewrite gets the story of its
original and nothing else is merged. The two outlets store from two processes at once."""

from __future__ import annotations

import multiprocessing
import random
from typing import Any

from sqlalchemy import select

from pipelines.extraction import ExtractedArticle, extract_article
from pipelines.extraction_quality import load_news_pages
from pipelines.normalize import canonicalize
from pipelines.storage.models import Article
from pipelines.storage.repository import Store
from tests.conftest import NEWS_PAGES_DIR, requires_news_pages
from tests.dedup import rewrites
from tests.dedup.helpers import default_index, open_store, save

ORIGINALS, REWRITES, OWN = 80, 40, 20


def real_articles(count: int) -> list[tuple[str, str, str]]:
    """(url, title, text) of the first ``count`` distinct real articles of the corpus."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for page in load_news_pages(NEWS_PAGES_DIR):
        url = canonicalize(page.url)
        if url in seen:  # the corpus holds two versions of a few pages: one article
            continue
        result = extract_article(page.html_path.read_bytes(), page.url)
        if isinstance(result, ExtractedArticle):
            seen.add(url)
            out.append((page.url, result.title or "", result.text))
        if len(out) == count:
            break
    return out


def new_headline(title: str) -> str:
    return f"Report: {title.rsplit(' ', 2)[0]} (updated)" if title else "Latest"


def crawl_outlet(database_url: str, source: str, articles: list[tuple[str, str, str]], barrier: Any) -> None:
    """One outlet's crawl: store its articles in order (a separate OS process)."""
    store = open_store(database_url, migrate=False)
    try:
        barrier.wait(timeout=120)
        index = default_index()
        for url, title, text in articles:
            save(store, index, url, text, source=source, title=title)
    finally:
        store.engine.dispose()


@requires_news_pages
def test_rewrites_join_their_originals_and_nothing_else_merges(db_url: str, store: Store) -> None:
    real = real_articles(ORIGINALS + OWN)
    assert len(real) == ORIGINALS + OWN
    originals, own_reports = real[:ORIGINALS], real[ORIGINALS:]
    rng = random.Random(3)
    rewritten = rng.sample(range(ORIGINALS), REWRITES)
    syndicated = [
        (
            f"https://tribune.example/wire/{i}",
            new_headline(originals[i][1]),
            rewrites.syndicated(originals[i][2], i),
        )
        for i in rewritten
    ]
    outlet_b = syndicated + [
        (f"https://tribune.example/own/{n}", t, x) for n, (_, t, x) in enumerate(own_reports)
    ]
    rng.shuffle(outlet_b)  # rewrites may be stored before or after their original

    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    crawls = [
        context.Process(target=crawl_outlet, args=(db_url, "dawn", originals, barrier)),
        context.Process(target=crawl_outlet, args=(db_url, "tribune", outlet_b, barrier)),
    ]
    for process in crawls:
        process.start()
    for process in crawls:
        process.join(timeout=240)
        assert process.exitcode == 0

    with store.sessions() as session:
        story = {url: sid for url, sid in session.execute(select(Article.canonical_url, Article.story_id))}
    assert len(story) == ORIGINALS + REWRITES + OWN and None not in story.values()
    original_story = [story[canonicalize(url)] for url, _, _ in originals]
    joined = sum(
        story[canonicalize(f"https://tribune.example/wire/{i}")] == original_story[i] for i in rewritten
    )
    own_story = [story[canonicalize(f"https://tribune.example/own/{n}")] for n in range(OWN)]
    print(
        f"\ntwo outlets: {joined}/{REWRITES} rewrites joined their original's story; "
        f"{len(set(story.values()))} stories for {ORIGINALS + OWN} reports"
    )
    assert joined == REWRITES
    # nothing else merged: 80 + 20 distinct reports, 100 distinct stories
    assert len(set(original_story)) == ORIGINALS
    assert len(set(own_story)) == OWN and not set(own_story) & set(original_story)
    assert len(set(story.values())) == ORIGINALS + OWN
