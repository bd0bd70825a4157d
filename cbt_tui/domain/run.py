"""Walking through one exercise: which steps show, where a follow-up waits, what is stored.

Pure domain logic under the runner screen, so the rules are tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from cbt_tui.domain.answers import describe_answer, quote_answer
from cbt_tui.domain.entries import Entry, EntryStatus, now
from cbt_tui.domain.packs.models import Exercise, FollowupStep, InfoStep, Pack, after_seconds
from cbt_tui.domain.packs.placeholders import render


def new_entry(pack: Pack, exercise: Exercise) -> Entry:
    return Entry(
        pack=pack.id,
        pack_version=pack.version,
        exercise=exercise.id,
        exercise_title=exercise.title,
        kind=exercise.kind,
        position=_position_of(exercise, 0),
    )


def _position_of(exercise: Exercise, index: int) -> str:
    """Steps are addressed by id, or `#N` for an info step without one."""
    step = exercise.steps[index]
    return getattr(step, "id", None) or f"#{index}"


class ExerciseRun:
    """The state of one run: the entry being written and the step on screen."""

    def __init__(self, pack: Pack, exercise: Exercise, entry: Entry) -> None:
        self.pack = pack
        self.exercise = exercise
        self.entry = entry
        self.index = self._index_of(entry.position)
        #: The first step that can be shown; a resumed follow-up cannot go back before it.
        self.floor = self.index if entry.status is EntryStatus.AWAITING_FOLLOWUP else 0
        if not self.is_shown(self.index):
            following = self._next_shown(self.index)
            self.index = self.index if following is None else following

    @property
    def answers(self) -> dict[str, Any]:
        return self.entry.answers

    @property
    def step(self):
        return self.exercise.steps[self.index]

    def _index_of(self, position: str | None) -> int:
        for index in range(len(self.exercise.steps)):
            if _position_of(self.exercise, index) == position:
                return index
        return 0

    def is_shown(self, index: int) -> bool:
        condition = self.exercise.steps[index].when
        return condition is None or condition.holds(self.answers.get(condition.step))

    def _next_shown(self, index: int) -> int | None:
        return next((i for i in range(index + 1, len(self.exercise.steps)) if self.is_shown(i)), None)

    def _previous_shown(self, index: int) -> int | None:
        return next((i for i in range(index - 1, self.floor - 1, -1) if self.is_shown(i)), None)

    def counter(self) -> tuple[int, int]:
        """(this step's number, how many steps show) for "step 3 of 9"."""
        shown = [i for i in range(len(self.exercise.steps)) if self.is_shown(i)]
        return (shown.index(self.index) + 1 if self.index in shown else 1), len(shown)

    @property
    def can_go_back(self) -> bool:
        return self._previous_shown(self.index) is not None

    @property
    def is_last(self) -> bool:
        return self._next_shown(self.index) is None

    def prompt(self, step=None, escape: Callable[[str], str] = str) -> str:
        """The step's prompt (or an info step's text) with earlier answers quoted.

        `escape` protects quoted answers where the prompt is shown as Markdown.
        """
        step = step or self.step
        text = step.text if isinstance(step, InfoStep) else (step.prompt or "")
        return render(text, self.answers, show=lambda value: escape(quote_answer(value)))

    def set_answer(self, value: Any) -> None:
        step_id = getattr(self.step, "id", None)
        if step_id is None or isinstance(self.step, FollowupStep):
            return
        if value is None:
            self.answers.pop(step_id, None)
        else:
            self.answers[step_id] = value
        self.entry.prompts[step_id] = self.prompt() or self.exercise.title

    def go_back(self) -> None:
        previous = self._previous_shown(self.index)
        if previous is not None:
            self.index = previous
            self.entry.position = _position_of(self.exercise, previous)

    def go_next(self, at: datetime | None = None) -> bool:
        """Move on. Returns False when this step is a follow-up: the entry now waits."""
        if isinstance(self.step, FollowupStep):
            self._wait_for_followup(at or now())
            return False
        following = self._next_shown(self.index)
        if following is not None:
            self.index = following
            self.entry.position = _position_of(self.exercise, following)
        return True

    def _wait_for_followup(self, at: datetime) -> None:
        step = self.step
        due = at + timedelta(seconds=after_seconds(step.after))
        following = self._next_shown(self.index)
        self.entry.status = EntryStatus.AWAITING_FOLLOWUP
        self.entry.followup_due = due
        self.entry.answers[step.id] = due.isoformat()
        self.entry.prompts[step.id] = self.prompt() or f"Follow-up after {step.after}"
        self.entry.position = _position_of(self.exercise, following if following is not None else self.index)

    def complete(self, at: datetime | None = None) -> Entry:
        """Finish: drop answers of steps a condition now hides, and stamp the entry complete."""
        shown_ids = {getattr(step, "id", None) for i, step in enumerate(self.exercise.steps) if self.is_shown(i)}
        for step_id in [k for k in self.answers if k not in shown_ids]:
            self.answers.pop(step_id)
            self.entry.prompts.pop(step_id, None)
        self.entry.status = EntryStatus.COMPLETE
        self.entry.completed_at = at or now()
        self.entry.position = None
        return self.entry

    def review(self) -> list[tuple[str, str]]:
        """(prompt as shown, answer as words) for every answered step, in order."""
        rows = []
        for step in self.exercise.steps:
            step_id = getattr(step, "id", None)
            if step_id in self.answers:
                shown = self.entry.prompts.get(step_id) or self.prompt(step)
                rows.append((shown, describe_answer(step, self.answers[step_id])))
        return rows
