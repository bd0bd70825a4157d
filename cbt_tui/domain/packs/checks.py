"""Checks that need more than one field: references between steps, lists and exercises.

Each problem is a (loc, message) pair relative to the exercise or pack it was found in;
the loader turns locs into file, line and column. `resolve_rerates` then gives each
re-rating the range and items of the step it re-rates, once the checks have passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

from cbt_tui.domain.packs.errors import Loc, did_you_mean, one_of, shown_value
from cbt_tui.domain.packs.limits import PLACEHOLDER_LIMIT
from cbt_tui.domain.packs.models import (
    AnyStep,
    Assignment,
    ChoiceStep,
    Exercise,
    InfoStep,
    ListStep,
    OptionItem,
    OptionsStep,
    RatingsStep,
    ScaleStep,
    Score,
    TimerStep,
    When,
    as_option,
    fixed_options,
)
from cbt_tui.domain.packs.placeholders import TemplateError, placeholder_names

Problem = tuple[Loc, str]
Lists = Mapping[str, Sequence[OptionItem]]
T = TypeVar("T")

#: What a re-rating shares with the step it re-rates: it may repeat these only with the
#: same values, and the loaded re-rating carries them (`resolve_rerates`).
SHARED_BY_RERATE: dict[str, tuple[str, ...]] = {
    "scale": ("min", "max", "step", "labels", "unit", "better"),
    "ratings": ("min", "max", "better", "options", "options_from", "options_from_answer", "allow_other"),
}
_ITEM_FIELDS = ("options", "options_from", "options_from_answer")


def check_exercise(exercise: Exercise, lists: Lists) -> Iterator[Problem]:
    """Every cross-reference inside one exercise; `lists` are the pack's named lists."""
    earlier: dict[str, int] = {}  # step id -> index, for steps before the current one
    later = {step_id: i for i, s in enumerate(exercise.steps) if (step_id := getattr(s, "id", None)) is not None}
    for index, step in enumerate(exercise.steps):
        here: Loc = ("steps", index)
        step_id = getattr(step, "id", None)
        if step_id is not None and step_id in earlier:
            yield here + ("id",), f"step id {shown_value(step_id)} is already used by steps[{earlier[step_id]}]"
        answered = {sid: i for sid, i in earlier.items() if not isinstance(exercise.steps[i], InfoStep)}
        if step.when is not None:
            yield from _earlier_ref(here + ("when", "step"), step.when.step, answered, later, "a condition")
        for position, shown_id in enumerate(step.show or []):
            yield from _earlier_ref(here + ("show", position), shown_id, answered, later, "show")
        for field, template in _templates(step):
            yield from _check_template(here + field, template, answered, later)
        if isinstance(step, OptionsStep):
            yield from _check_options(here, step, exercise, lists, answered, later)
        if isinstance(step, (ScaleStep, RatingsStep)) and step.rerate is not None:
            yield from _check_rerate(here, step, exercise, earlier, later)
        if isinstance(step, ScaleStep) and step.labels and step.rerate is None:
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
    yield from _check_scores(exercise, lists)
    yield from _check_conditions(exercise)


def check_pack_lists(lists: Lists) -> Iterator[Problem]:
    for name, items in lists.items():
        if not items:
            yield ("lists", name), "a list needs at least one option"
        yield from _duplicate_values(("lists", name), items)
        yield from _all_or_none_scored(("lists", name), items, "of a list")


def check_exercise_ids(exercises: Iterable[tuple[str, tuple[T, Loc]]]) -> Iterator[tuple[T, Problem]]:
    """Exercise ids unique within the pack; the second use is the error, wherever it stands."""
    seen: set[str] = set()
    for exercise_id, (where, loc) in exercises:
        if exercise_id in seen:
            yield where, (loc + ("id",), f"exercise id {shown_value(exercise_id)} is already used in this pack")
        seen.add(exercise_id)


def check_exercise_refs(exercise: Exercise, exercise_ids: set[str]) -> Iterator[Problem]:
    """A suggestion or a recall that names an exercise of this pack (an id without a
    `PACK/`) must find it; `PACK/ID` may name another pack, looked up when the app runs."""
    refs: list[tuple[Loc, str]] = [
        (("suggest", index, "exercise"), item.exercise) for index, item in enumerate(exercise.suggest or [])
    ]
    refs += [
        (("steps", index, "recall", "exercise"), s.recall.exercise)
        for index, s in enumerate(exercise.steps)
        if s.recall
    ]
    for loc, ref in refs:
        if "/" not in ref and ref not in exercise_ids:
            hint = did_you_mean(ref, exercise_ids) or f"; its exercises: {one_of(sorted(exercise_ids))}"
            yield loc, f"no exercise {shown_value(ref)} in this pack{hint} (another pack's: write PACK/ID)"


def check_assignments(assignments: Iterable[Assignment], exercise_ids: set[str]) -> Iterator[Problem]:
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


