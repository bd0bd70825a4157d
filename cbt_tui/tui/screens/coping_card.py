"""The person's latest coping card, one key from Help now: what they wrote while calm,
to read when an urge hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from cbt_tui.tui import shown
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from cbt_tui.domain.entries import Entry

COPING_CARD = ("recovery", "coping-card")
NO_CARD = (
    "You haven't made a coping card yet. It's a short note to yourself, made while you "
    "feel calm, to read when an urge hits. Press n to make one now (about 10 minutes)."
)


class CopingCardScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="coping_card.close"),
        Binding("n", "new_card", "Make a new card", id="coping_card.new"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("Your coping card", style="bold"), id="runner-title")
        with VerticalScroll(id="coping-card"):
            yield Static(Text("Finding your latest card…"), id="card-status")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#coping-card").focus()
        self.load()

    @work(thread=True, exit_on_error=False, name="read your coping card", group="coping-card")
    def load(self) -> None:
        """The newest finished coping card, read off the UI thread."""
        from cbt_tui.domain.entries import EntryStatus
        from cbt_tui.store import StoreError

        store = self.trainer.store
        if store is None:
            self.app.call_from_thread(self.show_problem, "Your journal is still opening. Try again in a moment.")
            return
        try:
            finished = [s for s in store.history(exercise=COPING_CARD[1]) if s.status is EntryStatus.COMPLETE]
            card = store.get(finished[0].id) if finished else None
        except StoreError as error:
            self.app.call_from_thread(self.show_problem, f"Your coping card could not be read just now. {error}")
            return
        self.app.call_from_thread(self.show, card)

    def show(self, card: Entry | None) -> None:
        status = self.query_one("#card-status", Static)
        if card is None:
            status.update(Text(NO_CARD))
            return
        when = card.completed_at or card.updated_at
        status.update(shown.text(f"Made on {when:%A %d %B %Y}. Read it slowly.", style="dim"))
        from cbt_tui.domain.answers import answer_rows

        catalog = self.trainer.catalog
        definition = catalog.find(card.exercise, card.pack) if catalog is not None else None
        widgets = []
        for row in answer_rows(card, definition):
            if not row.text.strip() or isinstance(card.answers.get(row.step_id), dict):  # nothing written, or not text
                continue
            widgets.append(Static(shown.line(row.heading), classes="review-prompt"))
            widgets.append(Static(shown.text(row.text), classes="review-answer"))
        self.query_one("#coping-card", VerticalScroll).mount_all(widgets)

    def show_problem(self, message: str) -> None:
        self.query_one("#card-status", Static).update(shown.line(message))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.show_problem("Your coping card could not be read just now. Try again in a moment.")

    def action_new_card(self) -> None:
        self.trainer.start_exercise_by_id(*COPING_CARD)

    def action_close(self) -> None:
        self.dismiss()
