"""Walking through one exercise: which steps show, where a follow-up waits, what is stored.

Pure domain logic under the runner screen, so the rules are tested without a terminal
(tests/domain). Nothing a person wrote is dropped here, except the answer to a step
that a `when` condition now hides because they changed the earlier answer it depends
on; an answer to a step that a pack upgrade removed or renamed stays in the entry with
the prompt it was answered under.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cbt_tui.domain.answers import AnswerRow, Definition, answer_rows, fill_prompt, step_prompt
from cbt_tui.domain.entries import Entry, EntryScore, EntryStatus, now
from cbt_tui.domain.packs.models import Exercise, FollowupStep, Pack, Step, after_seconds
from cbt_tui.domain.packs.scoring import score_entry
from cbt_tui.text import markdown_quote


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
    return step.id or f"#{index}"


@dataclass(frozen=True)
class ExerciseUpdate:
    """How an exercise changed since a resumed entry was started under it."""

    started_version: str
    version: str
    gone: tuple[str, ...]
    """Answered steps the exercise no longer has (their answers stay in the entry)."""

    @property
    def notice(self) -> str:
        """One line for the runner (under its title, the exercise's), shown above the step
        before the person goes on: nothing they wrote is lost by the change."""
        if self.started_version != self.version:
            return f"Updated since you began ({self.started_version} → {self.version}). Everything you wrote is kept."
        return "Changed since you began. Everything you wrote is kept."


def exercise_update(entry: Entry, pack: Pack, exercise: Exercise) -> ExerciseUpdate | None:
    """What changed in the exercise since `entry` was started, or None if nothing did."""
    gone = tuple(step_id for step_id in entry.answers if exercise.step(step_id) is None)
    if entry.pack_version == pack.version and not gone:
        return None
    return ExerciseUpdate(entry.pack_version, pack.version, gone)


class ExerciseRun:
    """The state of one run: the entry being written and the step on screen.

    `now` gives the wall time stamped on the entry (follow-ups, completion); tests inject it.
    """

    def __init__(self, pack: Pack, exercise: Exercise, entry: Entry, now: Callable[[], datetime] = now) -> None:
        self.pack = pack
        self.exercise = exercise
        self.entry = entry
        self._now = now
        self.index = self._resume_index(entry.position)
        #: The first step that can be shown; a resumed follow-up cannot go back before it.
        self.floor = self.index if entry.status is EntryStatus.AWAITING_FOLLOWUP else 0
        #: The follow-up the person is coming back from, until they do something past it.
        self._returning_from = self._followup_before(self.floor) if self.floor else None
        if not self.is_shown(self.index):
            following = self._next_shown(self.index)
            self.index = self.index if following is None else following
        #: How the exercise changed since the entry was started (None: it did not).
        self.update = exercise_update(entry, pack, exercise)
        #: The wait chosen on a follow-up step that offers a choice (`after_options`), by step id.
        self.waits: dict[str, str] = {}

    @property
    def definition(self) -> Definition:
        return (self.pack, self.exercise)

    @property
    def answers(self) -> dict[str, Any]:
        return self.entry.answers

    @property
    def step(self) -> Step:
        return self.exercise.steps[self.index]

    def _resume_index(self, position: str | None) -> int:
        steps = self.exercise.steps
        for index in range(len(steps)):
            if _position_of(self.exercise, index) == position:
                return index
        # The step to resume at is gone (the pack was upgraded): go on after the last answer.
        answered = [index for index, step in enumerate(steps) if step.id in self.answers]
        return min(answered[-1] + 1, len(steps) - 1) if answered else 0

    def _followup_before(self, index: int) -> str | None:
        """The follow-up an entry waited on when it resumes at `index`, if not yet marked done."""
        for step in reversed(self.exercise.steps[:index]):
            if isinstance(step, FollowupStep) and step.id in self.answers:
                return None if step.id in self.entry.followups_done else step.id
        return None

    def _came_back(self, at: datetime | None = None) -> None:
        """The person did something past the follow-up: that is when it was done."""
        if self._returning_from is not None:
            self.entry.followups_done[self._returning_from] = at or self._now()
            self._returning_from = None

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

    def prompt(self, step: Step | None = None, escape: Callable[[str], str] = str) -> str:
        """The step's prompt (or an info step's text) with earlier answers quoted by their label.

        `escape` protects quoted answers where the prompt is shown as Markdown.
        """
        return fill_prompt(step_prompt(step or self.step), self.answers, self.definition, escape)

    def set_answer(self, value: Any) -> None:
        step = self.step
        if step.id is None or isinstance(step, FollowupStep):
            return
        if value is None:
            self.answers.pop(step.id, None)
        else:
            self.answers[step.id] = value
        if value not in (None, "", [], {}):
            self._came_back()
        # The prompt as shown, as Markdown with the quoted answers escaped: history shows it
        # in plain words (`markdown_plain`) however the pack changes later.
        self.entry.prompts[step.id] = self.prompt(escape=markdown_quote)  # none: history names the step

    def go_back(self) -> None:
        previous = self._previous_shown(self.index)
        if previous is not None:
            self.index = previous
            self.entry.position = _position_of(self.exercise, previous)

    def go_next(self, at: datetime | None = None) -> bool:
        """Move on. Returns False when this step is a follow-up: the entry now waits."""
        self._came_back(at)
        step = self.step
        if isinstance(step, FollowupStep):
            self._wait_for_followup(step, at or self._now())
            return False
        following = self._next_shown(self.index)
        if following is not None:
            self.index = following
            self.entry.position = _position_of(self.exercise, following)
        return True

    def choose_wait(self, wait: str) -> None:
        """The wait the person chose on this follow-up step, one its pack offers."""
        step = self.step
        if isinstance(step, FollowupStep) and wait in step.waits:
            self.waits[step.id] = wait

    def _wait_for_followup(self, step: FollowupStep, at: datetime) -> None:
        after = self.waits.get(step.id, step.after)
        due = at + timedelta(seconds=after_seconds(after))
        following = self._next_shown(self.index)
        self.entry.status = EntryStatus.AWAITING_FOLLOWUP
        self.entry.followup_due = due
        self.entry.answers[step.id] = due.isoformat()
        self.entry.prompts[step.id] = self.prompt(escape=markdown_quote) or f"Follow-up after {after}"
        self.entry.position = _position_of(self.exercise, following if following is not None else self.index)

    def _dropped(self) -> set[str]:
        """Answers a `when` condition now hides because the person changed the earlier answer.

        A condition on a step the entry has no answer for, in an entry started under
        another version of the pack, is a renamed step, not a changed mind: kept.
        """
        dropped = set()
        same_version = self.entry.pack_version == self.pack.version
        for index, step in enumerate(self.exercise.steps):
            condition = step.when
            if condition is None or step.id not in self.answers or self.is_shown(index):
                continue
            if condition.step in self.answers or same_version:
                dropped.add(step.id)
        return dropped

    def complete(self, at: datetime | None = None) -> Entry:
        """Finish: drop answers a condition now hides, keep every other, store the scores
        and flags they make, and stamp the entry complete."""
        at = at or self._now()
        self._came_back(at)
        for step_id in self._dropped():
            self.answers.pop(step_id)
            self.entry.prompts.pop(step_id, None)
        self.entry.scores, self.entry.flags = self.scoring()
        self.entry.status = EntryStatus.COMPLETE
        self.entry.completed_at = at
        self.entry.position = None
        return self.entry

    def scoring(self) -> tuple[dict[str, EntryScore], list[str]]:
        """The scores and flags of the answers `complete()` keeps, as the entry stores them
        (the review shows them before saving)."""
        dropped = self._dropped()
        kept = {step_id: value for step_id, value in self.answers.items() if step_id not in dropped}
        scores, flags = score_entry(self.pack, self.exercise, kept)
        return {score_id: EntryScore.model_validate(score) for score_id, score in scores.items()}, flags

    def review(self) -> list[AnswerRow]:
        """Every answer that `complete()` keeps, in order, as words."""
        dropped = self._dropped()
        return [row for row in answer_rows(self.entry, self.definition) if row.step_id not in dropped]
