"""The bundled articles: enough of them, the right length, and the dedup/tagging cases they promise."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from crawler.sample_outlet import SampleArticle, generate_articles, load_sample_articles

ARTICLES = load_sample_articles()
BY_ID = {a.id: a for a in ARTICLES}


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: SampleArticle, b: SampleArticle) -> float:
    left, right = shingles(a.text), shingles(b.text)
    return len(left & right) / len(left | right)


def test_enough_articles_with_unique_ids_and_paths() -> None:
    assert len(ARTICLES) >= 14
    assert len(BY_ID) == len(ARTICLES)
    assert len({a.path for a in ARTICLES}) == len(ARTICLES)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_article_shape(article: SampleArticle) -> None:
    assert 300 <= article.word_count <= 700
    assert article.published.utcoffset() == timedelta(hours=5)
    assert re.match(r"^[A-Z][A-Z .'-]+: ", article.paragraphs[0]), "lead opens with a dateline"
    assert re.fullmatch(r"[a-z0-9-]+", article.slug)
    assert article.title and article.author and article.section
    assert re.search(r"/news/\d{4}/\d{2}/", article.path)


def test_syndicated_rewrites_are_near_duplicates_of_one_report() -> None:
    rewrites = [a for a in ARTICLES if a.role == "rewrite"]
    assert len(rewrites) >= 2
    for rewrite in rewrites:
        original = BY_ID[rewrite.rewrite_of or ""]
        assert rewrite.title != original.title
        assert len(rewrite.paragraphs[-1]) < len(original.paragraphs[-1])
        assert rewrite.paragraphs[0] != original.paragraphs[0], "one word changed in the lead"
        assert jaccard(rewrite, original) > 0.75


def test_same_topic_reports_are_distinct() -> None:
    pair = [a for a in ARTICLES if a.role == "same-topic"]
    assert len(pair) == 2
    first, second = pair
    assert first.same_topic_as == second.id and second.same_topic_as == first.id
    assert set(first.expected_provinces) == set(second.expected_provinces)
    assert jaccard(first, second) < 0.1


def test_coverage_of_provinces_and_negatives() -> None:
    provinces = {p for a in ARTICLES for p in a.expected_provinces}
    assert {"KP", "BA", "SD", "PB", "ICT", "GB", "AJK"} <= provinces
    roles = {a.role for a in ARTICLES}
    assert {"negative", "non-security", "private"} <= roles
    negative = next(a for a in ARTICLES if a.role == "negative")
    assert negative.paragraphs[0].startswith("KABUL:")
    assert not negative.expected_provinces and not negative.expected_groups
    assert sum(a.private for a in ARTICLES) == 1


def test_generated_articles_are_distinct_and_later() -> None:
    generated = generate_articles(31)
    assert len({a.id for a in generated}) == 31
    assert len({a.path for a in generated}) == 31
    assert not {a.id for a in generated} & set(BY_ID)
    assert min(a.published for a in generated) > max(a.published for a in ARTICLES)
    worst = max(jaccard(a, b) for i, a in enumerate(generated) for b in generated[i + 1 :])
    assert worst < 0.5
    assert generate_articles(3) == generate_articles(3)
