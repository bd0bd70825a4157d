"""What one completed entry measured: its before/after pairs, its craving surfs, and (for a
behavioural experiment) the belief, prediction, outcome and lesson.

Pure domain, read by the session report and the progress trends alike, so both count
the same things the same way.

Before/after pairs are the `rerate` steps of the exercise definition. When the pack
was removed, or the entry answers steps the definition no longer has, pairs are found
by the naming the built-in packs use, `X_after` re-rating `X_before` or `X`, on answers
of the same shape (two numbers, or two maps of numbers); such a pair counts lower as
better. Which way is better otherwise comes from the first rating's `better:` key
(default `lower`). A re-rating is flagged when it did not move the better way, unless
it stayed at the best end of the scale (0 of 0 distress is nothing to talk about).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from cbt_tui.domain.answers import (
    AnswerRow,
    Definition,
    answer_order,
    answer_rows,
    answer_text,
    as_number,
    change_text,
    option_labels,
    shown_prompt,
)
from cbt_tui.domain.entries import Entry
from cbt_tui.domain.packs.models import RatingsStep, ScaleStep, StepBase, TextStep

Check = tuple[float, float]
"""A timer check: (seconds into the timer, the rating)."""


def measure_label(step_id: str) -> str:
    """A short name for a rated step, from its id: `hot_belief` → `Hot belief`,
    `urge_before` → `Urge` (prompts quote earlier answers, so they change entry by entry)."""
    words = step_id.removesuffix("_before").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else step_id


@dataclass(frozen=True)
class RatingChange:
    entry_id: str
    when: datetime
    pack: str
    exercise: str
    exercise_title: str
    step_id: str
    """The first rating's step id: with `item`, what the trends group by."""
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

    @property
    def label(self) -> str:
        """The measure's short name: the rated item's label, else one from the step id."""
        return self.item or measure_label(self.step_id)


@dataclass(frozen=True)
class CravingSession:
    entry_id: str
    when: datetime
    pack: str
    exercise: str
    exercise_title: str
    start: float | None
    peak: float | None
    end: float | None
    seconds: float
    """How long the person surfed (running time of the timer)."""
    ended: str
    checks: tuple[Check, ...] = ()
    """The urge ratings during the timer, in order: the wave."""


@dataclass(frozen=True)
class Experiment:
    entry_id: str
    when: datetime
    exercise_title: str
    belief: str | None
    change: RatingChange | None
    learned: str | None
    prediction: str | None = None
    outcome: str | None = None


