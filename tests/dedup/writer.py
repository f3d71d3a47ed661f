"""A crawl-like writer process for the concurrency test (importable under spawn)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pipelines.dedup.index import StoryIndex
from pipelines.dedup.options import DedupOptions
from tests.dedup import rewrites
from tests.dedup.helpers import open_store, save
from tests.dedup.texts import synthetic_report


class CountingIndex(StoryIndex):
    """Counts the races this writer lost (its new story was handed to a concurrent one)."""

    merges = 0

    def _merge_into(self, session: Session, lost: int, winner: int) -> None:
        CountingIndex.merges += 1
        super()._merge_into(session, lost, winner)


def write_rounds(database_url: str, worker: int, rounds: int, barrier: Any, results: Any) -> None:
    """Each round: wait for the other writer, then store this worker's rewrite of the round's report."""
    store = open_store(database_url, migrate=False)
    index = CountingIndex(DedupOptions())
    try:
        for number in range(rounds):
            report = synthetic_report(1000 + number)
            text = rewrites.wire_prefix(report) if worker == 0 else rewrites.syndicated(report, number)
            source = ("dawn", "tribune")[worker]
            barrier.wait(timeout=60)
            before = CountingIndex.merges
            result = save(store, index, f"https://{source}.example/r{number}", text, source=source)
            results.put((number, worker, result.story_id, CountingIndex.merges - before))
    finally:
        store.engine.dispose()
