"""The outlet's articles: the bundled `articles.yaml` and a generator of further distinct reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

import yaml

PKT = datetime.fromisoformat("2025-01-01T00:00:00+05:00").tzinfo


@dataclass(frozen=True)
class SampleArticle:
    """One article written for the fixture outlet (see `articles.yaml` for the field meanings)."""

    id: str
    slug: str
    title: str
    section: str
    author: str
    published: datetime
    paragraphs: tuple[str, ...]
    role: str = "report"
    rewrite_of: str | None = None
    same_topic_as: str | None = None
    private: bool = False
    expected_provinces: tuple[str, ...] = ()
    expected_groups: tuple[str, ...] = ()
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def path(self) -> str:
        """Site path: ``/news/<yyyy>/<mm>/<slug>-<id>`` (under ``/private`` for private ones)."""
        prefix = "/private" if self.private else ""
        return f"{prefix}/news/{self.published:%Y}/{self.published:%m}/{self.slug}-{self.id}"

    @property
    def text(self) -> str:
        """The article body, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        """Words in the body."""
        return len(self.text.split())


def _article(raw: dict[str, Any]) -> SampleArticle:
    known = {f for f in SampleArticle.__dataclass_fields__ if f != "extra"}
    published = datetime.fromisoformat(str(raw["published"]))
    if published.tzinfo is None:
        raise ValueError(f"article {raw.get('id')}: published needs a UTC offset")
    return SampleArticle(
        id=str(raw["id"]),
        slug=str(raw["slug"]),
        title=str(raw["title"]),
        section=str(raw.get("section", "pakistan")),
        author=str(raw.get("author", "")),
        published=published,
        paragraphs=tuple(" ".join(str(p).split()) for p in raw["paragraphs"]),
        role=str(raw.get("role", "report")),
        rewrite_of=None if raw.get("rewrite_of") is None else str(raw["rewrite_of"]),
        same_topic_as=None if raw.get("same_topic_as") is None else str(raw["same_topic_as"]),
        private=bool(raw.get("private", False)),
        expected_provinces=tuple(raw.get("expected_provinces") or ()),
        expected_groups=tuple(raw.get("expected_groups") or ()),
        note=str(raw.get("note", "")),
        extra={k: v for k, v in raw.items() if k not in known},
    )


def load_sample_articles() -> list[SampleArticle]:
    """The bundled articles, in file order."""
    text = resources.files(__package__).joinpath("articles.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return [_article(raw) for raw in data["articles"]]


def slugify(text: str, limit: int = 80) -> str:
    """Lower-case, hyphenated URL slug."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "story"