def resolve_rerates(exercise: Exercise) -> Exercise:
    """The exercise with each re-rating carrying its earlier step's range and items, so
    every consumer shows the same 0-10 bar with its labels without looking it up.

    Run on a checked exercise; the result passes the same checks (a re-rating may
    repeat what it shares with the same values).
    """
    steps = list(exercise.steps)
    first: dict[str, AnyStep] = {}
    for index, step in enumerate(steps):
        if isinstance(step, (ScaleStep, RatingsStep)) and step.rerate is not None:
            target = first.get(step.rerate)
            if target is not None and target.type == step.type:
                shared = {field: getattr(target, field) for field in SHARED_BY_RERATE[step.type]}
                steps[index] = step.model_copy(update=shared)
        step_id = getattr(step, "id", None)
        if step_id is not None:
            first.setdefault(step_id, steps[index])
    return exercise if steps == exercise.steps else exercise.model_copy(update={"steps": steps})


def _templates(step: AnyStep) -> Iterator[tuple[Loc, str]]:
    for field in ("prompt", "help", "text"):
        value = getattr(step, field, None)
        if isinstance(value, str):
            yield (field,), value
    if isinstance(step, TimerStep) and step.checks is not None:
        yield ("checks", "prompt"), step.checks.prompt


def _check_template(
    loc: Loc, template: str, answered: Mapping[str, int], later: Mapping[str, int]
) -> Iterator[Problem]:
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


def _earlier_ref(
    loc: Loc, name: str, answered: Mapping[str, int], later: Mapping[str, int], what: str
) -> Iterator[Problem]:
    if name in answered:
        return
    if name in later:
        yield (
            loc,
            f"{what} refers to step {shown_value(name)}, which is not an earlier answered step; "
            "it can only use earlier answers",
        )
    else:
        hint = did_you_mean(name, answered) or (f"; earlier steps: {one_of(list(answered))}" if answered else "")
        yield loc, f"{what} refers to unknown step {shown_value(name)}{hint}"


def _check_options(
    here: Loc,
    step: OptionsStep,
    exercise: Exercise,
    lists: Lists,
    answered: Mapping[str, int],
    later: Mapping[str, int],
) -> Iterator[Problem]:
    kind = "ratings" if isinstance(step, RatingsStep) else "choice"
    is_rerate = isinstance(step, RatingsStep) and step.rerate is not None
    given = [field for field in _ITEM_FIELDS if getattr(step, field) is not None]
    if len(given) == 2:
        yield here + (given[-1],), f"give either {given[0]} or {given[1]}, not both"
    elif len(given) == 3:
        yield here + (given[-1],), "give only one of options, options_from and options_from_answer"
    elif not given and not is_rerate:
        yield here, f"a {kind} step needs options, options_from or options_from_answer"
    if step.options_from is not None and step.options_from not in lists:
        names = sorted(lists)
        hint = did_you_mean(step.options_from, names) or (
            f"; this pack's lists: {one_of(names)}" if names else "; this pack has no lists"
        )
        yield here + ("options_from",), f"unknown list {shown_value(step.options_from)}{hint}"
    if step.options_from_answer is not None:
        source_id = step.options_from_answer
        loc = here + ("options_from_answer",)
        if source_id in answered:
            source = exercise.steps[answered[source_id]]
            if not isinstance(source, ListStep):
                yield (
                    loc,
                    (
                        f"options_from_answer must name an earlier list step; {shown_value(source_id)} is a {source.type} step"
                    ),
                )
        else:
            yield from _earlier_ref(loc, source_id, answered, later, "options_from_answer")
    if step.options is not None:
        yield from _duplicate_values(here + ("options",), step.options)
        yield from _all_or_none_scored(here + ("options",), step.options, "of a step")


