"""Assignments as a schedule: what is due today, this week, and how well it was kept.

Pure domain: packs, dates and entries in, plain values out (no store, no screen).

Everything here counts in calendar dates of the user's local time zone, not instants:
"today" is the local date, and an entry counts on the local date of its `completed_at`
(an entry written at 23:30 in New York on 1 November counts on 1 November, whatever
offset it was stored with; one written on a trip counts on the date it is here and now).
Only complete entries count.

An assignment runs from `start` (default: the day its pack was installed) to `end`
(open if not given), both included. Its slots:

- `once`: one slot for the whole window; due from `start` until one entry is done.
- `daily`: one slot per day of the window; a day is kept when one entry or more was
  completed that day.
- `weekly` and `N/week`: N slots per ISO week (Monday to Sunday; `weekly` is 1/week).
  A week the window (or the period asked about) covers only in part has its slots
  prorated and rounded up: ceil(N × days covered / 7), so 3/week with two days left
  asks for 1 and `weekly` always asks for 1. Each completed entry in the covered days
  keeps one slot, up to the week's slots. Due today while the week's count is short.

Adherence over a period is (slots kept) / (slots assigned) within the period and the
window; the period should end today at the latest (later days are not assigned yet).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from cbt_tui.domain.status import EntryStatus

if TYPE_CHECKING:  # `cbt due`'s fast path uses the schedule without pydantic
    from cbt_tui.domain.packs.models import Pack

ONE_DAY = timedelta(days=1)

Key = tuple[str, str]
"""(pack id, exercise id)."""

Completions = Mapping[Key, list[date]]
"""Local dates on which entries of an exercise were completed, sorted, one per entry."""


def local_date(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of `moment` in `tz` (default: this computer's local zone)."""
    return moment.astimezone(tz).date()


def local_today(tz: tzinfo | None = None) -> date:
    return datetime.now(tz).date() if tz is not None else date.today()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Assigned:
    """One assignment of an installed pack, with its window settled."""

    pack: str
    exercise: str
    title: str
    frequency: str
    start: date
    end: date | None = None
    note: str | None = None

    @property
    def key(self) -> Key:
        return (self.pack, self.exercise)

    @property
    def per_week(self) -> int | None:
        """Slots per ISO week for weekly and N/week; None for once and daily."""
        if self.frequency == "weekly":
            return 1
        if self.frequency.endswith("/week"):
            return int(self.frequency.split("/")[0])
        return None

    def window(self, since: date | None = None, until: date | None = None) -> tuple[date, date | None]:
        """The window cut to a period: (first day, last day or None for open)."""
        first = max(self.start, since) if since else self.start
        last = min(d for d in (self.end, until) if d is not None) if (self.end or until) else None
        return first, last

    def describe(self) -> str:
        """'daily', '3 a week', 'once', 'weekly', plus the window when it has an end."""
        words = {"once": "once", "daily": "daily", "weekly": "weekly"}.get(self.frequency)
        text = words or f"{self.per_week} a week"
        if self.end is not None:
            text += f", {self.start:%d %b} to {self.end:%d %b %Y}"
        return text


def assignments_of(packs: Iterable[tuple[Pack, date]]) -> list[Assigned]:
    """The assignments of each pack, with `start` defaulting to its install date."""
    found = []
    for pack, installed_on in packs:
        for assignment in pack.assignments or []:
            exercise = pack.exercise(assignment.exercise)
            found.append(
                Assigned(
                    pack=pack.id,
                    exercise=assignment.exercise,
                    title=exercise.title if exercise else assignment.exercise,
                    frequency=assignment.frequency,
                    start=assignment.start or installed_on,
                    end=assignment.end,
                    note=assignment.note,
                )
            )
    return found