def _is_ratings(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(as_number(v) is not None for v in value.values())


@dataclass(frozen=True)
class _Pair:
    before_id: str
    after_id: str
    step: ScaleStep | RatingsStep | None
    """The first rating's definition (None when paired by name)."""


class EntryReading:
    """One entry read against its definition, when there is one; `when` is the moment it
    is reported at (its completion, in the reader's time zone)."""

    def __init__(self, entry: Entry, definition: Definition | None, when: datetime) -> None:
        self.entry = entry
        self.when = when
        self.definition = definition
        self.exercise = definition[1] if definition else None
        self.order = answer_order(entry, self.exercise)

    @cached_property
    def rows(self) -> list[AnswerRow]:
        """Every answer as words (the report's entries; the trends never need them)."""
        return answer_rows(self.entry, self.definition)

    def step(self, step_id: str) -> StepBase | None:
        return self.exercise.step(step_id) if self.exercise else None

    def position(self, step_id: str) -> int:
        return self.order.index(step_id)

    def _pairs(self) -> list[_Pair]:
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
            if step_id in paired or not step_id.endswith("_after"):
                continue
            known = self.step(step_id) is not None  # then only a `before` of an earlier version
            if known and getattr(self.step(step_id), "rerate", None):
                continue
            base = step_id.removesuffix("_after")
            before = next(
                (
                    c
                    for c in (f"{base}_before", base)
                    if c in answers and c != step_id and not (known and self.step(c) is not None)
                ),
                None,
            )
            if before is None:
                continue
            a, b = answers[before], answers[step_id]
            if (as_number(a) is not None and as_number(b) is not None) or (_is_ratings(a) and _is_ratings(b)):
                pairs.append(_Pair(before, step_id, None))
        return sorted(pairs, key=lambda pair: self.position(pair.after_id))

    @cached_property
    def _changes(self) -> list[tuple[_Pair, RatingChange]]:
        answers = self.entry.answers
        found = []
        for pair in self._pairs():
            before, after = answers[pair.before_id], answers[pair.after_id]
            first, again = as_number(before), as_number(after)
            if first is not None and again is not None:
                found.append((pair, self._change(pair, None, first, again)))
            elif isinstance(before, dict) and isinstance(after, dict):
                labels = option_labels(pair.step, self.definition)
                for item, value in before.items():
                    first, again = as_number(value), as_number(after.get(item))
                    if first is not None and again is not None:
                        found.append((pair, self._change(pair, labels.get(item, item), first, again)))
        return found

    def changes(self) -> list[RatingChange]:
        """Every before/after pair of the entry, in the order they were answered."""
        return [change for _, change in self._changes]

    def _change(self, pair: _Pair, item: str | None, before: float, after: float) -> RatingChange:
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
            pack=self.entry.pack,
            exercise=self.entry.exercise,
            exercise_title=self.entry.exercise_title,
            step_id=pair.before_id,
            question=self.prompt(pair.before_id),
            item=item,
            before=before,
            after=after,
            before_text=answer_text(before, shown_step),
            after_text=answer_text(after, shown_step),
            change_text=change_text(before, after, shown_step),
            better=better,
            flagged=not improved and not resting_at_best,
        )

    def cravings(self) -> list[CravingSession]:
        """Each timer of the entry that rated an urge (any timer of a craving surf)."""
        sessions = []
        for step_id in self.order:
            value = self.entry.answers[step_id]
            if not (isinstance(value, dict) and "planned_seconds" in value):
                continue
            raw_checks = value.get("checks")
            checks = [
                (at, number)
                for c in (raw_checks if isinstance(raw_checks, list) else [])
                if isinstance(c, dict)
                and (number := as_number(c.get("value"))) is not None
                and (at := as_number(c.get("at"))) is not None
            ]
            if self.entry.kind != "craving_surf" and not checks:
                continue  # a plain timer (a breathing space), not an urge
            ratings = [number for _, number in checks]
            here = self.position(step_id)
            around = [
                change
                for pair, change in self._changes
                if change.item is None
                and here < self.position(pair.after_id)
                # the `before` is earlier, or was answered under an earlier version (then listed last)
                and (self.position(pair.before_id) < here or self.step(pair.before_id) is None)
            ]
            start = around[-1].before if around else (ratings[0] if ratings else None)
            end = around[-1].after if around else (ratings[-1] if ratings else None)
            known = [v for v in (start, *ratings, end) if v is not None]
            sessions.append(
                CravingSession(
                    entry_id=self.entry.id,
                    when=self.when,
                    pack=self.entry.pack,
                    exercise=self.entry.exercise,
                    exercise_title=self.entry.exercise_title,
                    start=start,
                    peak=max(known) if known else None,
                    end=end,
                    seconds=as_number(value.get("elapsed_seconds")) or 0.0,
                    ended=str(value.get("ended") or ""),
                    checks=tuple(checks),
                )
            )
        return sessions

    def experiment(self) -> Experiment:
        """The belief tested (the text before the first rating), its change, the
        prediction and outcome (by their ids, else the first text before and after the
        follow-up), and what was learned (`learned`, else the last text)."""
        scale_changes = [(pair, change) for pair, change in self._changes if change.item is None]
        first = scale_changes[0] if scale_changes else None
        texts = dict(self._texts())
        before_at = self.position(first[0].before_id) if first else len(self.order)
        belief = next((sid for sid in texts if self.position(sid) < before_at), None)
        learned = "learned" if "learned" in texts else None
        if learned is None:
            later = [sid for sid in texts if first is None or self.position(sid) > self.position(first[0].after_id)]
            learned = later[-1] if later else None
        prediction = "prediction" if "prediction" in texts else None
        outcome = "outcome" if "outcome" in texts else None
        followup = next((self.position(sid) for sid in self.order if sid in self.entry.followups_done), None)
        if followup is not None:
            others = [sid for sid in texts if sid not in (belief, learned)]
            prediction = prediction or next((sid for sid in others if self.position(sid) < followup), None)
            outcome = outcome or next((sid for sid in others if self.position(sid) > followup), None)
        return Experiment(
            self.entry.id,
            self.when,
            self.entry.exercise_title,
            texts.get(belief or ""),
            first[1] if first else None,
            texts.get(learned or ""),
            texts.get(prediction or ""),
            texts.get(outcome or ""),
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
        return " ".join(shown_prompt(self.entry, step_id, self.definition).split())


def _looks_like_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
