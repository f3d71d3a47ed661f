"""Which period is due: one per local day, ending at `at` in the digest's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.digests.period import current_period, latest_period, period_ending_on

PKT = ZoneInfo("Asia/Karachi")  # UTC+5, no DST
LONDON = ZoneInfo("Europe/London")


def test_latest_period_ends_at_the_last_at_time() -> None:
    # 06:59 PKT on 21 Nov: today's 07:00 has not come; the due period ends 20 Nov 07:00 PKT.
    now = datetime(2026, 11, 21, 1, 59, tzinfo=UTC)
    period = latest_period(time(7, 0), PKT, now)
    assert period.end == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert period.start == datetime(2026, 11, 19, 2, 0, tzinfo=UTC)
    assert period.key == "2026-11-20"
    # At exactly 07:00 PKT the new period is due.
    assert latest_period(time(7, 0), PKT, datetime(2026, 11, 21, 2, 0, tzinfo=UTC)).key == "2026-11-21"


def test_local_date_not_utc_date() -> None:
    # 23:30 on 20 Nov UTC is 04:30 on 21 Nov in Karachi: a 04:00 digest of 21 Nov is due.
    now = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    assert latest_period(time(4, 0), PKT, now).key == "2026-11-21"


def test_current_period_is_in_progress() -> None:
    now = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)  # 15:00 PKT
    period = current_period(time(7, 0), PKT, now)
    assert period.start <= now < period.end
    assert period.key == "2026-11-22"
    assert period.start == latest_period(time(7, 0), PKT, now).end


def test_dst_days_are_23_and_25_hours() -> None:
    spring = period_ending_on(datetime(2026, 3, 29).date(), time(7, 0), LONDON)
    autumn = period_ending_on(datetime(2026, 10, 25).date(), time(7, 0), LONDON)
    assert spring.end - spring.start == timedelta(hours=23)
    assert autumn.end - autumn.start == timedelta(hours=25)
    assert spring.end.astimezone(LONDON).hour == 7 and autumn.end.astimezone(LONDON).hour == 7
