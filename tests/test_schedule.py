"""The schedule: due today, this week and adherence, in local calendar days.

Pure domain tests: packs and entries are built here, time zones set with TZ + tzset.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.domain.packs.models import Pack
from cbt_tui.domain.schedule import (
    Assigned,
    adherence,
    assignments_of,
    completion_dates,
    due_today,
    local_date,
    local_today,
    monday_of,
    this_week,
)

UTC = UTC


@pytest.fixture
def local_zone() -> Iterator:
    """Set the process's local time zone (TZ + tzset) for one test, then restore it."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def assigned(frequency: str, start: date, end: date | None = None, exercise: str = "check-in") -> Assigned:
    return Assigned(pack="p", exercise=exercise, title=exercise.title(), frequency=frequency, start=start, end=end)


def entry(at: datetime, exercise: str = "check-in", status: EntryStatus = EntryStatus.COMPLETE) -> SimpleNamespace:
    return SimpleNamespace(pack="p", exercise=exercise, status=status, completed_at=at)


def done_on(*days: date, exercise: str = "check-in") -> dict:
    return {("p", exercise): sorted(days)}


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- local dates -----------------------------------------------------------------------------


def test_an_entry_counts_on_its_local_date_not_its_utc_date(local_zone) -> None:
    local_zone("America/New_York")
    late_evening = datetime(2026, 11, 2, 4, 30, tzinfo=UTC)  # 23:30 on 1 Nov in New York (EST)
    assert local_date(late_evening) == d("2026-11-01")
    local_zone("Europe/Berlin")
    assert local_date(late_evening) == d("2026-11-02")


def test_local_today_follows_tz(local_zone) -> None:
    local_zone("Pacific/Kiritimati")  # UTC+14
    east = local_today()
    local_zone("Pacific/Pago_Pago")  # UTC-11
    west = local_today()
    assert (east - west).days in (1, 2)  # never the same calendar day, 25 hours apart


def test_completion_dates_count_only_complete_entries_by_local_day(local_zone) -> None:
    local_zone("America/New_York")
    entries = [
        entry(datetime(2026, 3, 9, 3, 0, tzinfo=UTC)),  # 23:00 EDT on 8 Mar
        entry(datetime(2026, 3, 9, 3, 0, tzinfo=UTC), status=EntryStatus.DRAFT),
        entry(datetime(2026, 3, 9, 3, 0, tzinfo=UTC), status=EntryStatus.AWAITING_FOLLOWUP),
        SimpleNamespace(pack="p", exercise="check-in", status=EntryStatus.COMPLETE, completed_at=None),
    ]
    assert completion_dates(entries) == {("p", "check-in"): [d("2026-03-08")]}


@pytest.mark.parametrize(
    ("zone", "moments", "day"),
    [
        # New York springs forward at 02:00 on 8 March 2026: a 23-hour day.
        ("America/New_York", ["2026-03-08T00:30:00-05:00", "2026-03-08T23:30:00-04:00"], "2026-03-08"),
        # New York falls back at 02:00 on 1 November 2026: a 25-hour day, 01:30 happens twice.
        (
            "America/New_York",
            ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-01T23:59:00-05:00"],
            "2026-11-01",
        ),
        # Berlin springs forward on 29 March and falls back on 25 October 2026.
        ("Europe/Berlin", ["2026-03-29T00:10:00+01:00", "2026-03-29T23:50:00+02:00"], "2026-03-29"),
        ("Europe/Berlin", ["2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"], "2026-10-25"),
    ],
)
def test_daily_across_daylight_saving_changes(local_zone, zone: str, moments: list[str], day: str) -> None:
    local_zone(zone)
    days = completion_dates(entry(datetime.fromisoformat(m)) for m in moments)
    assert set(days[("p", "check-in")]) == {d(day)}
    item = assigned("daily", d(day) - timedelta(days=1))
    [kept] = adherence([item], days, d(day) - timedelta(days=1), d(day) + timedelta(days=1))
    assert (kept.kept, kept.assigned) == (1, 3)
    assert due_today([item], days, d(day)) == []
    assert due_today([item], days, d(day) + timedelta(days=1)) == [item]


def test_an_entry_stored_with_another_offset_counts_on_todays_local_date(local_zone) -> None:
    """Written in New York at 22:00, read later in Berlin: it is 04:00 the next day there."""
    local_zone("Europe/Berlin")
    days = completion_dates([entry(datetime.fromisoformat("2026-11-23T22:00:00-05:00"))])
    assert days[("p", "check-in")] == [d("2026-11-24")]


def test_the_same_instant_is_due_or_done_depending_on_the_zone(local_zone) -> None:
    moment = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    item = assigned("daily", d("2026-11-01"))
    local_zone("Asia/Tokyo")  # 08:30 on 24 Nov
    assert due_today([item], completion_dates([entry(moment)]), d("2026-11-24")) == []
    local_zone("America/Los_Angeles")  # 15:30 on 23 Nov
    assert due_today([item], completion_dates([entry(moment)]), d("2026-11-24")) == [item]


