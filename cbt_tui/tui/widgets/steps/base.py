"""What every step view shares: the context it is built from and how it reports answers.

The runner screen shows the prompt, the step counter and the buttons; a step view is
only the input. It reports every change with `StepView.Changed` (the runner saves the
draft from that, off the UI thread) and answers `answer()` and `problem()` on request.
The runner owns Enter (see `bursts`): a view says where the focus goes when it shows
(`focus_target`), and whether Enter is its own (`take_enter`) or moves on
(`enter_moves_on`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from cbt_tui.domain.packs.models import Exercise, Pack
from cbt_tui.domain.timer import boot_clock


@dataclass(frozen=True)
class StepContext:
    step: Any  # one of the step models in cbt_tui.domain.packs.models
    pack: Pack
    exercise: Exercise
    answers: Mapping[str, Any]  # earlier answers, by step id
    initial: Any = None  # the answer kept in the draft, when resuming
    earlier: Any = None  # for a `rerate` step: the answer being re-rated
    now: Callable[[], float] = field(default=boot_clock)  # injected in tests
    reduced_motion: bool = False


class StepView(Vertical):
    """Base of all step inputs."""

    DEFAULT_CLASSES = "step-view"

    class Changed(Message):
        """The answer changed; the runner saves the draft."""

        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context

    @property
    def step(self) -> Any:
        return self.context.step

    def answer(self) -> Any:
        """The current answer as JSON (None while unanswered)."""
        raise NotImplementedError

    def problem(self) -> str | None:
        """Why the runner cannot move on yet (a required answer missing), or None."""
        if getattr(self.step, "required", False) and self.answer() in (None, "", [], {}):
            return "This one needs an answer before you go on."
        return None

    def changed(self) -> None:
        self.post_message(self.Changed(self))

    def focus_target(self) -> Widget | None:
        """The widget the focus goes to when the step shows: the first that can take it."""
        if self.focusable:
            return self
        return next((widget for widget in self.query("*") if widget.focusable), None)

    async def take_enter(self, focused: Widget | None) -> bool:
        """Use Enter on `focused` for this step's own purpose (add an item); True when used."""
        return False

    def enter_moves_on(self, focused: Widget | None) -> bool:
        """Does Enter on `focused` move on, as from a one-line answer? (Elsewhere it is the
        widget's own: a new line, a radio button, a button.)"""
        return isinstance(focused, Input)
