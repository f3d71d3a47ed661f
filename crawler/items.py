"""The item that travels through the pipelines, filled in stage by stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.extraction_types import ExtractedArticle


@dataclass
class PageItem:
    """One fetched article page. ``body`` is released once extraction has run."""

    source_id: str
    url: str  # after redirects
    requested_url: str
    body: bytes | None
    encoding: str | None
    fetched_at: datetime
    index_url: str | None = None  # the feed, sitemap or listing page that linked it
    article: ExtractedArticle | None = None
    rejection: str | None = None
    canonical_url: str | None = None
    url_keys: tuple[str, ...] = ()
    content_hash: str | None = None
    signature: bytes | None = None
    story_id: int | None = None
    duplicate_of: int | None = None
    tags: dict[str, Any] = field(default_factory=dict)
