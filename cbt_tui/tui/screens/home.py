"""Home: craving now, what is waiting, the library, and the last few entries."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from cbt_tui.tui.widgets.footer import TrainerFooter

KIND_NAMES = {
    "craving_surf": "Craving surfing",
    "thought_record": "Thought records",
    "restructuring": "Rethinking thoughts",
    "behavioral_experiment": "Behavioural experiments",
    "skill": "Skills",
}
KIND_ORDER = list(KIND_NAMES)
CRAVING_EXERCISE = ("core", "craving-surf")


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "craving", "Craving now", id="home.craving"),
        Binding("h", "app.history", "History", id="home.history"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._craving_requested = False
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="home", can_focus=False):
            yield Static(Text("Welcome back. Take your time. What would help right now?"), id="greeting")
            yield Button("Craving now  (c)", id="craving", variant="primary")
            yield Static("", id="notices")
            due_title, due = Label("Due today", classes="section", id="due-title"), OptionList(id="due")
            due_title.display = due.display = False  # shown by _fill_due when something is assigned
            yield due_title
            yield due
            yield Label("Pick up where you left off", classes="section", id="open-title")
            yield OptionList(id="open-entries")
            yield Label("Exercises", classes="section")
            yield OptionList(Option(Text("Loading your exercises…"), disabled=True), id="library")
            yield Label("Recently", classes="section", id="recent-title")
            yield OptionList(id="recent")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.query_one("#open-title").display = False
        self.query_one("#open-entries").display = False
        self.query_one("#recent-title").display = False
        self.query_one("#recent").display = False
        self.load()

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.load()

    @work(thread=True, exclusive=True, group="home")
    def load(self) -> None:
        """Open the store and the catalog off the UI thread; Home shows at once."""
        app = self.app
        problems: list[str] = []
        if app.catalog is None:
            from cbt_tui.packs.catalog import load_catalog

            app.catalog = load_catalog()
            problems += [f"A pack could not be loaded: {error}" for error in app.catalog.errors[:5]]
            app.call_from_thread(self._fill_library)  # the library shows before the store opens
        if app.store is None:
            from cbt_tui.store import StoreError, open_store

            try:
                app.store = open_store(app.home)
            except StoreError as error:
                problems.append(str(error))
            else:
                problems += [p.message for p in app.store.check()]
                app.call_from_thread(app.apply_settings)
        open_entries = recent = []
        due = None
        if app.store is not None:
            app.drafts.flush()
            open_entries = app.store.drafts() + app.store.awaiting_followup()
            recent = app.store.recent(5)
            try:
                from cbt_tui.assignments import week_plan

                due = week_plan(app.store, app.catalog.packs if app.catalog else None)
            except Exception as error:
                problems.append(f"Could not work out today's assignments: {error}")
        self.app.call_from_thread(self.show, open_entries, recent, problems, due)

    def show(self, open_entries, recent, problems, due=None) -> None:
        from cbt_tui.domain.entries import now

        first_show, self._loaded = not self._loaded, True
        notices = self.query_one("#notices", Static)
        notices.update(Text("\n".join(problems)))
        notices.set_class(bool(problems), "-shown")
        self._fill_open(open_entries, now())
        self._fill_due(due)
        self._fill_library()
        self._fill_recent(recent)
        if first_show:  # arrows work at once: on what is waiting, else on the library
            waiting = self.query_one("#open-entries", OptionList)
            chosen = waiting if waiting.option_count else self.query_one("#library", OptionList)
            chosen.focus(scroll_visible=False)  # keep the greeting and "Craving now" in view
            if chosen.highlighted is None:
                chosen.action_first()  # the first row that can be chosen, not a heading
        if self._craving_requested:
            self._craving_requested = False
            self.action_craving()
        elif self.app.start_exercise:
            exercise_id, self.app.start_exercise = self.app.start_exercise, None
            found = self.app.catalog.find(exercise_id)
            if found:
                self.app.start_exercise_by_id(found[0].id, found[1].id)
            else:
                self.app.notify(f"There is no exercise '{exercise_id}'.", severity="error")

    def _fill_open(self, entries, moment: datetime) -> None:
        options = []
        for entry in sorted(entries, key=lambda e: e.updated_at, reverse=True):
            if entry.status == "awaiting_followup":
                due = entry.followup_due
                if due is not None and due > moment:
                    label = f"{entry.exercise_title} · follow-up from {due:%a %d %b, %H:%M}"
                    options.append(Option(Text(label), id=f"entry:{entry.id}", disabled=True))
                    continue
                label = f"{entry.exercise_title} · follow-up is due now"
            else:
                label = f"{entry.exercise_title} · draft from {entry.updated_at:%a %d %b, %H:%M}"
            options.append(Option(Text(label), id=f"entry:{entry.id}"))
        self._entries = {e.id: e for e in entries}
        widget = self.query_one("#open-entries", OptionList)
        widget.set_options(options)
        widget.display = self.query_one("#open-title").display = bool(options)

    def _fill_due(self, plan) -> None:
        """Today's assignments to start, then the rest of this week's with their counts."""
        options: list[Option] = []
        shown: set[tuple[str, str]] = set()
        for item in plan.due if plan else []:
            shown.add(item.key)
            status = next(s for s in plan.week if s.assigned_to.key == item.key and s.due_today)
            label = Text(f"{item.title}")
            if item.per_week:
                label.append(f" · {status.done} of {status.needed} this week", style="dim")
            if item.note:
                label.append(f" · {' '.join(item.note.split())}", style="dim")
            options.append(Option(label, id=f"due:{item.pack}/{item.exercise}"))
        for status in plan.week if plan else []:
            item = status.assigned_to
            if item.key in shown:
                continue
            if item.start > plan.today:
                line = f"{item.title} · from {item.start:%a %d %b}"
            elif item.end is not None and item.end < plan.today:
                continue  # ended earlier this week
            elif item.frequency == "daily":
                line = f"✓ {item.title} · done today"
            elif item.frequency == "once":
                line = f"✓ {item.title} · done"
            else:
                line = f"✓ {item.title} · {status.done} of {status.needed} this week"
            shown.add(item.key)
            options.append(Option(Text(line), disabled=True))
        widget = self.query_one("#due", OptionList)
        widget.set_options(options)
        title = self.query_one("#due-title", Label)
        title.update("Due today" if plan and plan.due else "This week")
        widget.display = title.display = bool(options)

    def _fill_library(self) -> None:
        options: list[Option | None] = []
        catalog = self.app.catalog
        for pack in catalog.packs:
            if options:
                options.append(None)
            options.append(Option(Text(pack.title, style="bold"), disabled=True))
            for exercise in sorted(pack.exercises, key=lambda e: (KIND_ORDER.index(e.kind), e.title)):
                minutes = f" · {exercise.minutes:g} min" if exercise.minutes else ""
                label = Text(f"  {exercise.title}")
                label.append(f"{minutes} · {KIND_NAMES[exercise.kind].lower()}", style="dim")
                options.append(Option(label, id=f"exercise:{pack.id}/{exercise.id}"))
        self.query_one("#library", OptionList).set_options(options)

    def _fill_recent(self, entries) -> None:
        options = [
            Option(Text(f"{e.exercise_title} · {e.completed_at or e.updated_at:%a %d %b, %H:%M}"), id=f"recent:{e.id}")
            for e in entries
        ]
        widget = self.query_one("#recent", OptionList)
        widget.set_options(options)
        widget.display = self.query_one("#recent-title").display = bool(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, key = (event.option.id or "").partition(":")
        if kind == "exercise":
            pack_id, exercise_id = key.split("/", 1)
            self.app.start_exercise_by_id(pack_id, exercise_id)
        elif kind == "entry":
            self.app.open_entry(self._entries[key])
        elif kind == "due":
            pack_id, exercise_id = key.split("/", 1)
            self.app.start_exercise_by_id(pack_id, exercise_id)
        elif kind == "recent":
            from cbt_tui.tui.screens.history import EntryScreen

            self.app.push_screen(EntryScreen(key))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "craving":
            self.action_craving()

    def action_craving(self) -> None:
        """Straight into the craving surf; if the packs are still loading, right after."""
        catalog = self.app.catalog
        if catalog is None or not self._loaded:
            self._craving_requested = True
            return
        found = catalog.find(CRAVING_EXERCISE[1], CRAVING_EXERCISE[0]) or next(
            ((p, e) for p, e in catalog.exercises() if e.kind == "craving_surf"), None
        )
        if found is None:
            self.app.notify("No craving-surf exercise is installed.", severity="error")
            return
        self.app.start_exercise_by_id(found[0].id, found[1].id)
