"""Checks that need more than one field: references between steps, lists and exercises.

Each problem is a (loc, message) pair relative to the exercise or pack it was found in;
the loader turns locs into file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from cbt_tui.domain.packs.errors import Loc, did_you_mean, one_of, shown_value
from cbt_tui.domain.packs.limits import PLACEHOLDER_LIMIT
from cbt_tui.domain.packs.models import (
    Exercise,
    InfoStep,
    OptionsStep,
    RatingsStep,
    ScaleStep,
    TimerStep,
    as_option,
)
from cbt_tui.domain.packs.placeholders import TemplateError, placeholder_names

Problem = tuple[Loc, str]
T = TypeVar("T")


def check_exercise(exercise: Exercise, list_names: Iterable[str]) -> Iterator[Problem]:
    """Every cross-reference inside one exercise; `list_names` are the pack's lists."""
    list_names = sorted(list_names)
    earlier: dict[str, int] = {}  # step id -> index, for steps before the current one
    later = {getattr(s, "id", None): i for i, s in enumerate(exercise.steps)}
    for index, step in enumerate(exercise.steps):
        here: Loc = ("steps", index)
        step_id = getattr(step, "id", None)
        if step_id is not None and step_id in earlier:
            yield here + ("id",), f"step id {shown_value(step_id)} is already used by steps[{earlier[step_id]}]"
        answered = {sid: i for sid, i in earlier.items() if not isinstance(exercise.steps[i], InfoStep)}
        if step.when is not None:
            yield from _earlier_ref(here + ("when", "step"), step.when.step, answered, later, "a condition")
        for field, template in _templates(step):
            yield from _check_template(here + field, template, answered, later)
        if isinstance(step, OptionsStep):
            yield from _check_options(here, step, list_names)
        if isinstance(step, (ScaleStep, RatingsStep)) and step.rerate is not None:
            yield from _check_rerate(here, step, exercise, earlier, later)
        if isinstance(step, ScaleStep) and step.labels:
            for value in step.labels:
                if not step.min <= value <= step.max:
                    yield (
                        here + ("labels", value),
                        f"label at {shown_value(value)} is outside the scale ({step.min:g} to {step.max:g})",
                    )
        if (
            isinstance(step, TimerStep)
            and step.checks
            and step.stop_when_at_most is not None
            and not step.checks.min <= step.stop_when_at_most <= step.checks.max
        ):
            yield (
                here + ("stop_when_at_most",),
                f"must be within the checks' range ({step.checks.min:g} to {step.checks.max:g})",
            )
        if step_id is not None and step_id not in earlier:
            earlier[step_id] = index


def check_pack_lists(lists: Mapping[str, list]) -> Iterator[Problem]:
    for name, items in lists.items():
        if not items:
            yield ("lists", name), "a list needs at least one option"
        yield from _duplicate_values(("lists", name), items)


def check_exercise_ids(exercises: Iterable[tuple[str, tuple[T, Loc]]]) -> Iterator[tuple[T, Problem]]:
    """Exercise ids unique within the pack; the second use is the error, wherever it stands."""
    seen: set[str] = set()
    for exercise_id, (where, loc) in exercises:
        if exercise_id in seen:
            yield where, (loc + ("id",), f"exercise id {shown_value(exercise_id)} is already used in this pack")
        seen.add(exercise_id)


def check_assignments(assignments: Iterable, exercise_ids: set[str]) -> Iterator[Problem]:
    for index, assignment in enumerate(assignments):
        if assignment.exercise not in exercise_ids:
            yield (
                ("assignments", index, "exercise"),
                (
                    f"no exercise {shown_value(assignment.exercise)} in this pack"
                    + (
                        did_you_mean(assignment.exercise, exercise_ids)
                        or f"; its exercises: {one_of(sorted(exercise_ids))}"
                    )
                ),
            )


def _templates(step) -> Iterator[tuple[Loc, str]]:
    for field in ("prompt", "help", "text"):
        value = getattr(step, field, None)
        if isinstance(value, str):
            yield (field,), value
    if isinstance(step, TimerStep) and step.checks is not None:
        yield ("checks", "prompt"), step.checks.prompt


def _check_template(loc: Loc, template: str, answered: dict[str, int], later: dict) -> Iterator[Problem]:
    try:
        names = placeholder_names(template)
    except TemplateError as exc:
        yield loc, str(exc)
        return
    if len(names) > PLACEHOLDER_LIMIT:
        yield loc, f"this text quotes {len(names):,} answers; a text may quote at most {PLACEHOLDER_LIMIT}"
        return
    for name in names:
        yield from _earlier_ref(loc, name, answered, later, shown_value(f"{{{name}}}"))


def _earlier_ref(loc: Loc, name: str, answered: dict[str, int], later: dict, what: str) -> Iterator[Problem]:
    if name in answered:
        return
    if name in later:
        yield (
            loc,
            f"{what} refers to step {shown_value(name)}, which is not an earlier answered step; it can only use earlier answers",
        )
    else:
        hint = did_you_mean(name, answered) or (f"; earlier steps: {one_of(list(answered))}" if answered else "")
        yield loc, f"{what} refers to unknown step {shown_value(name)}{hint}"


def _check_options(here: Loc, step: OptionsStep, list_names: list[str]) -> Iterator[Problem]:
    is_rerate = isinstance(step, RatingsStep) and step.rerate is not None
    if step.options is not None and step.options_from is not None:
        yield here + ("options_from",), "give either options or options_from, not both"
    elif step.options is None and step.options_from is None and not is_rerate:
        yield here, f"a {step.type} step needs options or options_from"
    if step.options_from is not None and step.options_from not in list_names:
        hint = did_you_mean(step.options_from, list_names) or (
            f"; this pack's lists: {one_of(list_names)}" if list_names else "; this pack has no lists"
        )
        yield here + ("options_from",), f"unknown list {shown_value(step.options_from)}{hint}"
    if step.options is not None:
        yield from _duplicate_values(here + ("options",), step.options)


def _duplicate_values(loc: Loc, items: list) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        value = as_option(item).value
        if value in seen:
            yield loc + (index,), f"option {shown_value(value)} appears twice"
        seen.add(value)


_RANGE_FIELDS = {"scale": ("min", "max", "step", "labels", "unit", "better"), "ratings": ("min", "max", "better")}


def _check_rerate(here: Loc, step, exercise: Exercise, earlier: dict[str, int], later: dict) -> Iterator[Problem]:
    target_id = step.rerate
    if target_id not in earlier:
        yield from _earlier_ref(here + ("rerate",), target_id, earlier, later, "rerate")
        return
    target = exercise.steps[earlier[target_id]]
    if target.type != step.type:
        yield (
            here + ("rerate",),
            f"rerate must point to an earlier {step.type} step; {shown_value(target_id)} is a {target.type} step",
        )
        return
    if getattr(target, "rerate", None) is not None:
        yield (
            here + ("rerate",),
            f"{shown_value(target_id)} is itself a re-rating; point to the first rating ({shown_value(target.rerate)})",
        )
    for field in _RANGE_FIELDS[step.type]:
        if field in step.model_fields_set and getattr(step, field) != getattr(target, field):
            yield here + (field,), f"a re-rating uses the same {field} as {shown_value(target_id)}; leave {field} out"
    if isinstance(step, RatingsStep) and (step.options is not None or step.options_from is not None):
        yield (
            here + ("options" if step.options is not None else "options_from",),
            f"a re-rating rates the same items as {shown_value(target_id)}; leave the options out",
        )
