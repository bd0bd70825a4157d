"""Progress over weeks: the trends the Progress screen, `cbt progress` and the report show.

Pure domain: completed entries (read by `domain.readings`), assignment counts and dates
in, plain values out. Every count is in local calendar days, like the schedule's.

- Practice: the days something was practised (a calendar, a week per row) and the
  assignments kept against those asked.
- Cravings: each craving surf's peak and end, and the average wave (the mean rating at
  each minute of the timer, over the surfs that rated it).
- Before and after: every re-rated measure, by exercise, over time, with its average change.
- Scores: every stored score of a measure over time, with its bands.
- Days on track: a count of the days kept, never a streak. A day counts as kept when a
  check-in that day answers `used_today` (see USE_STEP) with no, and as a day with use when
  one answers yes; a day with use is one day, and every day kept still counts after it.
- The reward plan's next milestone: the first of MILESTONES above the days it started
  from plus the whole days since it was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from statistics import fmean

from cbt_tui.domain.answers import FindExercise, as_number
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.packs.scoring import score_span
from cbt_tui.domain.readings import CravingSession, EntryReading, RatingChange
from cbt_tui.domain.schedule import Adherence, local_date, monday_of

RANGES: dict[str, int | None] = {"4 weeks": 4, "12 weeks": 12, "All": None}
"""The ranges to choose from, in weeks back from today (None: since the first entry)."""
DEFAULT_WEEKS = 4
CALENDAR_WEEKS = 53
"""The calendar shows at most this many weeks, the newest (a year)."""
USE_STEP = "used_today"
"""A check-in step whose answer says whether the person used that day: `no` keeps the day,
`yes` makes it a day with use (any case; other answers, like "I'd rather not say", neither)."""
REWARD_PLAN = ("recovery-support", "reward-plan")
MILESTONES = (7, 14, 30, 60, 90)
_SPARKS = "▁▂▃▄▅▆▇█"


def period(today: date, weeks: int | None, earliest: date | None = None) -> tuple[date, date]:
    """The days from `weeks` weeks back to today, both included (`None`: from `earliest`)."""
    if weeks is None:
        return min(earliest or today, today), today
    return today - timedelta(days=7 * weeks - 1), today


def completed_within(entries: Iterable[Entry], first: date, last: date, tz: tzinfo | None = None) -> list[Entry]:
    """Complete entries whose local completion date is in [first, last], oldest first."""
    chosen = [
        entry
        for entry in entries
        if entry.status is EntryStatus.COMPLETE
        and entry.completed_at is not None
        and first <= local_date(entry.completed_at, tz) <= last
    ]
    return sorted(chosen, key=lambda entry: entry.completed_at or entry.started_at)


def readings_of(entries: Iterable[Entry], find: FindExercise, tz: tzinfo | None = None) -> list[EntryReading]:
    """Each complete entry read against its definition, at its local completion time."""
    return [
        EntryReading(entry, find(entry.pack, entry.exercise), (entry.completed_at or entry.started_at).astimezone(tz))
        for entry in entries
    ]


# -- what the trends hold --------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: date
    days: tuple[int | None, ...]
    """Entries completed each day, Monday to Sunday; None for a day outside the period."""


@dataclass(frozen=True)
class Practice:
    first: date
    last: date
    done: Mapping[date, int]
    """Entries completed on each day practised."""
    assignments: list[Adherence] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def practised(self) -> int:
        return len(self.done)

    @property
    def entries(self) -> int:
        return sum(self.done.values())

    def weeks(self, limit: int = CALENDAR_WEEKS) -> list[Week]:
        """A row per week, oldest first: at most the newest `limit`."""
        monday = max(monday_of(self.first), monday_of(self.last) - timedelta(weeks=limit - 1))
        rows = []
        while monday <= self.last:
            days = [monday + timedelta(days=i) for i in range(7)]
            rows.append(
                Week(monday, tuple(self.done.get(d, 0) if self.first <= d <= self.last else None for d in days))
            )
            monday += timedelta(weeks=1)
        return rows


@dataclass(frozen=True)
class WavePoint:
    minute: int
    average: float
    surfs: int
    """How many surfs rated the urge at this minute."""


@dataclass(frozen=True)
class Cravings:
    surfs: list[CravingSession]
    wave: list[WavePoint]

    @property
    def average_peak(self) -> float | None:
        return _mean(s.peak for s in self.surfs)

    @property
    def average_end(self) -> float | None:
        return _mean(s.end for s in self.surfs)


@dataclass(frozen=True)
class BeforeAfter:
    """One re-rated measure of one exercise, over time."""

    pack: str
    exercise: str
    exercise_title: str
    step_id: str
    label: str
    better: str
    changes: list[RatingChange]

    @property
    def average_before(self) -> float:
        return fmean(c.before for c in self.changes)

    @property
    def average_after(self) -> float:
        return fmean(c.after for c in self.changes)

    @property
    def average_change(self) -> float:
        return round(fmean(c.after - c.before for c in self.changes), 10)

    @property
    def moved_better(self) -> int:
        """How many times the re-rating moved the better way."""
        return sum(1 for c in self.changes if (c.after < c.before if c.better == "lower" else c.after > c.before))


@dataclass(frozen=True)
class ScorePoint:
    entry_id: str
    when: datetime
    value: float
    band: str | None


@dataclass(frozen=True)
class BandSpan:
    """A band of a score as a stretch of its range, for drawing: from `low` to `high`."""

    label: str
    low: float
    high: float


@dataclass(frozen=True)
class ScoreTrend:
    pack: str
    exercise: str
    exercise_title: str
    score_id: str
    label: str
    better: str
    points: list[ScorePoint]
    missing: int = 0
    """Entries in the period whose score could not be added up (an item was skipped)."""
    low: float | None = None
    high: float | None = None
    """What the score can be, when the exercise is installed."""
    bands: list[BandSpan] = field(default_factory=list)

    @property
    def latest(self) -> ScorePoint | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class DaysOnTrack:
    kept: list[date]
    with_use: list[date]
    """Days a check-in recorded use: each is one day, shown as a day, never a reset."""

    @property
    def checked(self) -> int:
        return len(self.kept) + len(self.with_use)


@dataclass(frozen=True)
class Milestone:
    days: int
    """Days kept by the plan's count: where it started, plus whole days since."""
    next: int | None
    """The next milestone, None past the last."""
    reward: str | None
    """What the person chose for it, as they wrote it."""
    planned_on: date

    @property
    def in_days(self) -> int | None:
        return None if self.next is None else self.next - self.days


