"""A digest's whole content: summary table, sections by province then group, source health."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from crawler.config.settings import HealthSettings
from scheduler.digests.config import PROVINCE_CODES, DigestConfig
from scheduler.digests.content import StoryEntry, collect_stories, source_names
from scheduler.digests.names import NO_GROUP, NO_PROVINCE, PROVINCE_NAMES
from scheduler.status import source_health


@dataclass(frozen=True)
class SummaryRow:
    """Stories with one province or group tag in the period, and in the period before."""

    code: str
    name: str
    count: int
    previous: int

    @property
    def change(self) -> str:
        """``+3``, ``-1``, ``±0``."""
        delta = self.count - self.previous
        return f"+{delta}" if delta > 0 else (f"{delta}" if delta < 0 else "±0")


@dataclass(frozen=True)
class GroupSection:
    """The stories of one province section attributed to one group (or none)."""

    code: str | None
    name: str
    entries: tuple[StoryEntry, ...]


@dataclass(frozen=True)
class ProvinceSection:
    """One province (or "not identified") with its group subsections."""

    code: str | None
    name: str
    count: int
    groups: tuple[GroupSection, ...]


@dataclass(frozen=True)
class HealthNote:
    """A stale or failing source."""

    source_id: str
    name: str
    health: str
    reason: str


@dataclass(frozen=True)
class DigestContent:
    """Everything a digest template shows."""

    digest: DigestConfig
    window_start: datetime
    window_end: datetime
    total: int
    previous_total: int
    shown: int
    sections: tuple[ProvinceSection, ...]
    provinces: tuple[SummaryRow, ...]
    groups: tuple[SummaryRow, ...]
    health: tuple[HealthNote, ...]

    @property
    def hidden(self) -> int:
        """Stories left out by ``max_stories``."""
        return self.total - self.shown


def _summary(
    now: Iterable[str], before: Iterable[str], names: dict[str, str], order: Sequence[str]
) -> tuple[SummaryRow, ...]:
    current, previous = Counter(now), Counter(before)
    rank = {code: index for index, code in enumerate(order)}
    codes = sorted(current.keys() | previous.keys(), key=lambda c: (-current[c], rank.get(c, 99), c))
    return tuple(SummaryRow(code, names.get(code, code), current[code], previous[code]) for code in codes)


def _sections(entries: Sequence[StoryEntry], group_names: dict[str, str]) -> tuple[ProvinceSection, ...]:
    by_province: dict[str | None, list[StoryEntry]] = {}
    for entry in entries:
        by_province.setdefault(entry.province, []).append(entry)
    rank = {code: index for index, code in enumerate(PROVINCE_CODES)}

    def order(code: str | None) -> tuple[bool, int, int]:
        return (code is None, -len(by_province[code]), rank.get(code or "", 99))

    sections = []
    for province in sorted(by_province, key=order):
        by_group: dict[str | None, list[StoryEntry]] = {}
        for entry in by_province[province]:
            by_group.setdefault(entry.group, []).append(entry)
        groups = tuple(
            GroupSection(code, group_names.get(code, code) if code else NO_GROUP, tuple(by_group[code]))
            for code in sorted(by_group, key=lambda c: (c is None, -len(by_group[c]), c or ""))
        )
        name = PROVINCE_NAMES.get(province, province) if province else NO_PROVINCE
        sections.append(ProvinceSection(province, name, len(by_province[province]), groups))
    return tuple(sections)


def health_notes(session: Session, source_ids: Iterable[str], thresholds: HealthSettings) -> list[HealthNote]:
    """Stale or failing sources among ``source_ids``."""
    names = source_names(session)
    notes = []
    for source_id in source_ids:
        health = source_health(session, source_id, thresholds)
        if health.health in ("stale", "failing"):
            notes.append(
                HealthNote(source_id, names.get(source_id, source_id), health.health, health.reason or "")
            )
    return notes


def build_content(
    session: Session,
    digest: DigestConfig,
    start: datetime,
    end: datetime,
    *,
    source_ids: Sequence[str],
    thresholds: HealthSettings,
    group_names: dict[str, str],
) -> DigestContent:
    """Collect the stories of ``[start, end)`` and of the period before, and arrange them."""
    entries = collect_stories(session, digest.filters, start, end)
    previous = collect_stories(session, digest.filters, start - (end - start), start)
    shown = entries[: digest.options.max_stories]
    health_ids = digest.filters.sources or source_ids
    return DigestContent(
        digest=digest,
        window_start=start,
        window_end=end,
        total=len(entries),
        previous_total=len(previous),
        shown=len(shown),
        sections=_sections(shown, group_names),
        provinces=_summary(
            (c for e in entries for c in e.provinces),
            (c for e in previous for c in e.provinces),
            PROVINCE_NAMES,
            PROVINCE_CODES,
        ),
        groups=_summary(
            (c for e in entries for c in e.groups), (c for e in previous for c in e.groups), group_names, ()
        ),
        health=tuple(health_notes(session, health_ids, thresholds)),
    )
