"""Which stories a digest covers: one entry per story, never one per article.

Rules:

* An article matches a digest's filters when it comes from one of ``sources`` and carries a
  province of ``provinces`` and a group of ``groups`` (``match: any``: a province or a group);
  an empty list matches everything. A story matches when any member article matches.
* A story belongs to the window holding its earliest *matching* member (by ``fetched_at``):
  windows are contiguous, so a story appears in one digest of a recipient, not every day
  another outlet picks it up. Members fetched after the window's end are ignored, so a
  retried period renders the same stories.
* Articles with no story count as their own one-article story; exact duplicates
  (``duplicate_of``) are members of their original's entry, never entries of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.storage.models import Article, Source, Story
from scheduler.digests.config import PROVINCE_CODES, DigestFilters

LEAD_CHARS = 190
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Link:
    """One outlet's report of a story."""

    outlet: str
    url: str


@dataclass(frozen=True)
class StoryEntry:
    """One line of a digest: a story told by the headline of its first report."""

    key: str
    headline: str
    first_seen: datetime
    outlet: str
    also: tuple[str, ...]
    provinces: tuple[str, ...]
    groups: tuple[str, ...]
    lead: str
    links: tuple[Link, ...]
    province: str | None  # the section it is listed under
    group: str | None  # the subsection


def one_line(text: str | None) -> str:
    """Collapse whitespace (article text never adds lines or layout to a digest)."""
    return _SPACE.sub(" ", text or "").strip()


def shorten(text: str, limit: int = LEAD_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut[limit // 2 :] else cut
    return cut.rstrip(" ,;:.-") + "…"


def source_names(session: Session) -> dict[str, str]:
    """Source id -> outlet name."""
    return {source_id: name for source_id, name in session.execute(select(Source.id, Source.name))}


def _codes(article: Article, family: str) -> set[str]:
    return {tag.code for tag in article.tags if tag.family == family}


def article_matches(article: Article, filters: DigestFilters) -> bool:
    """Does one article pass the digest's filters?"""
    if filters.sources and article.source_id not in filters.sources:
        return False
    province_ok = not filters.provinces or bool(_codes(article, "province") & set(filters.provinces))
    group_ok = not filters.groups or bool(_codes(article, "group") & set(filters.groups))
    if filters.match == "any" and filters.provinces and filters.groups:
        return province_ok or group_ok
    return province_ok and group_ok


def _story_key(session: Session, article: Article) -> str:
    if article.story_id is not None:
        return f"s{article.story_id}"
    if article.duplicate_of is not None:
        original = session.get(Article, article.duplicate_of)
        if original is not None and original.id != article.id:
            return _story_key(session, original)
    return f"a{article.id}"


def _members(session: Session, keys: Iterable[str], end: datetime) -> dict[str, list[Article]]:
    """Member articles (fetched before ``end``) of every story key."""
    story_ids = [int(key[1:]) for key in keys if key[0] == "s"]
    article_ids = [int(key[1:]) for key in keys if key[0] == "a"]
    rows: list[Article] = []
    if story_ids:
        rows += session.scalars(select(Article).where(Article.story_id.in_(story_ids))).all()
    if article_ids:
        rows += session.scalars(
            select(Article).where(
                Article.story_id.is_(None),
                Article.id.in_(article_ids) | Article.duplicate_of.in_(article_ids),
            )
        ).all()
    members: dict[str, list[Article]] = {}
    for article in rows:
        if article.fetched_at < end:
            members.setdefault(_story_key(session, article), []).append(article)
    for group in members.values():
        group.sort(key=lambda a: (a.fetched_at, a.id))
    return members


def _first_report(session: Session, key: str, members: Sequence[Article]) -> Article:
    if key[0] == "s":
        story = session.get(Story, int(key[1:]))
        for article in members:
            if story is not None and article.id == story.first_article_id:
                return article
    originals = [article for article in members if article.duplicate_of is None]
    return (originals or list(members))[0]


def _most_common(counts: Counter[str], order: Sequence[str]) -> str | None:
    if not counts:
        return None
    rank = {code: index for index, code in enumerate(order)}
    return min(counts, key=lambda code: (-counts[code], rank.get(code, len(rank)), code))


def _province_rank(code: str) -> tuple[int, str]:
    return (PROVINCE_CODES.index(code) if code in PROVINCE_CODES else len(PROVINCE_CODES), code)


def _entry(key: str, first: Article, members: Sequence[Article], names: dict[str, str]) -> StoryEntry:
    provinces: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    links: dict[str, Link] = {}
    for article in [first, *members]:
        outlet = names.get(article.source_id, article.source_id)
        links.setdefault(outlet, Link(outlet, article.url))
        if article is not first:
            provinces.update(_codes(article, "province"))
            groups.update(_codes(article, "group"))
    provinces.update(_codes(first, "province"))
    groups.update(_codes(first, "group"))
    section = first.primary_province if first.primary_province in provinces else None
    outlets = list(links)
    return StoryEntry(
        key=key,
        headline=one_line(first.title) or "(untitled)",
        first_seen=first.published_at or first.fetched_at,
        outlet=outlets[0],
        also=tuple(outlets[1:]),
        provinces=tuple(sorted(provinces, key=_province_rank)),
        groups=tuple(sorted(groups)),
        lead=shorten(one_line(first.description) or one_line(first.text)),
        links=tuple(links.values()),
        province=section or _most_common(provinces, PROVINCE_CODES),
        group=_most_common(groups, ()),
    )


def collect_stories(
    session: Session, filters: DigestFilters, start: datetime, end: datetime
) -> list[StoryEntry]:
    """The stories of ``[start, end)`` matching ``filters``: most outlets first, then newest."""
    candidates = session.scalars(
        select(Article).where(Article.fetched_at >= start, Article.fetched_at < end)
    ).all()
    keys = {_story_key(session, article) for article in candidates if article_matches(article, filters)}
    if not keys:
        return []
    names = source_names(session)
    entries = []
    for key, members in _members(session, keys, end).items():
        matching = [article for article in members if article_matches(article, filters)]
        if not matching or matching[0].fetched_at < start:
            continue  # an earlier window already covered this story
        entries.append(_entry(key, _first_report(session, key, members), members, names))
    entries.sort(key=lambda e: (-(1 + len(e.also)), -e.first_seen.timestamp(), e.key))
    return entries