@dataclass(frozen=True)
class FlagRaised:
    entry_id: str
    when: datetime
    exercise_title: str
    label: str


@dataclass(frozen=True)
class Progress:
    first: date
    last: date
    practice: Practice
    cravings: Cravings
    before_after: list[BeforeAfter]
    scores: list[ScoreTrend]
    on_track: DaysOnTrack
    flags: list[FlagRaised]
    milestone: Milestone | None = None

    @property
    def is_empty(self) -> bool:
        return not self.practice.done and not self.practice.assignments


# -- building them ----------------------------------------------------------------------------


def build_progress(
    entries: Iterable[Entry],
    find: FindExercise,
    adherence: Iterable[Adherence],
    first: date,
    last: date,
    *,
    reward_plan: Entry | None = None,
    today: date | None = None,
    tz: tzinfo | None = None,
) -> Progress:
    """The trends of complete entries whose local completion date is in [first, last]."""
    readings = readings_of(completed_within(entries, first, last, tz), find, tz)
    return progress_of(readings, adherence, first, last, reward_plan=reward_plan, today=today, tz=tz)


def progress_of(
    readings: Sequence[EntryReading],
    adherence: Iterable[Adherence],
    first: date,
    last: date,
    *,
    reward_plan: Entry | None = None,
    today: date | None = None,
    tz: tzinfo | None = None,
) -> Progress:
    """The trends of entries already read (complete, in the period, oldest first)."""
    done: dict[date, int] = {}
    surfs: list[CravingSession] = []
    measures: dict[tuple[str, str, str, str | None], list[RatingChange]] = {}
    flags: list[FlagRaised] = []
    use: dict[date, bool] = {}
    for reading in readings:
        entry = reading.entry
        day = reading.when.date()
        done[day] = done.get(day, 0) + 1
        surfs += reading.cravings()
        for change in reading.changes():
            measures.setdefault((change.pack, change.exercise, change.step_id, change.item), []).append(change)
        flags += [FlagRaised(entry.id, reading.when, entry.exercise_title, label) for label in entry.flags]
        answer = entry.answers.get(USE_STEP)
        if isinstance(answer, str) and answer.strip().lower() in ("yes", "no"):
            use[day] = use.get(day, False) or answer.strip().lower() == "yes"
    return Progress(
        first=first,
        last=last,
        practice=Practice(first, last, done, list(adherence)),
        cravings=Cravings(surfs, _wave(surfs)),
        before_after=[
            BeforeAfter(c[0].pack, c[0].exercise, c[0].exercise_title, c[0].step_id, c[0].label, c[0].better, c)
            for c in sorted(measures.values(), key=lambda c: (c[0].exercise_title.lower(), c[0].exercise))
        ],
        scores=_score_trends(readings),
        on_track=DaysOnTrack(
            kept=sorted(d for d, used in use.items() if not used), with_use=sorted(d for d, used in use.items() if used)
        ),
        flags=flags,
        milestone=milestone(reward_plan, today or last, tz) if reward_plan is not None else None,
    )


