"""History: every entry, newest first, with filters; and one entry in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static

from cbt_tui.domain.answers import answer_rows, before_after_text, when_text
from cbt_tui.text import cut_text, entries_text, visible_text
from cbt_tui.tui import shown
from cbt_tui.tui.kinds import KIND_NAMES
from cbt_tui.tui.messages import StoreFailed, StoreOpened
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.widgets.footer import TrainerFooter
from cbt_tui.tui.widgets.scores import score_widgets

if TYPE_CHECKING:
    from textual.widget import Widget

    from cbt_tui.domain.answers import Definition
    from cbt_tui.domain.entries import Entry, EntrySummary

#: Rows drawn at once: a table of 10,000 rows takes seconds to build; search reaches the rest.
MAX_ROWS = 200
STATUS_WORDS = {"complete": "done", "draft": "draft", "awaiting_followup": "waiting", "discarded": "discarded"}
#: Characters of one prompt or answer the entry view shows; the rest is noted, not drawn.
SHOWN_CHARACTERS = 20_000


class Part(NamedTuple):
    """One piece of the entry view, made off the screen's thread: a text with its classes,
    or a craving wave to chart."""

    text: str
    classes: str
    chart: tuple[dict[str, Any], float, float] | None = None


class HistoryScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="history.close"),
        Binding("slash", "search", "Search", id="history.search"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("History", style="bold"), id="runner-title")
        with Horizontal(id="history-filters"):
            yield Input(placeholder="Search answers, titles, dates (2026-11)", id="search")
            yield Select([(name, kind) for kind, name in KIND_NAMES.items()], prompt="All kinds", id="kind")
        yield DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-count", classes="hint")
        yield TrainerFooter()

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[EntrySummary] = []
        self._read_once = False
        self.answer_matches: set[str] = set()
        """Ids of the entries whose answers hold the search (from `search_answers`)."""

    def on_mount(self) -> None:
        table = self.query_one("#entries", DataTable)
        table.add_columns("When", "Status", "Exercise", "Kind")  # the status in view at 60 columns
        count = self.query_one("#history-count", Static)
        count.update(shown.text("\n".join(self.trainer.store_problems) or "Reading your history…"))
        self.load()

    @work(thread=True, exit_on_error=False, name="read your history", group="history")
    def load(self) -> None:
        store = self.trainer.store
        if store is None:
            return  # read when the journal opens (on_store_opened); "Reading your history…" until then
        self.app.call_from_thread(self._loaded, store.history())
        store.search("\x00")  # reads every answer once, so that searching them is quick

    def on_screen_resume(self) -> None:
        if self._read_once:
            self.load()  # back from an entry, which may have been deleted

    def on_store_opened(self, message: StoreOpened) -> None:
        self.load()  # opened before the journal was (h right after launch): read it now

    def on_store_failed(self, message: StoreFailed) -> None:
        self.query_one("#history-count", Static).update(shown.text(message.message))

    def _loaded(self, summaries: list[EntrySummary]) -> None:
        self._read_once = True
        self.summaries = summaries
        self.refill()
        self.query_one("#entries", DataTable).focus()

    def refill(self) -> None:
        query = self.query_one("#search", Input).value.strip().lower()
        kind = self.query_one("#kind", Select).value
        table = self.query_one("#entries", DataTable)
        table.clear()
        matches = 0
        for summary in self.summaries:
            when = when_text(summary.started_at, summary.completed_at)
            if kind is not Select.NULL and summary.kind != kind:
                continue
            haystack = f"{when} {summary.exercise_title} {summary.exercise} {summary.kind}".lower()
            if query and query not in haystack and summary.id not in self.answer_matches:
                continue
            matches += 1
            if matches > MAX_ROWS:
                continue
            table.add_row(
                shown.line(when),
                shown.line(STATUS_WORDS.get(str(summary.status), str(summary.status))),
                shown.line(summary.exercise_title),
                shown.line(KIND_NAMES.get(summary.kind, summary.kind)),
                key=summary.id,
            )
        listed = min(matches, MAX_ROWS)
        if not self._read_once:  # a search typed before the journal is read
            self.query_one("#history-count", Static).update("Reading your history…")
            return
        note = (
            entries_text(matches)
            if matches <= MAX_ROWS
            else (f"The newest {listed} of {matches} entries. Search to find older ones.")
        )
        self.query_one("#history-count", Static).update(shown.text(note))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.answer_matches = set()
        self.refill()
        self.search_answers(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, name="search your answers", group="history-search")
    def search_answers(self, query: str) -> None:
        """The entries whose answers hold the search, off the UI thread; added to the
        title and date matches shown already."""
        store = self.trainer.store
        if store is None or not query:
            return
        found = {row.id for row in store.search(query)}
        self.app.call_from_thread(self._answers_found, query, found)

    def _answers_found(self, query: str, found: set[str]) -> None:
        if query != self.query_one("#search", Input).value.strip():
            return  # typed on since: a newer search is under way
        self.answer_matches = found
        self.refill()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(EntryScreen(str(event.row_key.value)))

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_close(self) -> None:
        self.dismiss()


class EntryScreen(TrainerScreen[None]):
    """One entry as it was written: each prompt as shown then, and its answer."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="entry.close"),
        Binding("delete", "delete", "Delete", id="entry.delete"),
    ]

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="runner-title")
        yield VerticalScroll(id="entry-body")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.load()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.load()  # opened from Home's remembered rows before the journal was open

    @work(thread=True, exit_on_error=False, name="read this entry", group="entry")
    def load(self) -> None:
        """Read the entry and make its view here, off the screen's thread: an answer of
        many megabytes is cut to SHOWN_CHARACTERS before anything draws it."""
        store = self.trainer.store
        entry = store.get(self.entry_id) if store is not None else None
        parts = self.parts(entry) if entry is not None else []
        self.app.call_from_thread(self.show, entry, parts)

    def parts(self, entry: Entry) -> list[Part]:
        definition = self._definition(entry)
        parts: list[Part] = []
        for row in answer_rows(entry, definition):
            value = entry.answers[row.step_id]
            parts.append(Part(cut_text(row.heading, SHOWN_CHARACTERS), "review-prompt"))
            earlier_id = getattr(row.step, "rerate", None)
            if definition is not None and earlier_id in entry.answers:
                first = definition[1].step(earlier_id)
                pair = before_after_text(entry.answers[earlier_id], value, first, definition)
                parts.append(Part(cut_text(pair, SHOWN_CHARACTERS), "review-answer pair"))
            else:
                parts.append(Part(cut_text(row.text, SHOWN_CHARACTERS), "review-answer"))
            if isinstance(value, dict) and value.get("checks"):
                checks = getattr(row.step, "checks", None)
                low, high = (checks.min, checks.max) if checks is not None else (0, 10)
                parts.append(Part("", "history-chart", (value, low, high)))
        return parts

    def show(self, entry: Entry | None, parts: list[Part]) -> None:
        title = self.query_one("#runner-title", Static)
        body = self.query_one("#entry-body", VerticalScroll)
        self.entry = entry
        self.refresh_bindings()
        if entry is None:
            title.update(Text("This entry could not be found."))
            return
        heading = shown.line(entry.exercise_title[:SHOWN_CHARACTERS], style="bold")
        when = when_text(entry.started_at, entry.completed_at, long=True)
        heading.append(shown.words(f"  ·  {STATUS_WORDS.get(str(entry.status), '')}  ·  {when}"), style="dim")
        title.update(heading)
        definition = self._definition(entry)
        widgets: list[Widget] = []
        for part in parts:
            if part.chart is not None:
                from cbt_tui.tui.widgets.chart import UrgeChart

                widgets.append(UrgeChart.from_answer(*part.chart, classes=part.classes))
            else:
                widgets.append(Static(shown.text(part.text), classes=part.classes))
        widgets += score_widgets(entry.scores, entry.flags, definition[1] if definition else None)
        body.mount_all(widgets)

    def _definition(self, entry: Entry) -> Definition | None:
        catalog = self.trainer.catalog
        return catalog.find(entry.exercise, entry.pack) if catalog is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Delete is offered once the entry is on screen."""
        return self.entry is not None if action == "delete" else True

    def action_delete(self) -> None:
        """Delete this entry for good, after one question."""
        entry = self.entry
        if entry is None:
            return
        question = (
            f"Delete this entry ({visible_text(entry.exercise_title)}) for good? It is removed from your "
            "journal and from the backups in the data home, and cannot be brought back. Files you "
            "exported or backed up elsewhere are your own: they are not touched."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.delete_entry(entry.id)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exit_on_error=False, name="delete the entry", group="delete")
    def delete_entry(self, entry_id: str) -> None:
        store = self.trainer.store
        if store is None:
            raise RuntimeError("the journal is not open")
        store.delete(entry_id)
        self.app.call_from_thread(self._deleted)

    def _deleted(self) -> None:
        self.notify("The entry was deleted.")
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
