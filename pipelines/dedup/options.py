"""Dedup options: one frozen object built from the service settings or the Scrapy settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from crawler.config.settings import DedupSettings
from pipelines.dedup.fingerprint import band_params


@dataclass(frozen=True)
class DedupOptions:
    """MinHash size, shingle size, the Jaccard threshold for joining a story and the window
    during which a story accepts members; bands x rows of the LSH index follow from them."""

    num_perm: int = DedupSettings().num_perm
    shingle_words: int = DedupSettings().shingle_words
    threshold: float = DedupSettings().threshold
    story_window_days: float = DedupSettings().story_window_days
    bands: int = field(init=False)
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        bands, rows = band_params(self.num_perm, self.threshold)
        object.__setattr__(self, "bands", bands)
        object.__setattr__(self, "rows", rows)

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.story_window_days)

    @classmethod
    def from_settings(cls, settings: DedupSettings) -> DedupOptions:
        """From the ``dedup`` section of ``newsmon.yaml``."""
        return cls(settings.num_perm, settings.shingle_words, settings.threshold, settings.story_window_days)

    @classmethod
    def from_scrapy(cls, settings: Any) -> DedupOptions:
        """From the ``NEWSMON_DEDUP_*`` keys of a crawl's Scrapy settings."""
        defaults = DedupSettings()
        return cls(
            num_perm=settings.getint("NEWSMON_DEDUP_NUM_PERM", defaults.num_perm),
            shingle_words=settings.getint("NEWSMON_DEDUP_SHINGLE_WORDS", defaults.shingle_words),
            threshold=settings.getfloat("NEWSMON_DEDUP_THRESHOLD", defaults.threshold),
            story_window_days=settings.getfloat(
                "NEWSMON_DEDUP_STORY_WINDOW_DAYS", defaults.story_window_days
            ),
        )
