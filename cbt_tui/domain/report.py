"""A session report: what the client did in a period, ready to talk through with a therapist.

Pure domain: entries, exercise definitions and adherence in, a `Report` of plain values
out; `cbt_tui.reports` renders it as Markdown or HTML.

Before/after pairs are the `rerate` steps of the exercise definition. When the pack
was removed, or the entry answers steps the definition no longer has, pairs are found
by the naming the built-in packs use, `X_after` re-rating `X_before` or `X`, on answers
of the same shape (two numbers, or two maps of numbers); such a pair counts lower as
better. Which way is better otherwise comes from the first rating's `better:` key
(default `lower`). A re-rating is flagged when it did not move the better way, unless
it stayed at the best end of the scale (0 of 0 distress is nothing to talk about).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from cbt_tui.domain.answers import (
    AnswerRow,
    Definition,
    FindExercise,
    answer_order,
    answer_rows,
    answer_text,
    as_number,
    change_text,
    option_labels,
)
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.packs.models import RatingsStep, ScaleStep, StepBase, TextStep
from cbt_tui.domain.schedule import Adherence, local_date


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
class RatingChange:
    entry_id: str
    when: datetime
    exercise_title: str
    question: str
    """The first rating's prompt, as the client saw it."""
    item: str | None
    """The rated item of a `ratings` pair (its label); None for a `scale`."""
    before: float
    after: float
    before_text: str
    after_text: str
    change_text: str
    better: str
    flagged: bool
    """Did not move the better way: worth talking about in session."""


@dataclass(frozen=True)
class CravingSession:
    entry_id: str
    when: datetime
    exercise_title: str
    start: float | None
    peak: float | None
    end: float | None
    seconds: float
    """How long the person surfed (running time of the timer)."""
    ended: str


@dataclass(frozen=True)
class Experiment:
    entry_id: str
    when: datetime
    exercise_title: str
    belief: str | None
    change: RatingChange | None
    learned: str | None


@dataclass(frozen=True)
class EntryReadout:
    entry_id: str
    when: datetime
    exercise_title: str
    pack: str
    answers: list[AnswerRow]


@dataclass(frozen=True)
class Report:
    since: date
    until: date
    made_at: datetime
    exercises: list[ExerciseCount] = field(default_factory=list)
    changes: list[RatingChange] = field(default_factory=list)
    cravings: list[CravingSession] = field(default_factory=list)
    experiments: list[Experiment] = field(default_factory=list)
    entries: list[EntryReadout] = field(default_factory=list)

    @property
    def flagged(self) -> list[RatingChange]:
        return [change for change in self.changes if change.flagged]


def build_report(
    entries: Iterable[Entry],
    find: FindExercise,
    adherence: Iterable[Adherence],
    since: date,
    until: date,
    made_at: datetime,
    tz: tzinfo | None = None,
) -> Report:
    """The report for complete entries whose local completion date is in [since, until]."""
    chosen = sorted(
        (
            entry
            for entry in entries
            if entry.status is EntryStatus.COMPLETE
            and entry.completed_at is not None
            and since <= local_date(entry.completed_at, tz) <= until
        ),
        key=lambda entry: entry.completed_at or made_at,
    )
    report = Report(since, until, made_at, exercises=_counts(chosen, adherence))
    for entry in chosen:
        definition = find(entry.pack, entry.exercise)
        reading = _EntryReading(entry, definition, (entry.completed_at or made_at).astimezone(tz))
        changes = reading.changes()
        report.changes.extend(change for _, change in changes)
        report.cravings.extend(reading.cravings(changes))
        if entry.kind == "behavioral_experiment":
            report.experiments.append(reading.experiment(changes))
        report.entries.append(reading.readout())
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


