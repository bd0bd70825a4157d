"""A session report: what the client did in a period, ready to talk through with a therapist.

Pure domain: entries, exercise definitions and adherence in, a `Report` of plain values
out; `cbt_tui.reports` renders it as Markdown or HTML. What each entry measured (its
before/after pairs, craving surfs, an experiment's parts) is read by `domain.readings`;
the trends of the period (practice days, waves, scores over time, days on track) are
`domain.progress`'s, the same the Progress screen shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from cbt_tui.domain.answers import AnswerRow, FindExercise, ScoreRow, score_rows
from cbt_tui.domain.entries import Entry
from cbt_tui.domain.progress import FlagRaised, Progress, completed_within, progress_of, readings_of
from cbt_tui.domain.readings import CravingSession, Experiment, RatingChange
from cbt_tui.domain.schedule import Adherence

__all__ = ["CravingSession", "EntryReadout", "ExerciseCount", "Experiment", "RatingChange", "Report", "build_report"]


@dataclass(frozen=True)
class ExerciseCount:
    pack: str
    exercise: str
    title: str
    done: int
    """Complete entries in the period."""
    assigned: int | None = None
    """Slots assigned in the period (None: not assigned)."""
    kept: int | None = None
    frequencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryReadout:
    entry_id: str
    when: datetime
    exercise_title: str
    pack: str
    answers: list[AnswerRow]
    scores: list[ScoreRow] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    since: date
    until: date
    made_at: datetime
    name: str | None = None
    """The person's name or initials, as they set it (`cbt config set name`)."""
    exercises: list[ExerciseCount] = field(default_factory=list)
    changes: list[RatingChange] = field(default_factory=list)
    cravings: list[CravingSession] = field(default_factory=list)
    experiments: list[Experiment] = field(default_factory=list)
    entries: list[EntryReadout] = field(default_factory=list)
    trends: Progress | None = None

    @property
    def flagged(self) -> list[RatingChange]:
        return [change for change in self.changes if change.flagged]

    @property
    def raised(self) -> list[FlagRaised]:
        """The flags the entries raised (a lapse in a check-in, a score past its flag)."""
        return self.trends.flags if self.trends else []


def build_report(
    entries: Iterable[Entry],
    find: FindExercise,
    adherence: Iterable[Adherence],
    since: date,
    until: date,
    made_at: datetime,
    tz: tzinfo | None = None,
    *,
    name: str | None = None,
    reward_plan: Entry | None = None,
) -> Report:
    """The report for complete entries whose local completion date is in [since, until]."""
    adherence = list(adherence)
    chosen = completed_within(entries, since, until, tz)
    readings = readings_of(chosen, find, tz)
    trends = progress_of(readings, adherence, since, until, reward_plan=reward_plan, today=made_at.date(), tz=tz)
    report = Report(since, until, made_at, name or None, exercises=_counts(chosen, adherence), trends=trends)
    for reading in readings:
        entry = reading.entry
        report.changes.extend(reading.changes())
        report.cravings.extend(reading.cravings())
        if entry.kind == "behavioral_experiment":
            report.experiments.append(reading.experiment())
        exercise = reading.definition[1] if reading.definition else None
        report.entries.append(
            EntryReadout(
                entry.id,
                reading.when,
                entry.exercise_title,
                entry.pack,
                reading.rows,
                score_rows(entry.scores, exercise),
                list(entry.flags),
            )
        )
    return report


def _counts(entries: list[Entry], adherence: Iterable[Adherence]) -> list[ExerciseCount]:
    titles: dict[tuple[str, str], str] = {}
    done: dict[tuple[str, str], int] = {}
    for entry in entries:
        key = (entry.pack, entry.exercise)
        titles[key] = entry.exercise_title or entry.exercise
        done[key] = done.get(key, 0) + 1
    assigned: dict[tuple[str, str], list[Adherence]] = {}
    for item in adherence:
        key = item.assigned_to.key
        assigned.setdefault(key, []).append(item)
        titles.setdefault(key, item.assigned_to.title)
    counts = []
    for key, title in titles.items():
        items = assigned.get(key, [])
        counts.append(
            ExerciseCount(
                pack=key[0],
                exercise=key[1],
                title=title,
                done=done.get(key, 0),
                assigned=sum(i.assigned for i in items) if items else None,
                kept=sum(i.kept for i in items) if items else None,
                frequencies=tuple(i.assigned_to.describe() for i in items),
            )
        )
    return sorted(counts, key=lambda count: (count.assigned is None, count.title.lower(), count.pack))
