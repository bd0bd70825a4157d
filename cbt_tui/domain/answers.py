"""Answers as words: the one place that turns stored answers, numbers and times into text.

The review, the history entry detail, the session report and the csv/md export all read
answers through these functions, so a choice shows its label (`Not true`, not `not-true`),
and a number, a duration or a follow-up time reads the same wherever it appears. The
exercise definition (`Definition`: the pack and the exercise) is used when it is known;
when the pack is gone, the stored value is shown as it was stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cbt_tui.domain.entries import Entry, EntryScore, EntryStatus
from cbt_tui.domain.packs.models import (
    Exercise,
    FollowupStep,
    InfoStep,
    OptionsStep,
    Pack,
    RatingsStep,
    ScaleStep,
    StepBase,
    TimerStep,
)
from cbt_tui.domain.packs.placeholders import TemplateError, placeholder_names, render
from cbt_tui.text import markdown_plain, markdown_quote

Definition = tuple[Pack, Exercise]
"""The pack and exercise an entry was written in, when they are still installed."""

FindExercise = Callable[[str, str], Definition | None]
"""(pack id, exercise id) -> the definition, or None when it is not installed."""

EARLIER_VERSION = "from an earlier version of this exercise"
"""The mark on an answer whose step the exercise no longer has."""

_ENDINGS = {"completed": "done", "early": "finished early", "stopped": "stopped"}
"""How a timer ended, in neutral words (the exercise's own `endings` are for its end screen)."""


def number_text(value: float) -> str:
    """A number as people write it: 12, 2.5, 3 (not 3.0), 0.3 (not 0.30000000000000004)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


def duration_text(seconds: float) -> str:
    """A duration as minutes and seconds, `1:19`: the one way the app writes durations."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def followup_text(due: str | datetime, done: datetime | None = None, *, waiting: bool = False) -> str:
    """When a follow-up fell due and when it was done: `fell due Wed 02 Dec, 20:29 · done
    Thu 03 Dec, 09:10`, or `due ... · done early, ...`; `due ...` while the entry waits for it."""
    try:
        due_at = due if isinstance(due, datetime) else datetime.fromisoformat(due)
    except ValueError:
        return str(due)
    if done is None:
        return f"{'due' if waiting else 'fell due'} {due_at:%a %d %b, %H:%M}"
    if done < due_at:
        return f"due {due_at:%a %d %b, %H:%M} · done early, {done:%a %d %b, %H:%M}"
    return f"fell due {due_at:%a %d %b, %H:%M} · done {done:%a %d %b, %H:%M}"


def due_words(due: datetime, moment: datetime) -> str:
    """When a follow-up is due, read from `moment`: ahead (`due today, 21:30`, `due
    tomorrow, Tue 08 Dec, 21:30`, `due Tue 08 Dec, 21:30`) or behind (`due since today,
    08:45`, `due since yesterday, Mon 07 Dec, 21:30`, `due since Mon 07 Dec, 21:30`)."""
    local = due.astimezone(moment.tzinfo) if moment.tzinfo is not None else due
    days = (local.date() - moment.date()).days
    time, day = f"{local:%H:%M}", f"{local:%a %d %b}"
    if local > moment:
        when = f"today, {time}" if days == 0 else f"tomorrow, {day}, {time}" if days == 1 else f"{day}, {time}"
        return f"due {when}"
    when = f"today, {time}" if days == 0 else f"yesterday, {day}, {time}" if days == -1 else f"{day}, {time}"
    return f"due since {when}"


def option_labels(step: StepBase | None, definition: Definition | None) -> dict[str, str]:
    """Option value → label for a choice or ratings step (a re-rating's are the earlier
    step's items); empty when the step has no options or the pack is gone."""
    if definition is None or not isinstance(step, OptionsStep):
        return {}
    pack, exercise = definition
    source: StepBase | None = step
    if isinstance(step, RatingsStep) and step.rerate and not pack.options_of(step):
        source = exercise.step(step.rerate)
    return {option.value: option.shown for option in pack.options_of(source)} if isinstance(source, OptionsStep) else {}


def _with_unit(number: str, step: StepBase | None) -> str:
    unit = step.unit if isinstance(step, ScaleStep) else None
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def timer_text(value: Mapping[str, Any]) -> str:
    """A timer answer: `19:00 of 20:00 (finished early); urge 8 → peak 9 → 2` (the wave only
    when it has ratings). Neutral words: a breathing space is not a craving surf."""
    checks = value.get("checks")
    numbers = [
        number
        for check in (checks if isinstance(checks, list) else [])
        if isinstance(check, Mapping) and (number := as_number(check.get("value"))) is not None
    ]
    elapsed = as_number(value.get("elapsed_seconds")) or 0
    planned = as_number(value.get("planned_seconds")) or 0
    surfed = f"{duration_text(elapsed)} of {duration_text(planned)}"
    ended = _ENDINGS.get(str(value.get("ended")), "in progress")
    wave = ""
    if numbers:
        wave = f"; urge {number_text(numbers[0])} → peak {number_text(max(numbers))} → {number_text(numbers[-1])}"
    return f"{surfed} ({ended}){wave}"


def answers_contain(answers: object, needle: str) -> bool:
    """Whether any answer field (text, list items, rated items and their keys, nested
    values) holds `needle`, ignoring case: the one full-text match of the app.
    `needle` is already case-folded (`str.casefold`)."""
    return needle in searchable_text(answers)


_NOT_TEXT = frozenset({int, float, bool, type(None)})


def searchable_text(answers: object) -> str:
    """Every text of the answers, case-folded, in one string (fields apart by NUL, so a
    match never spans two of them): what `answers_contain` looks in, kept by a search
    that runs again."""
    texts: list[str] = []
    stack = [answers]
    while stack:  # iterative and type-exact: it runs over every answer of 100,000 entries
        value = stack.pop()
        kind = type(value)
        if kind is str:
            texts.append(value)  # type: ignore[arg-type]
        elif kind is dict:
            for key, item in value.items():  # type: ignore[attr-defined]
                texts.append(key)
                stack.append(item)
        elif kind is list or kind is tuple:
            stack.extend(value)  # type: ignore[arg-type]
        elif kind in _NOT_TEXT:
            continue  # a rating, a flag: no words to find
        elif isinstance(value, str):
            texts.append(str(value))
        elif isinstance(value, Mapping):
            texts.extend(str(key) for key in value)
            stack.extend(value.values())
    return "\x00".join(texts).casefold()


def answer_text(
    value: object, step: StepBase | None = None, definition: Definition | None = None, *, inline: bool = False
) -> str:
    """A stored answer as words: options by their label, numbers with the step's unit.

    Multi-line by default (one list item or rated item a line); `inline` keeps it on one
    line, for quoting in a prompt and for a csv cell.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return _with_unit(number_text(value), step)
    labels = option_labels(step, definition)
    if isinstance(value, str):
        return followup_text(value) if isinstance(step, FollowupStep) else labels.get(value, value)
    if isinstance(value, list):
        items = [labels.get(item, item) if isinstance(item, str) else _nested(item) for item in value]
        return "; ".join(items) if inline else "\n".join(f"• {item}" for item in items)
    if isinstance(value, dict):
        if "planned_seconds" in value:
            return timer_text(value)
        parts = [f"{labels.get(key, key)}: {_nested(item)}" for key, item in value.items()]
        return ", ".join(parts) if inline else "\n".join(parts)
    return str(value)


def _nested(value: object) -> str:
    """A value inside a list or a map (a shape only an import can bring), on one line."""
    text = answer_text(value, inline=True)
    return f"({text})" if isinstance(value, dict) else text


def change_text(before: float, after: float, step: StepBase | None = None) -> str:
    """How far a re-rating moved, signed and in the step's unit: `+5`, `±0`, `-50%`."""
    change = round(after - before, 10)
    return ("+" if change > 0 else "±" if change == 0 else "") + _with_unit(number_text(change), step)


def before_after_text(
    before: object, after: object, step: StepBase | None = None, definition: Definition | None = None
) -> str:
    """A first rating and its re-rating: `90% → 40% (-50%)`; item by item for ratings
    (`Anxious: 80 → 30 (-50)`, `–` where an item was rated only once). `step` is the first rating's."""
    if isinstance(before, dict) and isinstance(after, dict):
        labels = option_labels(step, definition)
        return "\n".join(
            f"{labels.get(key, key)}: {_pair(before.get(key), after.get(key), None)}"
            for key in dict.fromkeys([*before, *after])
        )
    return _pair(before, after, step)


def _pair(before: object, after: object, step: StepBase | None) -> str:
    shown = f"{answer_text(before, step) or '–'} → {answer_text(after, step) or '–'}"
    first, second = as_number(before), as_number(after)
    if first is not None and second is not None:
        shown += f" ({change_text(first, second, step)})"
    return shown


def as_number(value: object) -> float | None:
    """A stored number as a number (not a bool, which is an int in Python), else None."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def fill_prompt(
    template: str, answers: Mapping[str, Any], definition: Definition | None = None, escape: Callable[[str], str] = str
) -> str:
    """A prompt with `{step_id}` replaced by that earlier answer on one line, by its label.

    `escape` protects the quoted answers where the prompt is shown as Markdown.
    """
    exercise = definition[1] if definition else None
    try:
        named = set(placeholder_names(template))
    except TemplateError:  # not from a pack that loaded; quote what it may name
        named = set(answers)
    quoted = {
        step_id: escape(
            _cut_quote(answer_text(value, exercise.step(step_id) if exercise else None, definition, inline=True))
        )
        for step_id, value in answers.items()
        if step_id in named and value not in (None, "", [], {})
    }
    return render(template, quoted)


#: Characters of one answer a prompt quotes (a pack's own text fields are at most this
#: long): an answer of megabytes is quoted by its start, never whole, 50 times over.
QUOTE_CHARACTERS = 10_000


def _cut_quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARACTERS else text[:QUOTE_CHARACTERS] + "…"


def step_prompt(step: StepBase) -> str:
    """The text a step shows above its input: an info step's text, else its prompt."""
    return step.text if isinstance(step, InfoStep) else (step.prompt or "")


@dataclass(frozen=True)
class AnswerRow:
    """One answer of an entry, ready to read."""

    step_id: str
    prompt: str
    """The prompt as it was shown (plain text: Markdown emphasis removed)."""
    text: str
    step: StepBase | None
    """The step in the exercise as installed now; None when it is gone or the pack is."""
    earlier_version: bool
    """The exercise no longer has this step: it was answered under an earlier version."""

    @property
    def heading(self) -> str:
        """The prompt, marked when its step is from an earlier version of the exercise."""
        return f"{self.prompt} ({EARLIER_VERSION})" if self.earlier_version else self.prompt


def answer_order(entry: Entry, exercise: Exercise | None) -> list[str]:
    """The answered step ids in the exercise's order; an answer to a step the exercise no
    longer has keeps its place among the others, as it was stored."""
    defined = (
        [step.id for step in exercise.steps if step.id is not None and step.id in entry.answers] if exercise else []
    )
    known = iter(defined)
    return [next(known) if step_id in defined else step_id for step_id in entry.answers]


def entry_answer_text(entry: Entry, step_id: str, definition: Definition | None, *, inline: bool = False) -> str:
    """One answer of an entry as words (see `answer_text`); a follow-up says when it fell
    due and when the person came back and did it."""
    step = definition[1].step(step_id) if definition else None
    value = entry.answers.get(step_id)
    done = entry.followups_done.get(step_id)
    if isinstance(value, str) and (done is not None or isinstance(step, FollowupStep)):
        due = entry.followup_due
        waiting = entry.status is EntryStatus.AWAITING_FOLLOWUP and due is not None and value == due.isoformat()
        return followup_text(value, done, waiting=waiting and done is None)
    return answer_text(value, step, definition, inline=inline)


def answer_rows(entry: Entry, definition: Definition | None) -> list[AnswerRow]:
    """Every answer of an entry in order, each with the prompt it was answered under."""
    exercise = definition[1] if definition else None
    rows = []
    for step_id in answer_order(entry, exercise):
        step = exercise.step(step_id) if exercise else None
        rows.append(
            AnswerRow(
                step_id=step_id,
                prompt=shown_prompt(entry, step_id, definition),
                text=entry_answer_text(entry, step_id, definition),
                step=step,
                earlier_version=exercise is not None and step is None,
            )
        )
    return rows


#: Characters of a stored prompt read as Markdown: a pack's prompt is at most 10,000
#: characters, but an imported entry may carry any; the rest would only be cut from view.
PROMPT_READ = 40_000


def shown_prompt(entry: Entry, step_id: str, definition: Definition | None) -> str:
    """The prompt of one answer as shown when answered (plain text); else the
    definition's, filled in; else the step id."""
    step = definition[1].step(step_id) if definition else None
    shown = entry.prompts.get(step_id)
    if shown and markdown_plain(shown) == markdown_plain(markdown_quote(entry.exercise_title)):
        shown = ""  # stored by earlier versions for a step with no prompt: not this step's words
    if not shown and step is not None:
        template = step_prompt(step) or (step.checks.prompt if isinstance(step, TimerStep) and step.checks else "")
        shown = fill_prompt(template, entry.answers, definition, escape=markdown_quote)
    return markdown_plain(shown[:PROMPT_READ]) if shown else untitled_step(step_id, step)


def shown_answers(step: StepBase, answers: Mapping[str, Any], definition: Definition) -> list[tuple[str, str]]:
    """The earlier answers a step shows (`show: [step_id, ...]`), each as (the earlier
    step's prompt as plain words, the answer as words); a step not answered is left out."""
    exercise = definition[1]
    shown = []
    for step_id in getattr(step, "show", None) or []:
        earlier = exercise.step(step_id)
        if earlier is None or answers.get(step_id) in (None, "", [], {}):
            continue
        heading = markdown_plain(fill_prompt(step_prompt(earlier), answers, definition, escape=markdown_quote))
        shown.append((heading or untitled_step(step_id, earlier), answer_text(answers[step_id], earlier, definition)))
    return shown


#: What a step with no prompt is called in the review and in history.
STEP_NAMES = {"timer": "Timer", "followup": "Follow-up", "scale": "Rating", "ratings": "Ratings", "list": "List"}


def untitled_step(step_id: str, step: StepBase | None) -> str:
    """A step with no prompt, named by its kind and id (`Timer (surf)`), never by the
    exercise's title. A step the exercise no longer has keeps its id."""
    if step is None:
        return step_id
    words = step_id.replace("_", " ").strip() or step_id
    kind = STEP_NAMES.get(getattr(step, "type", ""), "")
    return f"{kind} ({words})" if kind else words[:1].upper() + words[1:]


def when_text(started: datetime, finished: datetime | None, *, long: bool = False) -> str:
    """When an entry was written, the same in the history list and the entry itself: when it
    was started and, once finished, when (`2026-11-09 09:30 to 09:45`; long: `started Mon 09
    Nov 2026, 09:30, finished 09:45`). A day of its own is named when it differs."""
    start = f"{started:%a %d %b %Y, %H:%M}" if long else f"{started:%Y-%m-%d %H:%M}"
    if finished is None:
        return f"started {start}, not finished" if long else f"{start}, not finished"
    if finished.date() == started.date():
        end = f"{finished:%H:%M}"
    else:
        end = f"{finished:%a %d %b %Y, %H:%M}" if long else f"{finished:%d %b, %H:%M}"
    return f"started {start}, finished {end}" if long else f"{start} to {end}"


@dataclass(frozen=True)
class ScoreRow:
    """One stored score of an entry, ready to read: `Weekly check total` · `12 (High)`."""

    score_id: str
    label: str
    """The score's label in the exercise as installed; its id when the pack is gone."""
    text: str


def score_text(score: EntryScore) -> str:
    """A stored score as words: `12 (High)`, `12`, or what kept it from adding up
    (`not added up: 2 answers missing (craving, low mood)`); never a guessed number."""
    if score.value is None:
        names = ", ".join(step_id.replace("_", " ") for step_id in score.missing)
        count = len(score.missing)
        return f"not added up: {count} answer{'' if count == 1 else 's'} missing ({names})"
    return number_text(score.value) + (f" ({score.band})" if score.band else "")


def score_rows(scores: Mapping[str, EntryScore], exercise: Exercise | None) -> list[ScoreRow]:
    """Every stored score in the order the exercise lists them (stored order for the rest)."""
    labels = {score.id: score.label for score in (exercise.scores or [])} if exercise else {}
    order = [score_id for score_id in labels if score_id in scores]
    order += [score_id for score_id in scores if score_id not in labels]
    return [ScoreRow(score_id, labels.get(score_id, score_id), score_text(scores[score_id])) for score_id in order]