def completion_dates(entries: Iterable[Any], tz: tzinfo | None = None) -> dict[Key, list[date]]:
    """Local completion dates of complete entries (Entry or EntrySummary), by exercise."""
    found: dict[Key, list[date]] = {}
    for entry in entries:
        if entry.status is EntryStatus.COMPLETE and entry.completed_at is not None:
            found.setdefault((entry.pack, entry.exercise), []).append(local_date(entry.completed_at, tz))
    for days in found.values():
        days.sort()
    return found


def _count(days: list[date], first: date, last: date) -> int:
    """Entries completed from `first` to `last`, both included."""
    return bisect_right(days, last) - bisect_left(days, first)


def _distinct(days: list[date], first: date, last: date) -> int:
    return len(set(days[bisect_left(days, first) : bisect_right(days, last)]))


def _weeks(first: date, last: date) -> Iterable[tuple[date, date, int]]:
    """(first day, last day, days) of each ISO week from `first` to `last`, cut to them."""
    monday = monday_of(first)
    while monday <= last:
        lo, hi = max(monday, first), min(monday + 6 * ONE_DAY, last)
        yield lo, hi, (hi - lo).days + 1
        monday += 7 * ONE_DAY


def _week_slots(per_week: int, days: int) -> int:
    return math.ceil(per_week * days / 7)


def _slots(item: Assigned, days: list[date], first: date, last: date) -> tuple[int, int]:
    """(slots kept, slots assigned) of an assignment from `first` to `last`, both in its window."""
    if item.frequency == "once":
        return (1 if _count(days, item.start, last) else 0), 1
    if item.frequency == "daily":
        return _distinct(days, first, last), (last - first).days + 1
    kept = assigned = 0
    for lo, hi, covered in _weeks(first, last):
        slots = _week_slots(item.per_week or 1, covered)
        assigned += slots
        kept += min(_count(days, lo, hi), slots)
    return kept, assigned


@dataclass(frozen=True)
class Adherence:
    assigned_to: Assigned
    kept: int
    """Slots kept (at most `assigned`)."""
    assigned: int

    @property
    def ratio(self) -> float | None:
        return self.kept / self.assigned if self.assigned else None


def adherence(
    assignments: Iterable[Assigned], completions: Completions, since: date | None, until: date
) -> list[Adherence]:
    """Slots kept / assigned per assignment from `since` (default: its start) to `until`.

    Assignments with no slot in the period are left out.
    """
    results = []
    for item in assignments:
        first, last = item.window(since, until)
        if last is None or last < first:
            continue
        results.append(Adherence(item, *_slots(item, completions.get(item.key, []), first, last)))
    return results


@dataclass(frozen=True)
class WeekStatus:
    """An assignment in the current ISO week: slots kept so far of those asked."""

    assigned_to: Assigned
    done: int
    needed: int
    due_today: bool


def this_week(assignments: Iterable[Assigned], completions: Completions, today: date) -> list[WeekStatus]:
    """Every assignment active in today's ISO week, with its count and whether it is due today."""
    monday = monday_of(today)
    sunday = monday + 6 * ONE_DAY
    statuses = []
    for item in assignments:
        first, last = item.window(monday, sunday)
        if last is None or last < first:
            continue
        days = completions.get(item.key, [])
        if item.frequency == "once" and _count(days, item.start, monday - ONE_DAY) > 0:
            continue  # done in an earlier week: never asked again
        done, needed = _slots(item, days, first, last)
        # Due while the slots of today's stretch are short: the day for daily, else the week
        # (or, for once, the whole window).
        kept, asked = _slots(item, days, today, today) if item.frequency == "daily" else (done, needed)
        statuses.append(WeekStatus(item, done, needed, first <= today <= last and kept < asked))
    return statuses


def due_today(assignments: Iterable[Assigned], completions: Completions, today: date) -> list[Assigned]:
    """What to do today, in the packs' order; an exercise assigned twice is listed once."""
    seen: set[Key] = set()
    due = []
    for status in this_week(assignments, completions, today):
        if status.due_today and status.assigned_to.key not in seen:
            seen.add(status.assigned_to.key)
            due.append(status.assigned_to)
    return due
