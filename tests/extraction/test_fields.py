"""Fields extracted from a small hand-written article page."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context

import pytest

from pipelines.extraction import (
    ExtractedArticle,
    ExtractionOptions,
    Rejection,
    count_words,
    extract_article,
    reset_caches,
)
from tests.extraction.pages import COMMENT_TEXT, FOOTER_TEXT, PARAGRAPHS, article_page

URL = "https://frontier.example/pakistan/2025/03/04/bannu-compound-cleared?utm_source=feed"
TITLE = "Security forces clear compound near Bannu after overnight clash"


@pytest.fixture(scope="module")
def article() -> ExtractedArticle:
    result = extract_article(article_page(title=TITLE).encode("utf-8"), URL)
    assert isinstance(result, ExtractedArticle), result
    return result


def test_title(article: ExtractedArticle) -> None:
    assert article.title == TITLE


def test_text_is_the_body_without_boilerplate(article: ExtractedArticle) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for noise in (COMMENT_TEXT, FOOTER_TEXT, "Opinion", "Weather", "Lakki Marwat", "Related"):
        assert noise not in article.text
    assert not article.text.startswith(TITLE), "the headline is in title, not repeated in text"
    assert article.word_count == count_words(article.text) == count_words(" ".join(PARAGRAPHS))


def test_date_from_meta_is_utc(article: ExtractedArticle) -> None:
    assert article.published_at == datetime(2025, 3, 4, 4, 30, tzinfo=UTC)


def test_metadata(article: ExtractedArticle) -> None:
    assert article.author == "Ayesha Khan"
    assert article.language == "en"
    assert article.canonical_url == "https://frontier.example/pakistan/2025/03/04/bannu-compound-cleared"
    assert article.description == "Two suspects arrested and explosives recovered, police say."
    assert article.sitename == "The Frontier Ledger"


def test_language_from_og_locale_when_no_html_lang() -> None:
    page = article_page().replace('<html lang="en-PK">', "<html>")
    page = page.replace("<head>", '<head><meta property="og:locale" content="ur_PK">')
    result = extract_article(page.encode(), URL)
    assert isinstance(result, ExtractedArticle)
    assert result.language == "ur"


def test_date_without_zone_is_utc_midnight() -> None:
    page = article_page().replace("2025-03-04T09:30:00+05:00", "2025-03-04")
    result = extract_article(page.encode(), URL)
    assert isinstance(result, ExtractedArticle)
    assert result.published_at == datetime(2025, 3, 4, tzinfo=UTC)


def test_no_canonical_gives_none() -> None:
    page = article_page().replace(
        '<link rel="canonical" href="/pakistan/2025/03/04/bannu-compound-cleared">', ""
    )
    result = extract_article(page.encode(), URL)
    assert isinstance(result, ExtractedArticle)
    assert result.canonical_url is None


def test_canonical_in_the_head_wins_over_one_in_the_body() -> None:
    page = article_page().replace(
        "<header>", '<header><link rel="canonical" href="https://mirror.example/copied-story">', 1
    )
    result = extract_article(page.encode(), URL)
    assert isinstance(result, ExtractedArticle)
    assert result.canonical_url == "https://frontier.example/pakistan/2025/03/04/bannu-compound-cleared"


def test_canonical_only_in_the_body_is_still_found() -> None:
    link = '<link rel="canonical" href="/pakistan/2025/03/04/bannu-compound-cleared">'
    page = article_page().replace(link, "").replace("<header>", f"<header>{link}", 1)
    result = extract_article(page.encode(), URL)
    assert isinstance(result, ExtractedArticle)
    assert result.canonical_url == "https://frontier.example/pakistan/2025/03/04/bannu-compound-cleared"


def test_results_are_picklable_and_work_in_a_spawned_worker(article: ExtractedArticle) -> None:
    assert pickle.loads(pickle.dumps(article)) == article
    assert pickle.loads(pickle.dumps(Rejection("too_short", "x"))) == Rejection("too_short", "x")
    options = ExtractionOptions(min_words=10)
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        remote = pool.submit(
            extract_article, article_page(title=TITLE).encode(), URL, options, "utf-8"
        ).result()
    assert remote == extract_article(article_page(title=TITLE).encode(), URL, options, "utf-8")


def test_reset_caches_keeps_extraction_working() -> None:
    reset_caches()
    assert isinstance(extract_article(article_page().encode(), URL), ExtractedArticle)
