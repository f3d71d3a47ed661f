"""Two crawl processes storing rewrites of one report at the same moment make one story."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, select

from pipelines.storage.models import LshBucket, Story
from pipelines.storage.repository import Store
from tests.dedup.helpers import open_store
from tests.dedup.writer import write_rounds

ROUNDS = 12


def test_concurrent_writers_make_one_story_per_report(db_url: str, store: Store) -> None:
    race(db_url, store)


@pytest.mark.postgres
def test_concurrent_writers_on_postgres(pg_url: str) -> None:
    # On PostgreSQL the writers really overlap: the second INSERT on a taken (band, bucket)
    # waits for the first transaction, then finds its story (READ COMMITTED re-read).
    store = open_store(pg_url)
    try:
        race(pg_url, store)
    finally:
        store.engine.dispose()


def race(db_url: str, store: Store) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=write_rounds, args=(db_url, worker, ROUNDS, barrier, results))
        for worker in (0, 1)
    ]
    for process in workers:
        process.start()
    got = [results.get(timeout=120) for _ in range(2 * ROUNDS)]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    by_round: dict[int, set[int]] = {}
    for number, _worker, story_id, _merges in got:
        by_round.setdefault(number, set()).add(story_id)
    races = sum(merges for *_, merges in got)  # rounds where both writers started a story
    assert all(len(stories) == 1 for stories in by_round.values()), (by_round, races)
    assert races >= 1, "the writers never raced: the test did not exercise the constraint"
    assert len({next(iter(stories)) for stories in by_round.values()}) == ROUNDS
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Story)) == ROUNDS
        assert set(session.scalars(select(Story.size))) == {2}
        # every bucket belongs to a surviving story (a story that lost the race handed its over)
        orphans = (
            select(func.count()).select_from(LshBucket).where(LshBucket.story_id.not_in(select(Story.id)))
        )
        assert session.scalar(orphans) == 0
