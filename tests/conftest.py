"""Shared test helpers: where ../shared is, and skipping cleanly without it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.pgcluster import Cluster

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
NEWS_PAGES_DIR = SHARED_DIR / "data" / "news-pages"
SEEDS_DIR = SHARED_DIR / "seeds"
REFERENCE_PLACES = SHARED_DIR / "reference" / "pakistan_places.yaml"
REFERENCE_GROUPS = SHARED_DIR / "reference" / "militant_groups.yaml"

requires_news_pages = pytest.mark.skipif(
    not (NEWS_PAGES_DIR / "index.json").exists(),
    reason=f"real news pages not found at {NEWS_PAGES_DIR} (../shared is absent)",
)
requires_reference = pytest.mark.skipif(
    not (REFERENCE_PLACES.is_file() and REFERENCE_GROUPS.is_file()),
    reason=f"taxonomy reference not found at {REFERENCE_PLACES.parent} (../shared is absent)",
)
requires_seeds = pytest.mark.skipif(
    not SEEDS_DIR.is_dir(), reason=f"seed reports not found at {SEEDS_DIR} (../shared is absent)"
)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster for the session (skipped with the reason if impossible)."""
    from tests.pgcluster import running_cluster, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_cluster: Cluster, request: pytest.FixtureRequest) -> str:
    """A fresh empty database on the session cluster."""
    import re

    name = "t_" + re.sub(r"[^a-z0-9]", "_", request.node.name.lower())[:50]
    return pg_cluster.create_database(name)