def _wave(surfs: Iterable[CravingSession]) -> list[WavePoint]:
    """The mean rating at each whole minute of the timer (checks rounded to the minute)."""
    by_minute: dict[int, list[float]] = {}
    for surf in surfs:
        seen: dict[int, list[float]] = {}
        for at, value in surf.checks:
            seen.setdefault(round(at / 60), []).append(value)
        for minute, values in seen.items():  # one value per surf and minute
            by_minute.setdefault(minute, []).append(fmean(values))
    return [WavePoint(m, round(fmean(v), 10), len(v)) for m, v in sorted(by_minute.items())]


def _score_trends(readings: Iterable[EntryReading]) -> list[ScoreTrend]:
    points: dict[tuple[str, str, str], list[ScorePoint]] = {}
    missing: dict[tuple[str, str, str], int] = {}
    newest: dict[tuple[str, str, str], EntryReading] = {}
    for reading in readings:
        entry = reading.entry
        for score_id, stored in entry.scores.items():
            key = (entry.pack, entry.exercise, score_id)
            newest[key] = reading
            found = points.setdefault(key, [])
            if stored.value is None:
                missing[key] = missing.get(key, 0) + 1
            else:
                found.append(ScorePoint(entry.id, reading.when, stored.value, stored.band))
    trends = []
    for key, reading in newest.items():
        pack, exercise, score_id = key
        definition = reading.definition
        score = next((s for s in (definition[1].scores or []) if s.id == score_id), None) if definition else None
        span = score_span(definition[0], definition[1], score) if definition and score else None
        low, high = span if span else (None, None)
        bands: list[BandSpan] = []
        if score is not None and span is not None:
            start = span[0]
            for band in score.bands or []:
                top = span[1] if band.max is None else float(band.max)
                bands.append(BandSpan(band.label, start, top))
                start = top
        trends.append(
            ScoreTrend(
                pack=pack,
                exercise=exercise,
                exercise_title=reading.entry.exercise_title,
                score_id=score_id,
                label=score.label if score else score_id,
                better=score.better if score else "lower",
                points=points[key],
                missing=missing.get(key, 0),
                low=low,
                high=high,
                bands=bands,
            )
        )
    return sorted(trends, key=lambda t: (t.exercise_title.lower(), t.exercise, t.label.lower()))


def milestone(plan: Entry, today: date, tz: tzinfo | None = None) -> Milestone | None:
    """The reward plan's count today and its next milestone (None if it gives no count)."""
    start = as_number(plan.answers.get("days_so_far"))
    if start is None or plan.completed_at is None:
        return None
    planned_on = local_date(plan.completed_at, tz)
    days = int(start) + max(0, (today - planned_on).days)
    upcoming = next((m for m in MILESTONES if m > days), None)
    reward = plan.answers.get(f"reward_{upcoming}") if upcoming else None
    return Milestone(days, upcoming, reward if isinstance(reward, str) and reward.strip() else None, planned_on)


# -- small views ------------------------------------------------------------------------------


def by_day(points: Iterable[tuple[datetime, float]]) -> list[tuple[date, float]]:
    """The mean of the values of each day, in day order (charts draw a point a day)."""
    days: dict[date, list[float]] = {}
    for when, value in points:
        days.setdefault(when.date(), []).append(value)
    return [(day, round(fmean(values), 10)) for day, values in sorted(days.items())]


def sparkline(values: Sequence[float], low: float | None = None, high: float | None = None, width: int = 0) -> str:
    """Values as a line of block characters, lowest `▁` to highest `█` (within `low` and
    `high`, default the values' own range); more values than `width` are averaged in runs."""
    if not values:
        return ""
    if width and len(values) > width:
        size = len(values) / width
        values = [fmean(values[int(i * size) : max(int((i + 1) * size), int(i * size) + 1)]) for i in range(width)]
    bottom = min(values) if low is None else low
    top = max(values) if high is None else high
    span = top - bottom
    if span <= 0:
        return _SPARKS[0] * len(values)
    last = len(_SPARKS) - 1
    return "".join(_SPARKS[min(last, max(0, round((v - bottom) / span * last)))] for v in values)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(fmean(known), 10) if known else None