def _is_ratings(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(as_number(v) is not None for v in value.values())


@dataclass(frozen=True)
class _Pair:
    before_id: str
    after_id: str
    step: ScaleStep | RatingsStep | None
    """The first rating's definition (None when paired by name)."""


class _EntryReading:
    """One entry read against its definition, when there is one."""

    def __init__(self, entry: Entry, definition: Definition | None, when: datetime) -> None:
        self.entry = entry
        self.when = when
        self.definition = definition
        self.exercise = definition[1] if definition else None
        self.order = answer_order(entry, self.exercise)
        self.rows = answer_rows(entry, definition)

    def step(self, step_id: str) -> StepBase | None:
        return self.exercise.step(step_id) if self.exercise else None

    def position(self, step_id: str) -> int:
        return self.order.index(step_id)

    def pairs(self) -> list[_Pair]:
        answers = self.entry.answers
        pairs: list[_Pair] = []
        paired: set[str] = set()
        for step_id in self.order:
            step = self.step(step_id)
            if isinstance(step, (ScaleStep, RatingsStep)) and step.rerate:
                target = self.step(step.rerate)
                if step.rerate in answers and isinstance(target, (ScaleStep, RatingsStep)):
                    pairs.append(_Pair(step.rerate, step_id, target))
                    paired.add(step_id)
        for step_id in self.order:  # by name, for what the definition does not explain
            if step_id in paired or not step_id.endswith("_after") or self.step(step_id) is not None:
                continue
            base = step_id.removesuffix("_after")
            before = next((c for c in (f"{base}_before", base) if c in answers and c != step_id), None)
            if before is None:
                continue
            a, b = answers[before], answers[step_id]
            if (as_number(a) is not None and as_number(b) is not None) or (_is_ratings(a) and _is_ratings(b)):
                pairs.append(_Pair(before, step_id, None))
        return sorted(pairs, key=lambda pair: self.position(pair.after_id))

    def changes(self) -> list[tuple[_Pair, RatingChange]]:
        answers = self.entry.answers
        found = []
        for pair in self.pairs():
            before, after = answers[pair.before_id], answers[pair.after_id]
            question = self.prompt(pair.before_id)
            first, again = as_number(before), as_number(after)
            if first is not None and again is not None:
                found.append((pair, self._change(pair, question, None, first, again)))
            elif isinstance(before, dict) and isinstance(after, dict):
                labels = option_labels(pair.step, self.definition)
                for item, value in before.items():
                    first, again = as_number(value), as_number(after.get(item))
                    if first is not None and again is not None:
                        found.append((pair, self._change(pair, question, labels.get(item, item), first, again)))
        return found

    def _change(self, pair: _Pair, question: str, item: str | None, before: float, after: float) -> RatingChange:
        step = pair.step
        better = step.better if step is not None else "lower"
        improved = after < before if better == "lower" else after > before
        best: float | None
        if step is not None:
            best = step.min if better == "lower" else step.max
        else:
            best = 0 if better == "lower" else None
        resting_at_best = before == after == best
        shown_step = step if isinstance(step, ScaleStep) else None
        return RatingChange(
            entry_id=self.entry.id,
            when=self.when,
            exercise_title=self.entry.exercise_title,
            question=question,
            item=item,
            before=before,
            after=after,
            before_text=answer_text(before, shown_step),
            after_text=answer_text(after, shown_step),
            change_text=change_text(before, after, shown_step),
            better=better,
            flagged=not improved and not resting_at_best,
        )

    def cravings(self, changes: list[tuple[_Pair, RatingChange]]) -> list[CravingSession]:
        sessions = []
        for step_id in self.order:
            value = self.entry.answers[step_id]
            if not (isinstance(value, dict) and "planned_seconds" in value):
                continue
            raw_checks = value.get("checks")
            checks = [
                number
                for c in (raw_checks if isinstance(raw_checks, list) else [])
                if isinstance(c, dict) and (number := as_number(c.get("value"))) is not None
            ]
            if self.entry.kind != "craving_surf" and not checks:
                continue  # a plain timer (a breathing space), not an urge
            here = self.position(step_id)
            around = [
                change
                for pair, change in changes
                if change.item is None and self.position(pair.before_id) < here < self.position(pair.after_id)
            ]
            start = around[-1].before if around else (checks[0] if checks else None)
            end = around[-1].after if around else (checks[-1] if checks else None)
            known = [v for v in (start, *checks, end) if v is not None]
            sessions.append(
                CravingSession(
                    entry_id=self.entry.id,
                    when=self.when,
                    exercise_title=self.entry.exercise_title,
                    start=start,
                    peak=max(known) if known else None,
                    end=end,
                    seconds=as_number(value.get("elapsed_seconds")) or 0.0,
                    ended=str(value.get("ended") or ""),
                )
            )
        return sessions

    def experiment(self, changes: list[tuple[_Pair, RatingChange]]) -> Experiment:
        scale_changes = [(pair, change) for pair, change in changes if change.item is None]
        first = scale_changes[0] if scale_changes else None
        texts = self._texts()
        before_at = self.position(first[0].before_id) if first else len(self.order)
        belief = next((text for sid, text in texts if self.position(sid) < before_at), None)
        learned = self.entry.answers.get("learned")
        if not isinstance(learned, str):
            later = [
                text for sid, text in texts if first is None or self.position(sid) > self.position(first[0].after_id)
            ]
            learned = later[-1] if later else None
        return Experiment(
            self.entry.id, self.when, self.entry.exercise_title, belief, first[1] if first else None, learned
        )

    def _texts(self) -> list[tuple[str, str]]:
        """Text answers in order (written words, not choices or follow-up times)."""
        found = []
        for step_id in self.order:
            value = self.entry.answers[step_id]
            step = self.step(step_id)
            if not isinstance(value, str) or not value.strip() or step_id in self.entry.followups_done:
                continue
            if isinstance(step, TextStep) or (step is None and not _looks_like_time(value)):
                found.append((step_id, value))
        return found

    def prompt(self, step_id: str) -> str:
        """The prompt as the client saw it, on one line."""
        row = next(row for row in self.rows if row.step_id == step_id)
        return " ".join(row.prompt.split())

    def readout(self) -> EntryReadout:
        return EntryReadout(self.entry.id, self.when, self.entry.exercise_title, self.entry.pack, self.rows)


def _looks_like_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
