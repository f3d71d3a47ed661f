"""Stories, not articles: filters, first-report headline, outlets, windows, sections, summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from crawler.config.settings import HealthSettings
from pipelines.storage.repository import Store
from scheduler.digests.config import DigestConfig, DigestFilters
from scheduler.digests.content import collect_stories, shorten
from scheduler.digests.period import Period
from scheduler.digests.sections import build_content

from .conftest import HOSTILE_TITLE, Seeder, seed_scene

END = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
PERIOD = Period(END - timedelta(hours=24), END, "2026-11-21")
H = timedelta(hours=1)


def _digest(**filters: Any) -> DigestConfig:
    return DigestConfig(
        id="t", to=("t@example.org",), timezone="Asia/Karachi", filters=DigestFilters(**filters)
    )


def _headlines(store: Store, start: datetime, end: datetime, **filters: Any) -> list[str]:
    with store.sessions() as session:
        return [e.headline for e in collect_stories(session, DigestFilters(**filters), start, end)]


def test_one_entry_per_story_with_first_report_headline_and_outlets(db_url: str) -> None:
    store = Store.for_url(db_url)
    scene = seed_scene(store, PERIOD)
    with store.sessions() as session:
        entries = collect_stories(session, DigestFilters(), PERIOD.start, PERIOD.end)
    by_headline = {entry.headline: entry for entry in entries}
    assert len(entries) == 4  # TTP story (3 articles, one a duplicate), BLA, Sindh, hostile
    assert scene.old_headline not in by_headline and "Curfew lifted in Kurram" not in by_headline
    ttp = by_headline[scene.ttp_story_headline]
    assert ttp.outlet == "Dawn" and ttp.also == ("Geo News", "The Express Tribune")
    assert ttp.provinces == ("KP",) and ttp.groups == ("TTP",)
    assert ttp.lead.startswith("Militants attacked a security post in Mir Ali")
    assert [link.outlet for link in ttp.links] == ["Dawn", "Geo News", "The Express Tribune"]
    assert entries[0] is ttp  # most outlets first
    assert "TTP attack on Mir Ali post kills six soldiers" not in by_headline  # rewrites fold in
    assert by_headline[scene.sindh_headline].also == ()  # an article without a story is its own


def test_filters(db_url: str) -> None:
    store = Store.for_url(db_url)
    scene = seed_scene(store, PERIOD)
    window = (PERIOD.start, PERIOD.end)
    assert set(_headlines(store, *window, provinces=("BA",))) == {scene.bla_story_headline}
    assert set(_headlines(store, *window, provinces=("KP",), groups=("TTP",))) == {scene.ttp_story_headline}
    any_match = set(_headlines(store, *window, provinces=("BA",), groups=("TTP",), match="any"))
    assert any_match == {scene.bla_story_headline, scene.ttp_story_headline}
    # Sources: a story matches when any member comes from one of them (the duplicate at tribune).
    assert set(_headlines(store, *window, sources=("tribune",))) == {
        scene.ttp_story_headline,
        scene.sindh_headline,
    }
    assert _headlines(store, *window, groups=("ISKP",)) == []


def test_story_appears_once_across_windows(db_url: str) -> None:
    store = Store.for_url(db_url)
    seeder = Seeder(store)
    story = seeder.story(END - 30 * H)
    seeder.article("dawn", "Drone strike in Datta Khel", END - 30 * H, provinces=("KP",), story=story)
    seeder.article("geo", "Datta Khel drone strike toll rises", END - 2 * H, provinces=("KP",), story=story)
    yesterday = (PERIOD.start - timedelta(hours=24), PERIOD.start)
    assert _headlines(store, *yesterday) == ["Drone strike in Datta Khel"]
    assert _headlines(store, PERIOD.start, PERIOD.end) == []  # already in yesterday's digest
    # For a desk whose filter only today's member matches, the story is new today.
    seeder.article(
        "tribune", "Datta Khel: TTP denies role", END - H, provinces=("KP",), groups=("TTP",), story=story
    )
    assert _headlines(store, PERIOD.start, PERIOD.end, groups=("TTP",)) == ["Drone strike in Datta Khel"]


def test_sections_summary_and_change(db_url: str) -> None:
    store = Store.for_url(db_url)
    scene = seed_scene(store, PERIOD)
    with store.sessions() as session:
        content = build_content(
            session,
            _digest(),
            PERIOD.start,
            PERIOD.end,
            source_ids=["dawn", "geo"],
            thresholds=HealthSettings(),
            group_names={"TTP": "Tehreek-e-Taliban Pakistan", "BLA": "Balochistan Liberation Army"},
        )
    assert content.total == 4 and content.previous_total == 1
    assert [s.code for s in content.sections] == ["KP", "SD", "BA"]  # most stories first
    kp = content.sections[0]
    assert [g.code for g in kp.groups] == ["TTP", None]
    assert (
        kp.groups[0].name == "Tehreek-e-Taliban Pakistan"
        and kp.groups[0].entries[0].headline == scene.ttp_story_headline
    )
    assert kp.groups[1].entries[0].headline == HOSTILE_TITLE
    rows = {row.code: (row.count, row.previous, row.change) for row in content.provinces}
    assert rows == {"KP": (2, 1, "+1"), "BA": (1, 0, "+1"), "SD": (1, 0, "+1")}
    assert {row.code: row.change for row in content.groups} == {"TTP": "±0", "BLA": "+1"}


def test_max_stories_keeps_counts(db_url: str) -> None:
    store = Store.for_url(db_url)
    seed_scene(store, PERIOD)
    digest = _digest().model_copy(update={"options": _digest().options.model_copy(update={"max_stories": 2})})
    with store.sessions() as session:
        content = build_content(
            session,
            digest,
            PERIOD.start,
            PERIOD.end,
            source_ids=[],
            thresholds=HealthSettings(),
            group_names={},
        )
    assert (content.total, content.shown, content.hidden) == (4, 2, 2)
    assert sum(row.count for row in content.provinces) == 4


def test_health_lists_failing_sources(db_url: str) -> None:
    store = Store.for_url(db_url)
    seeder = Seeder(store)
    seeder.failing_runs("geo", 3, END)
    with store.sessions() as session:
        content = build_content(
            session,
            _digest(),
            PERIOD.start,
            PERIOD.end,
            source_ids=["dawn", "geo"],
            thresholds=HealthSettings(),
            group_names={},
        )
    assert [(n.source_id, n.name, n.health) for n in content.health] == [("geo", "Geo News", "failing")]


def test_shorten() -> None:
    text = "word " * 100
    assert len(shorten(text, 50)) <= 50 and shorten(text, 50).endswith("…")
    assert shorten("short", 50) == "short"
