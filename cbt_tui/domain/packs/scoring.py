"""Scores and flags of a completed entry (contract: "Scores, flags and measures").

Computed once, when the entry is completed, and stored with it, so a later change to
the pack does not rewrite what was reported. A score whose items were not all answered
gets no value and names the missing items: it is never guessed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple, TypedDict

from cbt_tui.domain.packs.checks import summed_range
from cbt_tui.domain.packs.errors import shown_value
from cbt_tui.domain.packs.models import ChoiceStep, Exercise, Pack, ScaleStep, Score, fixed_options

Number = int | float


class StoredScore(TypedDict):
    """One score as the entry stores it under `scores: {ID: ...}`."""

    value: Number | None
    band: str | None
    missing: list[str]


class Scoring(NamedTuple):
    """What the entry stores: `scores: {ID: {value, band, missing}}` and `flags: [label, ...]`."""

    scores: dict[str, StoredScore]
    flags: list[str]


def score_entry(pack: Pack, exercise: Exercise, answers: Mapping[str, object]) -> Scoring:
    """The exercise's scores and raised flags for these answers.

    `pack` supplies the named lists a step's options may come from. A flag of a score
    (`flag_at_least` / `flag_at_most`) is stored as "LABEL: VALUE" (with " (BAND)"),
    then the exercise's own `flags:` whose condition holds, in the order written.
    """
    scores: dict[str, StoredScore] = {}
    flags: list[str] = []
    for score in exercise.scores or []:
        stored = _score(pack, exercise, score, answers)
        scores[score.id] = stored
        value = stored["value"]
        if value is not None and _flagged(score, value):
            flags.append(f"{score.label}: {shown_value(value)}" + (f" ({stored['band']})" if stored["band"] else ""))
    for flag in exercise.flags or []:
        if flag.when.holds(answers.get(flag.when.step)):
            flags.append(flag.label)
    return Scoring(scores, flags)


def _score(pack: Pack, exercise: Exercise, score: Score, answers: Mapping[str, object]) -> StoredScore:
    total: Number = 0
    missing: list[str] = []
    for step_id in score.sum:
        part = _item_value(pack, exercise, step_id, answers.get(step_id))
        if part is None:
            missing.append(step_id)
        else:
            total += part
    if missing:
        return {"value": None, "band": None, "missing": missing}
    value = round(total, 9) if isinstance(total, float) else total  # 0.1 + 0.2 is stored as 0.3
    return {"value": value, "band": _band(score, value), "missing": []}


def _item_value(pack: Pack, exercise: Exercise, step_id: str, answer: object) -> Number | None:
    """What one answer adds to a sum, or None when it is missing or cannot be scored
    (an unanswered step, a choice written in as "other", an answer of the wrong shape)."""
    step = exercise.step(step_id)
    if isinstance(step, ScaleStep):
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
            return None
        return answer
    if not isinstance(step, ChoiceStep):
        return None
    options = fixed_options(step, pack.lists or {})
    scores = {option.value: option.score for option in options or []}
    chosen = answer if step.multiple and isinstance(answer, list) else [answer]
    if step.multiple != isinstance(answer, list):
        return None
    parts = [scores.get(item) if isinstance(item, str) else None for item in chosen]
    if any(part is None for part in parts):
        return None
    return sum(part for part in parts if part is not None)


def _band(score: Score, value: Number) -> str | None:
    """The first band whose max the value does not pass; the last band may have none."""
    for band in score.bands or []:
        if band.max is None or value <= band.max:
            return band.label
    return None


def _flagged(score: Score, value: Number) -> bool:
    if score.flag_at_least is not None:
        return value >= score.flag_at_least
    return score.flag_at_most is not None and value <= score.flag_at_most


def score_span(pack: Pack, exercise: Exercise, score: Score) -> tuple[float, float] | None:
    """What the score can add up to, lowest to highest (for drawing its bands); None
    when an item cannot be summed (a pack that loaded has none such)."""
    spans = [summed_range(exercise, step_id, pack.lists or {})[1] for step_id in score.sum]
    known = [span for span in spans if span is not None]
    if len(known) != len(spans):
        return None
    return sum(low for low, _ in known), sum(high for _, high in known)
