"""Shared test helpers: where ../shared is, and skipping cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
NEWS_PAGES_DIR = SHARED_DIR / "data" / "news-pages"
SEEDS_DIR = SHARED_DIR / "seeds"

requires_news_pages = pytest.mark.skipif(
    not (NEWS_PAGES_DIR / "index.json").exists(),
    reason=f"real news pages not found at {NEWS_PAGES_DIR} (../shared is absent)",
)
requires_seeds = pytest.mark.skipif(
    not SEEDS_DIR.is_dir(), reason=f"seed reports not found at {SEEDS_DIR} (../shared is absent)"
)
