"""Exact duplicates, rewrites joining, distinct reports apart, updates, restarts, the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from pipelines.storage.models import Article, ArticleVersion, LshBucket, Story, utcnow
from pipelines.storage.queries import StoryFilter, iter_stories, story_members, story_record
from pipelines.storage.repository import Store
from tests.conftest import SEEDS_DIR, requires_seeds
from tests.dedup import rewrites
from tests.dedup.helpers import open_store, record, save
from tests.dedup.texts import ANNUAL, CLASH, QUARTERLY

ORIGINAL = "https://dawn.example/news/1001"


def story_of(store: Store, article_id: int) -> int | None:
    with store.sessions() as session:
        return session.scalar(select(Article.story_id).where(Article.id == article_id))


def story_row(store: Store, story_id: int) -> Story:
    with store.sessions() as session:
        story = session.get(Story, story_id)
        assert story is not None
        return story


def test_first_report_starts_a_story(store: Store, index: StoryIndex) -> None:
    result = save(store, index, ORIGINAL, ANNUAL)
    assert result.outcome == "new" and result.story_id is not None and result.duplicate_of is None
    story = story_row(store, result.story_id)
    assert (story.first_article_id, story.size) == (result.article_id, 1)
    with store.sessions() as session:
        buckets = session.scalar(select(func.count()).select_from(LshBucket))
    assert buckets == index.options.bands


def test_exact_duplicate_from_another_outlet_links_to_the_first(store: Store, index: StoryIndex) -> None:
    first = save(store, index, ORIGINAL, ANNUAL)
    copy = save(
        store,
        index,
        "https://app.example/story/77",
        "  " + ANNUAL.upper() + "\n",
        source="app",
        title="Another headline",
    )
    assert copy.outcome == "duplicate"
    assert copy.article_id != first.article_id
    assert (copy.duplicate_of, copy.story_id) == (first.article_id, first.story_id)
    assert story_row(store, first.story_id or 0).size == 2
    third = save(store, index, "https://geo.example/a/3", ANNUAL, source="geo")
    assert third.duplicate_of == first.article_id  # always the first, not a copy of a copy


REWRITES: dict[str, Callable[[str], str]] = {
    "last paragraph cut": rewrites.cut_last_paragraph,
    "one changed word": rewrites.change_one_word,
    "words changed here and there": rewrites.change_words,
    "wire credit (APP)": rewrites.wire_prefix,
    "wire credit Reuters": rewrites.wire_suffix,
    "added paragraph": rewrites.add_paragraph,
    "cut, changed and credited": lambda text: rewrites.syndicated(text, 1),
}


@pytest.mark.parametrize("name", REWRITES)
@pytest.mark.parametrize("text", [ANNUAL, QUARTERLY, CLASH], ids=["annual", "quarterly", "clash"])
def test_rewrite_joins_the_original_story(store: Store, index: StoryIndex, name: str, text: str) -> None:
    original = save(store, index, ORIGINAL, text)
    rewrite = save(
        store,
        index,
        "https://tribune.example/p/9?utm_source=x",
        REWRITES[name](text),
        source="tribune",
        title="A brand new headline",
    )
    assert rewrite.outcome == "new" and rewrite.duplicate_of is None
    assert rewrite.story_id == original.story_id
    story = story_row(store, original.story_id or 0)
    assert (story.size, story.first_article_id) == (2, original.article_id)
    assert story.updated_at >= story.created_at


def test_new_headline_same_text_is_a_duplicate_in_the_story(store: Store, index: StoryIndex) -> None:
    original = save(store, index, ORIGINAL, CLASH, title="Four militants killed in Tirah raid")
    retitled = save(
        store,
        index,
        "https://tribune.example/x",
        CLASH,
        source="tribune",
        title="Raid in Khyber's Tirah valley leaves four dead",
    )
    assert (retitled.story_id, retitled.duplicate_of) == (original.story_id, original.article_id)


def test_same_topic_reports_with_different_figures_stay_apart(store: Store, index: StoryIndex) -> None:
    annual = save(store, index, ORIGINAL, ANNUAL)
    quarterly = save(store, index, "https://dawn.example/news/1002", QUARTERLY)
    clash = save(store, index, "https://dawn.example/news/1003", CLASH)
    assert len({annual.story_id, quarterly.story_id, clash.story_id}) == 3
    # and a rewrite of each still finds its own
    for number, (result, text) in enumerate(((annual, ANNUAL), (quarterly, QUARTERLY)), start=1):
        again = save(
            store, index, f"https://app.example/{number}", rewrites.syndicated(text, number), source="app"
        )
        assert again.story_id == result.story_id


@requires_seeds
def test_seed_reports_stay_two_stories(store: Store, index: StoryIndex) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
    assert len(texts) >= 2
    results = [save(store, index, f"https://dawn.example/seed/{i}", text) for i, text in enumerate(texts)]
    assert len({result.story_id for result in results}) == len(texts)


def test_update_keeps_story_and_history_without_a_new_member(store: Store, index: StoryIndex) -> None:
    original = save(store, index, ORIGINAL, CLASH)
    member = save(store, index, "https://tribune.example/t/1", rewrites.wire_prefix(CLASH), source="tribune")
    toll = CLASH.replace("killed four militants", "killed six militants")
    updated = save(store, index, ORIGINAL + "?utm_medium=rss", toll)
    assert updated.outcome == "updated"
    assert (updated.article_id, updated.story_id, updated.duplicate_of) == (
        original.article_id,
        original.story_id,
        None,
    )
    assert story_row(store, original.story_id or 0).size == 2
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2
        assert session.scalar(select(func.count()).select_from(ArticleVersion)) == 1
        assert session.scalar(select(func.count()).select_from(Story)) == 1
    same = save(store, index, ORIGINAL, toll)
    assert (same.outcome, same.story_id) == ("unchanged", original.story_id)
    assert member.story_id == original.story_id


def test_updated_duplicate_is_no_longer_a_duplicate(store: Store, index: StoryIndex) -> None:
    first = save(store, index, ORIGINAL, ANNUAL)
    copy = save(store, index, "https://app.example/c", ANNUAL, source="app")
    assert copy.duplicate_of == first.article_id
    changed = save(store, index, "https://app.example/c", rewrites.add_paragraph(ANNUAL), source="app")
    assert (changed.outcome, changed.story_id, changed.duplicate_of) == ("updated", first.story_id, None)
    assert story_row(store, first.story_id or 0).size == 2


def test_copy_of_a_text_updated_earlier_in_the_same_batch_is_its_duplicate(
    store: Store, index: StoryIndex
) -> None:
    first = save(store, index, ORIGINAL, ANNUAL)
    revised = rewrites.add_paragraph(ANNUAL)
    batch = [record(index, ORIGINAL, revised), record(index, "https://app.example/c", revised, source="app")]
    update, copy = store.save_batch(batch, index)
    assert (update.outcome, update.article_id) == ("updated", first.article_id)
    assert (copy.outcome, copy.duplicate_of, copy.story_id) == ("duplicate", first.article_id, first.story_id)


def test_stories_survive_a_restart(db_url: str, store: Store, index: StoryIndex) -> None:
    original = save(store, index, ORIGINAL, QUARTERLY)
    store.engine.dispose()
    reopened = open_store(db_url)  # a new process would see the same: nothing is held in memory
    try:
        rewrite = save(
            reopened,
            StoryIndex(DedupOptions()),
            "https://geo.example/q",
            rewrites.syndicated(QUARTERLY, 2),
            source="geo",
        )
        assert rewrite.story_id == original.story_id
    finally:
        reopened.engine.dispose()


def test_story_past_the_window_accepts_no_member(store: Store, index: StoryIndex) -> None:
    original = save(store, index, ORIGINAL, ANNUAL)
    old = utcnow() - timedelta(days=index.options.story_window_days, hours=1)
    with store.sessions.begin() as session:
        session.execute(update(Story).where(Story.id == original.story_id).values(created_at=old))
    late = save(
        store, index, "https://tribune.example/late", rewrites.syndicated(ANNUAL, 1), source="tribune"
    )
    assert late.story_id not in (None, original.story_id)
    assert story_row(store, original.story_id or 0).size == 1
    # the late report's story took over the buckets (LshBucket rows stay bounded by the window)
    with store.sessions.begin() as session:
        session.execute(
            update(LshBucket).where(LshBucket.story_id == original.story_id).values(created_at=old)
        )
        assert index.prune(session, utcnow()) >= 0
        owners = set(session.scalars(select(LshBucket.story_id)))
    assert owners == {late.story_id}
    again = save(store, index, "https://geo.example/again", rewrites.wire_suffix(ANNUAL), source="geo")
    assert again.story_id == late.story_id


def test_prune_drops_buckets_of_old_stories(store: Store, index: StoryIndex) -> None:
    save(store, index, ORIGINAL, ANNUAL)
    keep = save(store, index, "https://dawn.example/news/2", CLASH)
    old = utcnow() - timedelta(days=30)
    with store.sessions.begin() as session:
        session.execute(update(LshBucket).where(LshBucket.story_id != keep.story_id).values(created_at=old))
        assert index.prune(session, utcnow()) == index.options.bands
        assert set(session.scalars(select(LshBucket.story_id))) == {keep.story_id}


def test_story_listing_has_members_and_outlets(store: Store, index: StoryIndex) -> None:
    first = save(store, index, ORIGINAL, ANNUAL, title="Violence killed 1,412 in 2025")
    save(store, index, "https://tribune.example/r", rewrites.syndicated(ANNUAL, 1), source="tribune")
    save(store, index, "https://app.example/r", ANNUAL, source="app")
    save(store, index, "https://dawn.example/other", CLASH)
    with store.sessions() as session:
        big = list(iter_stories(session, StoryFilter(min_size=2)))
        assert [story.id for story in big] == [first.story_id]
        record = story_record(big[0], story_members(session, big[0].id))
    assert record["size"] == 3 and record["outlets"] == ["app", "dawn", "tribune"]
    assert [m["source"] for m in record["members"]] == ["dawn", "tribune", "app"]
    assert record["members"][2]["duplicate_of"] == first.article_id
    assert record["members"][0]["title"] == "Violence killed 1,412 in 2025"


@pytest.mark.postgres
def test_same_behaviour_on_postgres(pg_url: str) -> None:
    store = open_store(pg_url)
    checks = (
        test_exact_duplicate_from_another_outlet_links_to_the_first,
        lambda s, i: test_rewrite_joins_the_original_story(s, i, "cut, changed and credited", CLASH),
        test_same_topic_reports_with_different_figures_stay_apart,
        test_update_keeps_story_and_history_without_a_new_member,
        test_story_past_the_window_accepts_no_member,
    )
    try:
        for check in checks:
            with store.engine.begin() as conn:  # each check starts from an empty store
                conn.exec_driver_sql(
                    "TRUNCATE lsh_buckets, article_versions, seen_urls, article_tags, "
                    "articles, stories RESTART IDENTITY CASCADE"
                )
            check(store, StoryIndex(DedupOptions()))
    finally:
        store.engine.dispose()
