"""Digest periods: one per local day, ending at the digest's ``at`` time in its time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

FIRST_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Period:
    """A digest period ``[start, end)`` in UTC; ``key`` is the local date of its end."""

    start: datetime
    end: datetime
    key: str


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def period_ending_on(day: date, at: time, zone: ZoneInfo) -> Period:
    """The period that ends on local ``day`` at ``at`` (23 or 25 hours long across DST)."""
    return Period(_local(day - timedelta(days=1), at, zone), _local(day, at, zone), day.isoformat())


def latest_period(at: time, zone: ZoneInfo, now: datetime) -> Period:
    """The latest period whose end is <= ``now``: the one that is due."""
    today = now.astimezone(zone).date()
    period = period_ending_on(today, at, zone)
    return period if period.end <= now else period_ending_on(today - timedelta(days=1), at, zone)


def current_period(at: time, zone: ZoneInfo, now: datetime) -> Period:
    """The period in progress at ``now`` (its end is in the future): what ``send --now`` sends."""
    latest = latest_period(at, zone, now)
    return period_ending_on(date.fromisoformat(latest.key) + timedelta(days=1), at, zone)