# -- daily, once ---------------------------------------------------------------------------------


def test_daily_is_due_each_day_until_done_that_day() -> None:
    item = assigned("daily", d("2026-11-20"))
    assert due_today([item], {}, d("2026-11-23")) == [item]
    assert due_today([item], done_on(d("2026-11-22")), d("2026-11-23")) == [item]
    assert due_today([item], done_on(d("2026-11-23")), d("2026-11-23")) == []


def test_daily_across_a_month_end_and_a_year_end() -> None:
    item = assigned("daily", d("2026-12-30"), d("2027-01-02"))
    days = done_on(d("2026-12-30"), d("2026-12-31"), d("2026-12-31"), d("2027-01-02"))
    [kept] = adherence([item], days, None, d("2027-01-05"))
    assert (kept.kept, kept.assigned) == (3, 4)  # twice on the 31st still keeps one day
    assert due_today([item], days, d("2027-01-01")) == [item]
    assert due_today([item], days, d("2027-01-03")) == []  # the window has ended


def test_daily_over_fourteen_days_is_fourteen_assigned() -> None:
    item = assigned("daily", d("2026-11-10"))
    [kept] = adherence([item], done_on(d("2026-11-12")), d("2026-11-10"), d("2026-11-23"))
    assert (kept.kept, kept.assigned) == (1, 14)
    assert kept.ratio == pytest.approx(1 / 14)


def test_daily_over_february_in_a_leap_year() -> None:
    item = assigned("daily", d("2028-02-27"), d("2028-03-01"))
    [kept] = adherence([item], {}, None, d("2028-03-31"))
    assert kept.assigned == 4  # 27, 28, 29 Feb and 1 Mar


def test_once_is_due_from_start_until_done_then_never_again() -> None:
    item = assigned("once", d("2026-11-25"))
    assert due_today([item], {}, d("2026-11-24")) == []  # not started yet
    assert due_today([item], {}, d("2026-11-25")) == [item]
    assert due_today([item], {}, d("2026-12-25")) == [item]  # still waiting, weeks later
    assert due_today([item], done_on(d("2026-11-27")), d("2026-11-28")) == []
    [kept] = adherence([item], done_on(d("2026-11-27")), None, d("2026-11-30"))
    assert (kept.kept, kept.assigned) == (1, 1)


def test_once_done_before_its_start_does_not_count() -> None:
    item = assigned("once", d("2026-11-25"))
    assert due_today([item], done_on(d("2026-11-24")), d("2026-11-25")) == [item]


def test_start_and_end_are_both_included() -> None:
    item = assigned("daily", d("2026-11-23"), d("2026-11-25"))
    assert [due_today([item], {}, d(f"2026-11-{n}")) != [] for n in (22, 23, 24, 25, 26)] == [
        False,
        True,
        True,
        True,
        False,
    ]


def test_entries_outside_the_window_do_not_count() -> None:
    item = assigned("daily", d("2026-11-10"), d("2026-11-12"))
    days = done_on(d("2026-11-09"), d("2026-11-11"), d("2026-11-13"))
    [kept] = adherence([item], days, None, d("2026-11-30"))
    assert (kept.kept, kept.assigned) == (1, 3)


def test_a_period_before_the_start_or_after_the_end_has_no_slots() -> None:
    item = assigned("daily", d("2026-11-10"), d("2026-11-12"))
    assert adherence([item], {}, d("2026-11-01"), d("2026-11-09")) == []
    assert adherence([item], {}, d("2026-11-13"), d("2026-11-30")) == []


# -- weekly and N/week ---------------------------------------------------------------------------


def test_slots_per_week_only_for_weekly_frequencies() -> None:
    start = d("2026-11-23")
    assert [assigned(f, start).per_week for f in ("once", "daily", "weekly", "3/week")] == [None, None, 1, 3]


def test_iso_weeks_start_on_monday() -> None:
    assert monday_of(d("2026-11-29")) == d("2026-11-23")  # Sunday → that week's Monday
    assert monday_of(d("2026-11-30")) == d("2026-11-30")
    assert monday_of(d("2027-01-01")) == d("2026-12-28")  # ISO week 53 of 2026 crosses the year


def test_n_per_week_is_due_while_the_week_is_short() -> None:
    item = assigned("3/week", d("2026-11-16"))  # a Monday
    monday, wednesday, thursday = d("2026-11-23"), d("2026-11-25"), d("2026-11-26")
    days = done_on(monday, wednesday)
    assert due_today([item], days, thursday) == [item]
    [status] = this_week([item], days, thursday)
    assert (status.done, status.needed, status.due_today) == (2, 3, True)
    days = done_on(monday, monday, wednesday)  # twice in a day counts twice
    assert due_today([item], days, thursday) == []


def test_last_weeks_entries_do_not_count_this_week() -> None:
    item = assigned("2/week", d("2026-11-02"))
    days = done_on(d("2026-11-21"), d("2026-11-22"))  # Saturday and Sunday of last week
    assert due_today([item], days, d("2026-11-23")) == [item]
    [status] = this_week([item], days, d("2026-11-23"))
    assert (status.done, status.needed) == (0, 2)