def _duplicate_values(loc: Loc, items: Sequence[OptionItem]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        value = as_option(item).value
        if value in seen:
            yield loc + (index,), f"option {shown_value(value)} appears twice"
        seen.add(value)


def _all_or_none_scored(loc: Loc, items: Sequence[OptionItem], where: str) -> Iterator[Problem]:
    """Contract: when any option of a step has a `score`, every option has one."""
    options = [as_option(item) for item in items]
    if not any(option.score is not None for option in options):
        return
    for index, (item, option) in enumerate(zip(items, options, strict=True)):
        if option.score is None:
            plain = f" (write it as {{value: {option.value}, score: ...}})" if isinstance(item, str) else ""
            yield (
                loc + (index,),
                f"option {shown_value(option.value)} has no score; when one option {where} has a score, "
                f"every option needs one{plain}",
            )


def _check_rerate(
    here: Loc, step: ScaleStep | RatingsStep, exercise: Exercise, earlier: Mapping[str, int], later: Mapping[str, int]
) -> Iterator[Problem]:
    target_id = step.rerate
    assert target_id is not None
    if target_id not in earlier:
        yield from _earlier_ref(here + ("rerate",), target_id, earlier, later, "rerate")
        return
    target = exercise.steps[earlier[target_id]]
    if not isinstance(target, (ScaleStep, RatingsStep)) or target.type != step.type:
        yield (
            here + ("rerate",),
            f"rerate must point to an earlier {step.type} step; {shown_value(target_id)} is a {target.type} step",
        )
        return
    if target.rerate is not None:
        yield (
            here + ("rerate",),
            f"{shown_value(target_id)} is itself a re-rating; point to the first rating ({shown_value(target.rerate)})",
        )
    for field in SHARED_BY_RERATE[step.type]:
        if field not in step.model_fields_set or getattr(step, field) == getattr(target, field):
            continue
        if field in _ITEM_FIELDS:
            message = f"a re-rating rates the same items as {shown_value(target_id)}; leave the options out"
        else:
            message = f"a re-rating uses the same {field} as {shown_value(target_id)}; leave {field} out"
        yield here + (field,), message


def _check_scores(exercise: Exercise, lists: Lists) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, score in enumerate(exercise.scores or []):
        here: Loc = ("scores", index)
        if score.id in seen:
            yield here + ("id",), f"score id {shown_value(score.id)} is already used by scores[{seen[score.id]}]"
        seen.setdefault(score.id, index)
        ranges: list[tuple[float, float]] = []
        for position, step_id in enumerate(score.sum):
            problem, span = summed_range(exercise, step_id, lists)
            if problem is not None:
                yield here + ("sum", position), problem
            elif span is not None:
                ranges.append(span)
        if len(ranges) == len(score.sum):
            yield from _check_bands(here, score, (sum(low for low, _ in ranges), sum(high for _, high in ranges)))


def summed_range(exercise: Exercise, step_id: str, lists: Lists) -> tuple[str | None, tuple[float, float] | None]:
    """(problem, None) if `step_id` cannot be summed, else (None, (lowest, highest))."""
    step = exercise.step(step_id)
    what = "a score adds up scale steps and choice steps whose options have a score"
    if step is None:
        ids = [s for s in (getattr(s, "id", None) for s in exercise.steps) if s is not None]
        hint = did_you_mean(step_id, ids)
        return f"a score refers to unknown step {shown_value(step_id)}{hint or '; ' + what}", None
    if isinstance(step, ScaleStep):
        source = exercise.step(step.rerate) if step.rerate is not None else step
        if not isinstance(source, ScaleStep):
            return None, None  # a broken re-rating, reported where it stands
        return None, (source.min, source.max)
    if isinstance(step, ChoiceStep):
        options = fixed_options(step, lists)
        if options is None:
            return f"{shown_value(step_id)} takes its options from an answer, which have no score; {what}", None
        scores = [option.score for option in options]
        if not scores or any(score is None for score in scores):
            return f"{shown_value(step_id)} is a choice step whose options have no score; {what}", None
        numbers = [float(score) for score in scores if score is not None]
        if step.multiple:  # any set of options can be chosen: the chosen scores are added
            return None, (sum(n for n in numbers if n < 0), sum(n for n in numbers if n > 0))
        return None, (min(numbers), max(numbers))
    return f"{shown_value(step_id)} is a {step.type} step; {what}", None


def _check_bands(here: Loc, score: Score, span: tuple[float, float]) -> Iterator[Problem]:
    low, high = span
    bands = score.bands or []
    previous: float | None = None
    for index, band in enumerate(bands):
        loc = here + ("bands", index)
        if band.max is None:
            if index != len(bands) - 1:
                yield loc, "only the last band may leave out max"
            continue
        if previous is not None and band.max <= previous:
            yield (
                loc + ("max",),
                f"bands rise: max {shown_value(band.max)} must be above the band before ({previous:g})",
            )
        elif not low <= band.max <= high:
            yield loc + ("max",), f"max {shown_value(band.max)} is outside what the sum can be ({low:g} to {high:g})"
        previous = band.max


def _check_conditions(exercise: Exercise) -> Iterator[Problem]:
    """Flags and suggestions are decided on the saved entry: each condition names a step of
    the exercise that stores an answer (any step, earlier or later)."""
    answering = [s.id for s in exercise.steps if not isinstance(s, InfoStep)]
    conditions: list[tuple[Loc, str, When]] = [
        (("flags", index), "a flag", flag.when) for index, flag in enumerate(exercise.flags or [])
    ]
    conditions += [(("suggest", index), "a suggestion", item.when) for index, item in enumerate(exercise.suggest or [])]
    for base, what, when in conditions:
        step_id = when.step
        loc: Loc = (*base, "when", "step")
        step = exercise.step(step_id)
        if step is None:
            hint = did_you_mean(step_id, answering) or (f"; its steps: {one_of(answering)}" if answering else "")
            yield loc, f"{what} refers to unknown step {shown_value(step_id)}{hint}"
        elif isinstance(step, InfoStep):
            yield loc, f"{what} refers to {shown_value(step_id)}, an info step, which stores no answer"
