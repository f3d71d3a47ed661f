"""Fixtures: a temp SQLite database at the latest schema with the test sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.dedup.index import StoryIndex
from pipelines.storage.repository import Store
from tests.dedup.helpers import default_index, open_store


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/db.sqlite"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    store = open_store(db_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def index() -> StoryIndex:
    return default_index()
