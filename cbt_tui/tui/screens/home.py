"""Home: craving now, what is waiting, the library, and the last few entries.

Home draws at once and fills in as the app's start-up workers report: the library when
the catalog arrives (`CatalogLoaded`), drafts, follow-ups, what is due and recent
entries when the journal opens (`StoreOpened`), a notice when something is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from cbt_tui.text import one_line
from cbt_tui.tui import shown
from cbt_tui.tui.kinds import KIND_NAMES, KIND_ORDER
from cbt_tui.tui.messages import CatalogLoaded, StoreFailed, StoreOpened
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from cbt_tui.assignments import WeekPlan
    from cbt_tui.domain.entries import Entry
    from cbt_tui.domain.schedule import Assigned
    from cbt_tui.packs.cache import Listing
    from cbt_tui.packs.catalog import Catalog
    from cbt_tui.store import Rescue


class Choice(Option):
    """A row of one of Home's lists, carrying what choosing it opens."""

    def __init__(self, prompt: Text, target: object, option_id: str | None = None, *, disabled: bool = False) -> None:
        super().__init__(prompt, id=option_id, disabled=disabled)
        self.target = target


class StartExercise:
    """Choosing the row starts a new entry of this exercise."""

    def __init__(self, pack_id: str, exercise_id: str) -> None:
        self.pack_id, self.exercise_id = pack_id, exercise_id


