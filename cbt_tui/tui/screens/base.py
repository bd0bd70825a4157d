"""What every screen of the trainer shares: the typed app, and workers that never take
the app down."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from cbt_tui.tui.app import TrainerApp

Result = TypeVar("Result")


class TrainerScreen(Screen[Result]):
    """A screen of the trainer. Its workers run with `exit_on_error=False`; a failed one
    is reported as a plain message by the app."""

    @property
    def trainer(self) -> TrainerApp:
        """The running app, typed (Posting's `cast("Posting", self.app)` idiom)."""
        return cast("TrainerApp", self.app)

    def keep_typing(self) -> None:
        """Hand what is typed here to the draft keeper before the app closes (the runner
        does; other screens hold nothing that is not saved already)."""

    def on_screen_resume(self) -> None:
        """Back from the palette, Help now or a dialog: focus is never lost. When nothing
        on this screen has it, the first thing that can take it does."""
        self.call_after_refresh(self._keep_focus)

    def _keep_focus(self) -> None:
        if self.is_current and self.focused is None:
            self.focus_next()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.trainer.report_failure(event.worker)