def test_weekly_counting_across_an_iso_week_boundary_at_a_year_end() -> None:
    item = assigned("weekly", d("2026-12-21"))
    # Week of 21 Dec: done Sunday 27th. Week of 28 Dec (crossing into 2027): done Friday 1 Jan.
    days = done_on(d("2026-12-27"), d("2027-01-01"))
    [kept] = adherence([item], days, None, d("2027-01-10"))
    assert (kept.kept, kept.assigned) == (2, 3)
    assert due_today([item], days, d("2027-01-03")) == []  # Sunday: this week's one is done
    assert due_today([item], days, d("2027-01-04")) == [item]  # Monday: a new week


def test_n_per_week_adherence_caps_each_week() -> None:
    item = assigned("2/week", d("2026-11-02"))
    days = done_on(*[d("2026-11-02")] * 5, d("2026-11-10"))  # 5 in week one, 1 in week two
    [kept] = adherence([item], days, None, d("2026-11-15"))
    assert (kept.kept, kept.assigned) == (3, 4)


def test_partial_weeks_are_prorated_and_rounded_up() -> None:
    # Starts on a Saturday: 2 days of that week → ceil(3 × 2 / 7) = 1 slot.
    item = assigned("3/week", d("2026-11-21"))
    [status] = this_week([item], {}, d("2026-11-21"))
    assert status.needed == 1
    # Ends on a Tuesday: 2 days → 1 slot; then 3 for the full week before it, 1 for the first.
    item = assigned("3/week", d("2026-11-21"), d("2026-12-01"))
    [kept] = adherence([item], {}, None, d("2026-12-31"))
    assert kept.assigned == 1 + 3 + 1
    # weekly always asks for one, even for a single day.
    [status] = this_week([assigned("weekly", d("2026-11-29"))], {}, d("2026-11-29"))
    assert status.needed == 1
    # 7/week over a part week asks for every day in it.
    [status] = this_week([assigned("7/week", d("2026-11-27"))], {}, d("2026-11-27"))
    assert status.needed == 3


def test_a_report_period_cutting_a_week_prorates_it_too() -> None:
    item = assigned("3/week", d("2026-11-02"))
    [kept] = adherence([item], {}, d("2026-11-12"), d("2026-11-15"))  # Thursday to Sunday
    assert kept.assigned == 2  # ceil(3 × 4 / 7)


def test_this_week_lists_upcoming_and_done_assignments() -> None:
    upcoming = assigned("daily", d("2026-11-26"), exercise="later")
    done = assigned("once", d("2026-11-20"), exercise="letter")
    finished_earlier = assigned("once", d("2026-11-01"), exercise="old")
    days = {**done_on(d("2026-11-24"), exercise="letter"), **done_on(d("2026-11-05"), exercise="old")}
    statuses = {s.assigned_to.exercise: s for s in this_week([upcoming, done, finished_earlier], days, d("2026-11-25"))}
    assert set(statuses) == {"later", "letter"}  # a once done in an earlier week is gone
    assert statuses["later"].due_today is False and statuses["later"].needed == 4
    assert (statuses["letter"].done, statuses["letter"].due_today) == (1, False)


def test_an_exercise_assigned_twice_is_listed_once_as_due() -> None:
    daily = assigned("daily", d("2026-11-01"))
    weekly = assigned("weekly", d("2026-11-01"))
    assert due_today([daily, weekly], {}, d("2026-11-23")) == [daily]


# -- from packs ------------------------------------------------------------------------------------


def test_assignments_start_on_the_install_date_unless_given() -> None:
    pack = Pack.model_validate(
        {
            "format": 1,
            "id": "p",
            "title": "P",
            "version": "1.0.0",
            "assignments": [
                {"exercise": "check-in", "frequency": "daily", "note": "Evenings"},
                {"exercise": "check-in", "frequency": "3/week", "start": "2026-12-01", "end": "2026-12-31"},
            ],
            "exercises": [
                {
                    "id": "check-in",
                    "title": "Check-in",
                    "kind": "skill",
                    "summary": "s",
                    "steps": [{"type": "info", "text": "t"}],
                }
            ],
        }
    )
    first, second = assignments_of([(pack, d("2026-11-20"))])
    assert (first.start, first.end, first.title, first.note) == (d("2026-11-20"), None, "Check-in", "Evenings")
    assert (second.start, second.end, second.per_week) == (d("2026-12-01"), d("2026-12-31"), 3)
    assert first.describe() == "daily"
    assert second.describe() == "3 a week, 01 Dec to 31 Dec 2026"


def test_install_date_is_the_local_date_of_the_record(local_zone) -> None:
    local_zone("Australia/Sydney")
    installed = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 07:00 on 24 Nov in Sydney
    assert local_date(installed) == d("2026-11-24")
    assert local_date(installed, ZoneInfo("America/Chicago")) == d("2026-11-23")