class ShowEntry:
    """Choosing the row shows a saved entry."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id


class TakeRescue:
    """Choosing the row brings a rescued draft back into the journal and opens it."""

    def __init__(self, rescue: Rescue, entry: Entry) -> None:
        self.rescue, self.entry = rescue, entry


GREETING = "Take your time. What would help right now?"
WELCOME_BACK = "Welcome back. " + GREETING
WELCOME = (
    "A private place to practise CBT skills for recovery, one step at a time.\n"
    "What you write stays on this laptop, and you can stop and pick up later.\n"
    "Is an urge strong right now? Press c. If not, start with the thought record."
)
FIRST_STEP = "exercise:core/thought-record"
#: Home's parts below its "Craving now" row, top to bottom. All but the library and its
#: heading are mounted only once they have something to show (`_place`): each widget that
#: Textual styles, lays out and draws costs about a millisecond of the first frame.
PARTS = (
    "notices",
    "due-title",
    "due",
    "open-title",
    "open-entries",
    "library-title",
    "library",
    "recent-title",
    "recent",
)
#: The lists mounted when they have rows, each with its heading's id.
HEADING_IDS = {"due": "due-title", "open-entries": "open-title", "recent": "recent-title"}
#: The headings that do not change (the due list's says "Due today" or "This week").
HEADINGS = {"open-entries": "Pick up where you left off", "recent": "Recently"}

WidgetType = TypeVar("WidgetType", bound=Widget)


class HomeScreen(TrainerScreen[None]):
    AUTO_FOCUS = ""  # none: focus goes to the library (or what is waiting) without scrolling; see _focus_first
    BINDINGS = [
        # Priority: handled as it arrives, so the digit typed right after it (`c` `8` in
        # one burst) is already kept for the craving surf (see TrainerApp.request_craving).
        Binding("c", "craving", "Craving now", id="home.craving", priority=True),
        Binding("h", "app.history", "History", id="home.history"),
        Binding("p", "app.progress", "Progress", id="home.progress"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown_once = False
        self._catalog_problems: list[str] = []
        self._journal_problems: list[str] = []
        self._filled_from: Catalog | Listing | None = None
        self._pointed = False

    def compose(self) -> ComposeResult:
        yield Static(shown.line(self.app.title), id="home-title")  # Textual's Header, less its three inner widgets
        with VerticalScroll(id="home", can_focus=False):
            yield Static(shown.text(self._expected_greeting()), id="greeting")
            with Horizontal(id="home-actions"):
                yield Button("Craving now  (c)", id="craving", variant="primary")
            listing = self.trainer.listing
            if listing is not None:  # what showed above the library last time, in its place at once
                yield from self._cached_parts(listing)
            yield Label("Exercises", classes="section", id="library-title")
            yield OptionList(Option(Text("Loading your exercises…"), disabled=True), id="library")
        yield TrainerFooter()

    def on_mount(self) -> None:
        if self.trainer.catalog is not None:
            self._catalog_ready()
        elif self.trainer.listing is not None:
            self._listing_ready()
        if self.trainer.store is not None:
            self.load()
        elif self.trainer.store_problems:
            self._journal_problems = list(self.trainer.store_problems)
            self._show_notices()

    def on_screen_resume(self) -> None:
        if self.trainer.store is not None:  # back from another screen: what it changed
            self.load()
        self._focus_first()  # when `c` covered Home before its lists arrived

    # -- what the app's workers report -----------------------------------------------------

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self._catalog_ready()
        if self.trainer.store is not None:
            self.load()  # the due list needs the packs

    def on_store_opened(self, message: StoreOpened) -> None:
        self.load()

    def on_store_failed(self, message: StoreFailed) -> None:
        self._journal_problems = [message.message]
        self._show_notices()
        self._focus_first()

    def _expected_greeting(self) -> str:
        """The greeting the journal will call for, as far as the first frame can tell: the
        welcome (three lines, which pushed the library down when it came late) in a data
        home not yet made, else what it was last time."""
        listing = self.trainer.listing
        welcome = listing.home_rows.get("welcome") if listing is not None else None
        if isinstance(welcome, bool):
            return WELCOME if welcome else WELCOME_BACK
        return GREETING if self.trainer.home.exists() else WELCOME

    def _cached_parts(self, listing: Listing) -> list[Widget]:
        """The cache's notices and rows above the library (plain words until the journal
        opens), drawn in the first frame so that nothing jumps when they arrive."""
        parts: list[Widget] = []
        self._catalog_problems = _pack_problems(listing.errors)
        if self._catalog_problems:
            parts.append(_notices(self._catalog_problems))
        rows = listing.home_rows
        due_rows = rows.get("due")
        due: dict[str, object] = due_rows if isinstance(due_rows, dict) else {}
        for list_id, labels, title in (
            ("due", due.get("rows"), due.get("title")),
            ("open-entries", rows.get("open"), HEADINGS["open-entries"]),
        ):
            if isinstance(labels, list) and labels and isinstance(title, str):
                options = [Option(shown.line(label)) for label in labels if isinstance(label, str)]
                parts += self._section(list_id, title, options)
        return parts

    def _listing_ready(self) -> None:
        """The first frame's library, from the cache of the last validated catalog."""
        self._filled_from = self.trainer.listing
        self._fill_library()
        self._focus_first()

    def _catalog_ready(self) -> None:
        catalog = self.trainer.catalog
        if catalog is None or catalog is self._filled_from:
            return  # the message and on_mount can both report the same catalog
        self._filled_from = catalog
        self._catalog_problems = _pack_problems(catalog.errors)
        self._show_notices()
        self._fill_library()
        self._focus_first()

    # -- reading the journal ---------------------------------------------------------------

    @work(thread=True, exit_on_error=False, name="read your journal", group="home")
    def load(self) -> None:
        """Drafts, follow-ups, recent entries and what is due, off the UI thread."""
        app = self.trainer
        store = app.store
        if store is None:
            return
        app.drafts.flush()  # show the latest words of a draft just left
        problems = list(app.store_problems)
        open_entries = store.drafts() + store.awaiting_followup()
        rescues = store.rescues()
        recent = store.recent(5)
        due = None
        try:
            from cbt_tui.assignments import week_plan

            due = week_plan(store, app.catalog.packs if app.catalog else None)
        except Exception as error:
            problems.append(f"Could not work out today's assignments: {one_line(str(error))}")
        app.call_from_thread(self.show, open_entries, recent, problems, due, rescues)

    def show(
        self,
        open_entries: list[Entry],
        recent: list[Entry],
        problems: list[str],
        due: WeekPlan | None,
        rescues: Sequence[Rescue],
    ) -> None:
        from cbt_tui.domain.entries import now

        self._journal_problems = problems
        self._show_notices()
        self._fill_open(open_entries, now(), rescues)
        self._fill_due(due)
        self._fill_recent(recent)
        first_launch = not (open_entries or recent or rescues)
        self._greet(first_launch)
        self._focus_first()
        if first_launch:
            self._point_at_first_step()
        due_title = self._mounted("due-title", Label)
        self.trainer.remember_home_rows(
            {
                "welcome": first_launch,
                "open": _labels(self._mounted("open-entries", OptionList)),
                "due": {
                    "title": str(due_title.content) if due_title is not None else "",
                    "rows": _labels(self._mounted("due", OptionList)),
                },
            }
        )

    def _greet(self, first_launch: bool) -> None:
        """ "Welcome back" only when there is history; a first launch says what this is,
        asks where the person is (for Help now) and points at one first step."""
        self.query_one("#greeting", Static).update(Text(WELCOME if first_launch else WELCOME_BACK))
        settings = self.trainer.settings
        asking = first_launch and settings is not None and settings.region is None
        region = self._mounted("choose-region", Button)
        if asking and region is None:
            self.query_one("#home-actions").mount(Button("Your region, for Help now", id="choose-region"))
        elif region is not None:
            region.display = asking

    def _point_at_first_step(self) -> None:
        """Once, if the person has not moved: the thought record highlighted in the library."""
        library = self.query_one("#library", OptionList)
        if self._pointed or self.app.focused is not library or library.highlighted != _first_choice(library):
            return
        self._pointed = True
        index = next((i for i, o in enumerate(library.options) if o.id == FIRST_STEP), None)
        if index is not None:
            library.highlighted = index

    def _show_notices(self) -> None:
        problems = self._catalog_problems + self._journal_problems
        notices = self._mounted("notices", Static)
        if notices is None:
            if problems:
                self._place(_notices(problems))
            return
        notices.update(shown.text("\n".join(problems)))
        notices.set_class(bool(problems), "-shown")

    def _focus_first(self) -> None:
        """Arrows work at once: on the library as soon as it shows, then (once, if the
        person has not moved yet) on what is waiting or else on what is due today. Not
        while another screen covers Home (a craving surf opened at once): focusing a list
        then would scroll Home down to it for when the person comes back."""
        if self._filled_from is None or self.app.screen is not self:
            return  # nothing to choose yet, or not in view (on_screen_resume comes back here)
        library = self.query_one("#library", OptionList)
        waiting = self._mounted("open-entries", OptionList)
        focused = self.app.focused
        untouched = focused is None or (focused is library and library.highlighted in (None, _first_choice(library)))
        if not self._shown_once and (self.trainer.store is not None or self.trainer.store_problems):
            self._shown_once = True
            due = self._mounted("due", OptionList)
            first = (
                waiting
                if waiting is not None and waiting.option_count
                else due
                if due is not None and _first_choice(due) is not None
                else None
            )
            if first is not None and untouched:  # what is waiting, else what is due today
                first.focus(scroll_visible=False)
                first.action_first()
                return
        if focused in (None, library) and library.highlighted is None:
            library.focus(scroll_visible=False)  # keep the greeting and "Craving now" in view
            library.action_first()  # the first row that can be chosen, not a heading
            # and its pack's heading above it, once laid out: highlighting scrolls the list
            # at once, and at the size it had before its rows arrived (a line or two) that
            # scrolls the heading and first rows out of view for good
            library.call_after_refresh(library.scroll_home, animate=False)

    def _keep_focus(self) -> None:
        if self.is_current and self.focused is None and self._filled_from is not None:
            # Without scrolling: the library is taller than the view, and Textual would
            # scroll Home to centre it, hiding the greeting and "Craving now".
            self.query_one("#library", OptionList).focus(scroll_visible=False)

    # -- filling the lists -----------------------------------------------------------------

    def _fill_open(self, entries: list[Entry], moment: datetime, rescues: Sequence[Rescue]) -> None:
        """Drafts rescued when cbt last closed first (each instead of an older copy the
        journal may hold), then drafts and follow-ups, newest first. A follow-up that is
        not due yet can be done now."""
        from cbt_tui.domain.answers import due_words
        from cbt_tui.domain.entries import EntryStatus

        options: list[Option] = []
        rescued = {entry.id for rescue in rescues for entry in rescue.entries}
        for rescue in rescues:
            for entry in rescue.entries:
                label = f"{one_line(entry.exercise_title)} · rescued draft from {entry.updated_at:%a %d %b, %H:%M}"
                options.append(Choice(shown.line(label), TakeRescue(rescue, entry), f"rescue:{entry.id}"))
        for entry in sorted(entries, key=lambda e: e.updated_at, reverse=True):
            if entry.id in rescued:
                continue
            title = one_line(entry.exercise_title)
            if entry.status is EntryStatus.AWAITING_FOLLOWUP:
                due = entry.followup_due
                if due is not None and due > moment:
                    label = f"{title} · follow-up {due_words(due, moment)} · I've done it now"
                else:
                    label = f"{title} · follow-up " + (due_words(due, moment) if due is not None else "is due now")
            else:
                label = f"{title} · draft from {entry.updated_at:%a %d %b, %H:%M}"
            options.append(Choice(shown.line(label), entry, f"entry:{entry.id}"))
        self._fill("open-entries", HEADINGS["open-entries"], options)

    def _fill_due(self, plan: WeekPlan | None) -> None:
        """Today's assignments to start, then the rest of this week's with their counts."""
        options: list[Option] = []
        listed: set[tuple[str, str]] = set()
        for item in plan.due if plan else []:
            listed.add(item.key)
            status = next(s for s in plan.week if s.assigned_to.key == item.key and s.due_today) if plan else None
            label = shown.line(item.title)
            if item.per_week and status is not None:
                label.append(shown.words(f" · {status.done} of {status.needed} this week"), style="dim")
            if item.note:
                label.append(shown.words(f" · {one_line(item.note)}"), style="dim")
            options.append(Choice(label, StartExercise(item.pack, item.exercise), f"due:{item.pack}/{item.exercise}"))
        for status in plan.week if plan else []:
            item = status.assigned_to
            if item.key in listed or plan is None:
                continue
            line = self._week_line(item, status.done, status.needed, plan.today)
            if line is None:
                continue
            listed.add(item.key)
            options.append(Option(shown.line(line), disabled=True))
        self._fill("due", "Due today" if plan and plan.due else "This week", options)

    @staticmethod
    def _week_line(item: Assigned, done: int, needed: int, today: object) -> str | None:
        title = one_line(item.title)
        if item.start > today:  # type: ignore[operator]
            return f"{title} · from {item.start:%a %d %b}"
        if item.end is not None and item.end < today:  # type: ignore[operator]
            return None  # ended earlier this week
        if item.frequency == "daily":
            return f"✓ {title} · done today"
        if item.frequency == "once":
            return f"✓ {title} · done"
        return f"✓ {title} · {done} of {needed} this week"

    def _fill_library(self) -> None:
        catalog = self.trainer.catalog or self.trainer.listing
        if catalog is None:
            return
        options: list[Option | None] = []
        for pack in catalog.packs:
            if options:
                options.append(None)
            options.append(Option(shown.line(pack.title, style="bold"), disabled=True))
            exercises: list[Any] = list(pack.exercises)  # a pack's, or the cache's listing of it
            for exercise in sorted(exercises, key=lambda e: (KIND_ORDER.index(e.kind), e.title)):
                minutes = f" · {exercise.minutes:g} min" if exercise.minutes else ""
                label = shown.text(f"  {one_line(exercise.title)}")
                label.append(shown.words(f"{minutes} · {KIND_NAMES[exercise.kind].lower()}"), style="dim")
                options.append(Choice(label, StartExercise(pack.id, exercise.id), f"exercise:{pack.id}/{exercise.id}"))
        _replace_options(self.query_one("#library", OptionList), options)

    def _fill_recent(self, entries: list[Entry]) -> None:
        options: list[Option] = [
            Choice(
                shown.line(f"{e.exercise_title} · {e.completed_at or e.updated_at:%a %d %b, %H:%M}"),
                ShowEntry(e.id),
                f"recent:{e.id}",
            )
            for e in entries
        ]
        self._fill("recent", HEADINGS["recent"], options)

    # -- Home's parts, mounted once they have something to show ----------------------------

    def _fill(self, list_id: str, title: str, options: list[Option]) -> None:
        """New rows for one of the lists around the library, under `title`; the list and
        its heading are mounted the first time it has rows, and hidden while it has none."""
        widget = self._mounted(list_id, OptionList)
        if widget is None:
            if options:
                self._place(*self._section(list_id, title, options))
            return
        _replace_options(widget, options)
        heading = self.query_one(f"#{HEADING_IDS[list_id]}", Label)
        heading.update(shown.line(title))
        widget.display = heading.display = bool(options)

    @staticmethod
    def _section(list_id: str, title: str, options: list[Option]) -> list[Widget]:
        """A list and its heading, to mount, nothing highlighted (given its rows at once, an
        OptionList highlights the first, which scrolled Home down to it)."""
        heading = Label(shown.line(title), classes="section", id=HEADING_IDS[list_id])
        return [heading, OptionList(id=list_id).add_options(options)]

    def _place(self, *parts: Widget) -> None:
        """Mount parts of Home in their place (see PARTS): before the next one mounted."""
        later = PARTS[PARTS.index(str(parts[0].id)) + 1 :]
        following = next((found for part in later if (found := self._mounted(part, Widget)) is not None), None)
        self.query_one("#home").mount(*parts, before=following)

    def _mounted(self, part_id: str, kind: type[WidgetType]) -> WidgetType | None:
        try:
            return self.query_one(f"#{part_id}", kind)
        except NoMatches:
            return None

    # -- choosing --------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A list reached with Tab has its first row highlighted, so Enter opens it at once
        (an OptionList has no highlight until an arrow is pressed)."""
        rows = event.widget
        if isinstance(rows, OptionList) and rows.highlighted is None:
            rows.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option = event.option
        if not isinstance(option, Choice):
            return
        target = option.target
        if isinstance(target, StartExercise):
            self.trainer.start_exercise_by_id(target.pack_id, target.exercise_id)
        elif isinstance(target, ShowEntry):
            from cbt_tui.tui.screens.history import EntryScreen

            self.app.push_screen(EntryScreen(target.entry_id))
        elif isinstance(target, TakeRescue):
            self.take_rescue(target)
        else:
            self.trainer.open_entry(target)  # type: ignore[arg-type]  # a draft or follow-up Entry

    @work(thread=True, exit_on_error=False, name="bring back your rescued draft", group="rescue")
    def take_rescue(self, target: TakeRescue) -> None:
        """Into the journal (the rescue file goes), then open it where it was left."""
        store = self.trainer.store
        if store is None:
            raise RuntimeError("the journal is not open")
        store.take_rescue(target.rescue.path)
        entry = store.get(target.entry.id) or target.entry
        self.app.call_from_thread(self.trainer.open_entry, entry)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "craving":
            self.action_craving()
        elif event.button.id == "choose-region":
            self.choose_region()

    def choose_region(self) -> None:
        """Where the person is, so Help now shows the numbers that work there."""
        from cbt_tui.tui.screens.region import RegionScreen

        def chosen(code: str | None) -> None:
            if code is not None:
                self.trainer.save_setting("region", code)
                self.query_one("#choose-region").remove()
                self.query_one("#library", OptionList).focus(scroll_visible=False)
                self.query_one("#home").scroll_home(animate=False)  # the welcome stays in view

        self.app.push_screen(RegionScreen(), chosen)

    def action_craving(self) -> None:
        """Straight into the craving surf; if the packs are still loading, right after."""
        self.trainer.request_craving()


def _pack_problems(errors: Sequence[object]) -> list[str]:
    """The notices for packs that did not load (the first five)."""
    return [f"A pack could not be loaded: {error}" for error in errors[:5]]


def _notices(problems: list[str]) -> Static:
    """The notices part of Home, mounted with its first problems."""
    return Static(shown.text("\n".join(problems)), id="notices", classes="-shown")


def _labels(options: OptionList | None) -> list[str]:
    """The rows of a list as plain words, for the cache: the next start shows them as
    text (never read as markup: the file may have been edited) until the journal opens."""
    if options is None:
        return []
    return [
        prompt.plain if isinstance(prompt := options.get_option_at_index(i).prompt, Text) else str(prompt)
        for i in range(options.option_count)
    ]


def _first_choice(options: OptionList) -> int | None:
    """The index of the first row that can be chosen."""
    return next((i for i in range(options.option_count) if not options.get_option_at_index(i).disabled), None)


def _replace_options(widget: OptionList, options: Sequence[Option | None]) -> None:
    """New rows for a list, keeping the highlight on the same row (by id) when it is
    still there: Home refreshes its lists whenever it comes back into view."""
    kept = None
    if widget.highlighted is not None:
        kept = widget.get_option_at_index(widget.highlighted).id
    widget.set_options(options)
    if kept is not None:
        index = next((i for i in range(widget.option_count) if widget.get_option_at_index(i).id == kept), None)
        if index is not None:
            widget.highlighted = index
