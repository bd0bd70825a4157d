"""Help now (F1): the emergency number first and large, what to do in an overdose, then
the person's own people, their packs' contacts and the region's help lines.

The emergency box stays put while the rest scrolls, and at 80x24 the overdose steps are
on screen under it. Nothing here waits for the store on the UI thread: a busy or broken
store is a plain message, and the numbers still show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Digits, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from cbt_tui.domain.safety import EMERGENCY_CALL, OVERDOSE, HelpLine, HelpLines, HelpNow, help_now
from cbt_tui.domain.settings import ELSEWHERE
from cbt_tui.text import one_line
from cbt_tui.tui import shown
from cbt_tui.tui.messages import StoreFailed, StoreOpened
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.widgets.footer import TrainerFooter

if TYPE_CHECKING:
    from cbt_tui.domain.packs.models import Pack

CRAVING_SURF = ("core", "craving-surf")
ADD_PERSON = "add-person"
NO_LINES = HelpLines(regions={}, lines=())


def overdose_text() -> Text:
    text = Text()
    text.append("If someone may have overdosed", style="bold")
    for signs in OVERDOSE:
        text.append(shown.words(f"\n{signs.substance}: "), style="bold")
        text.append(shown.words(f"{signs.signs} {signs.steps}"))
    return text


def _line_text(line: HelpLine) -> Text:
    text = shown.line(line.name, style="bold")
    text.append(shown.words(f"  {one_line(line.contact)}"))
    details = [one_line(part) for part in (line.hours, line.note) if part.strip()]
    if details:
        text.append(shown.words(f"  ·  {'  ·  '.join(details)}"), style="dim")
    return text


def _person_text(name: str, contact: str, note: str = "") -> Text:
    text = shown.line(name, style="bold")
    text.append(shown.words(f"  {one_line(contact)}"))
    if note.strip():
        text.append(shown.words(f"  ·  {one_line(note)}"), style="dim")
    return text


class SafetyScreen(TrainerScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="safety.close"),
        Binding("c", "craving_surf", "Craving surf", id="safety.craving"),
        Binding("m", "coping_card", "Coping card", id="safety.coping_card"),
        Binding("r", "change_region", "Region", id="safety.region"),
        Binding("a", "add_person", "Add", id="safety.add"),
        Binding("delete", "remove_person", "Remove", id="safety.remove"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.help_lines = NO_LINES
        self.region_code: str | None = None
        self.mine: list[dict[str, str]] = []
        self.people_loaded = False  # never save a list of people that could not be read
        self.packs: Sequence[Pack] = []
        self.problems: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="emergency") as box:
            box.border_title = "Help now"
            with Horizontal(id="emergency-row"):
                yield Digits("", id="emergency-number")
                yield Static(Text(EMERGENCY_CALL + "."), id="emergency-call")
        yield Static("", id="safety-notice")
        with VerticalScroll(id="safety", can_focus=False):
            yield Static(overdose_text(), id="overdose")
            yield Label("Your people", classes="section")
            yield OptionList(Option(Text("+ Add someone you trust (a)"), id=ADD_PERSON), id="my-people")
            with Horizontal(id="add-person"):
                yield Input(placeholder="Name", id="person-name")
                yield Input(placeholder="Phone number", id="person-contact")
                yield Button("Add", id="add")
            yield Label("From your packs", classes="section", id="pack-title")
            yield Static("", id="pack-contacts")
            yield Label("Help lines", classes="section", id="lines-title")
            yield Static("", id="lines")
            yield Static(
                Text(
                    "While you wait: breathe out slowly, a little longer than you breathe in. Move away "
                    "from alcohol or drugs if you can. Press c to ride out an urge with the craving surf, "
                    "or m to read your coping card."
                ),
                classes="hint",
            )
        footer = TrainerFooter()
        footer.show_command_palette = False  # room for every key of this screen at 80 columns
        yield footer

    def on_mount(self) -> None:
        for hidden in ("#add-person", "#pack-title", "#pack-contacts", "#emergency-number", "#safety-notice"):
            self.query_one(hidden).display = False
        people = self.query_one("#my-people", OptionList)
        people.focus(scroll_visible=False)  # the first thing to act on; the emergency box stays in view
        people.highlighted = 0
        self.load()

    # -- reading ---------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, name="read your region and people", group="safety")
    def load(self) -> None:
        """The lines (a package file), the region and the people (the store), off the UI thread."""
        from cbt_tui.help_lines import HelpLinesError, shipped_help_lines
        from cbt_tui.store import StoreError

        problems: dict[str, str] = {}
        try:
            lines = shipped_help_lines()
        except HelpLinesError as error:
            lines, problems["lines"] = NO_LINES, f"The help lines could not be read: {error}"
        region, mine, loaded = None, [], False
        store = self.trainer.store
        if store is None:
            problems["store"] = (
                "Your journal could not be opened, so your region and people can't be shown."
                if self.trainer.store_problems
                else "Your journal is still opening: your region and people will show in a moment."
            )
        else:
            try:
                region = store.settings().region
                mine, loaded = store.contacts(), True
            except StoreError as error:
                problems["store"] = f"Your region and your people could not be read just now. {error}"
        catalog = self.trainer.catalog
        packs = list(catalog.packs) if catalog is not None else []
        self.app.call_from_thread(self.loaded, lines, region, mine, loaded, packs, problems)

    def loaded(
        self,
        lines: HelpLines,
        region: str | None,
        mine: list[dict[str, str]],
        people_loaded: bool,
        packs: Sequence[Pack],
        problems: Mapping[str, str],
    ) -> None:
        self.help_lines, self.region_code, self.mine, self.people_loaded, self.packs = (
            lines,
            region,
            list(mine),
            people_loaded,
            packs,
        )
        self.problems.pop("store", None)
        self.problems.update(problems)
        self.refresh_help()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.load()  # the region and the people can be read now

    def on_store_failed(self, message: StoreFailed) -> None:
        self.load()

    # -- showing ---------------------------------------------------------------------

    def refresh_help(self) -> None:
        now = help_now(self.region_code, self.help_lines, self.mine, self.packs)
        self._show_emergency(now)
        self._show_people(now)
        titles = {pack.id: pack.title for pack in self.packs}
        pack_lines = Text("\n").join(
            _person_text(c.name, c.contact, c.note).append(
                shown.words(f"  ·  from {one_line(titles.get(c.source.removeprefix('pack:'), ''))}"), style="dim"
            )
            for c in now.pack_contacts
        )
        self.query_one("#pack-contacts", Static).update(pack_lines)
        self.query_one("#pack-title").display = self.query_one("#pack-contacts").display = bool(now.pack_contacts)
        self._show_lines(now)
        self._show_problems()
        self.refresh_bindings()

    def _show_emergency(self, now: HelpNow) -> None:
        """The region's number, large; not knowing the region, every region's number."""
        number = self.query_one("#emergency-number", Digits)
        call = Text(EMERGENCY_CALL, style="bold")
        number.display = now.region_known and bool(now.emergency)
        if number.display:
            first = now.emergency[0]
            number.update(shown.words(one_line(first.contact)))
            call.append(shown.words(f": {one_line(first.contact)}."))
            if first.note.strip():
                call.append(shown.words(f" {one_line(first.note)}"), style="")
        elif now.every_emergency:
            names = self.help_lines.regions
            call.append(":\n")
            numbers = [
                f"{one_line(names.get(line.region, line.region))} {one_line(line.contact)}"
                for line in now.every_emergency
            ]
            call.append(shown.words(" · ".join(numbers)), style="")
            call.append("\nPress r to choose where you are.", style="dim")
        else:
            call.append(".")
        self.query_one("#emergency-call", Static).update(call)

    def _show_people(self, now: HelpNow) -> None:
        people = self.query_one("#my-people", OptionList)
        highlighted = people.highlighted
        options = [
            Option(_person_text(person.name, person.contact, person.note), id=f"person:{index}")
            for index, person in enumerate(now.people)
        ]
        if self.people_loaded:
            options.append(Option(Text("+ Add someone you trust (a)"), id=ADD_PERSON))
        else:
            options.append(Option(Text("Your people will show here once they can be read."), disabled=True))
        people.set_options(options)
        if options and not options[0].disabled:
            people.highlighted = min(highlighted or 0, len(options) - 1)

    def _show_lines(self, now: HelpNow) -> None:
        name = self.help_lines.regions.get(now.shown_region, now.shown_region)
        title = shown.line("Help lines anywhere" if now.shown_region == ELSEWHERE else f"Help lines: {name}")
        if now.lines or now.emergency:
            checked = min(line.checked for line in (*now.emergency, *now.lines))
            title.append(shown.words(f"   checked {checked.day} {checked:%B %Y}"), style="dim")
        self.query_one("#lines-title", Label).update(title)
        self.query_one("#lines", Static).update(Text("\n").join(_line_text(line) for line in now.lines))

    def _show_problems(self) -> None:
        notice = self.query_one("#safety-notice", Static)
        notice.update(shown.text("\n".join(one_line(problem) for problem in self.problems.values())))
        notice.display = bool(self.problems)

    def problem(self, key: str, message: str) -> None:
        self.problems[key] = message
        self._show_problems()

    def clear_problem(self, key: str) -> None:
        if self.problems.pop(key, None) is not None:
            self._show_problems()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Shown here, beside the numbers, rather than as a passing note."""
        from cbt_tui.tui.crash import failure_message

        if event.state is WorkerState.ERROR:
            self.problem("worker", failure_message(event.worker.name, event.worker.error))

    # -- your people -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_person":
            return True if self.people_loaded else None
        if action == "remove_person":
            return True if self._highlighted_person() is not None else None
        return True

    def _highlighted_person(self) -> int | None:
        people = self.query_one("#my-people", OptionList)
        if people.highlighted is None or not self.people_loaded:
            return None
        option_id = people.get_option_at_index(people.highlighted).id or ""
        return int(option_id.removeprefix("person:")) if option_id.startswith("person:") else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == ADD_PERSON:
            self.action_add_person()

    def action_add_person(self) -> None:
        if not self.people_loaded:
            return
        self.query_one("#add-person").display = True
        self.query_one("#person-name", Input).focus()

    def _close_add_row(self) -> None:
        self.query_one("#add-person").display = False
        self.query_one("#my-people", OptionList).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self._add_person()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "person-name" and not self.query_one("#person-contact", Input).value.strip():
            self.query_one("#person-contact", Input).focus()
            return
        self._add_person()

    def _add_person(self) -> None:
        name = self.query_one("#person-name", Input)
        contact = self.query_one("#person-contact", Input)
        if not name.value.strip() or not contact.value.strip():
            self.notify("Add a name and a way to reach them.")
            return
        self.mine.append({"name": name.value.strip(), "contact": contact.value.strip(), "note": ""})
        name.value = contact.value = ""
        self._close_add_row()
        self._people_changed()

    def action_remove_person(self) -> None:
        from cbt_tui.tui.screens.confirm import ConfirmScreen

        index = self._highlighted_person()
        if index is None:
            return
        person = self.mine[index]

        def remove(confirmed: bool | None) -> None:
            if confirmed and person in self.mine:
                self.mine.remove(person)
                self._people_changed()

        question = f"Remove {one_line(person.get('name', ''))} from your people?"
        self.app.push_screen(ConfirmScreen(question), remove)

    def _people_changed(self) -> None:
        self.refresh_help()
        self.save_people(list(self.mine))

    @work(thread=True, exit_on_error=False, name="save your people", group="safety-save")
    def save_people(self, mine: list[dict[str, str]]) -> None:
        from cbt_tui.store import StoreError

        store = self.trainer.store
        if store is None:
            return
        try:
            store.set_contacts(mine)
        except StoreError as error:
            message = f"Your people are shown here but could not be saved just now. {error}"
            self.app.call_from_thread(self.problem, "save", message)
        else:
            self.app.call_from_thread(self.clear_problem, "save")

    # -- region ----------------------------------------------------------------------

    def action_change_region(self) -> None:
        from cbt_tui.tui.screens.region import RegionScreen

        def chosen(code: str | None) -> None:
            if code is None or code == self.region_code:
                return
            self.region_code = code
            self.refresh_help()
            self.save_region(code)

        self.app.push_screen(RegionScreen(self.region_code, self.help_lines.regions or None), chosen)

    @work(thread=True, exit_on_error=False, name="save your region", group="safety-save")
    def save_region(self, code: str) -> None:
        from cbt_tui.domain.settings import SettingError
        from cbt_tui.store import StoreError

        store = self.trainer.store
        if store is None:
            return
        try:
            store.change_setting("region", code)
        except (StoreError, SettingError) as error:
            message = f"These lines are for the region you chose, but it could not be saved just now. {error}"
            self.app.call_from_thread(self.problem, "region", message)

    # -- other help ------------------------------------------------------------------

    def action_craving_surf(self) -> None:
        self.trainer.start_exercise_by_id(*CRAVING_SURF)

    def action_coping_card(self) -> None:
        from cbt_tui.tui.screens.coping_card import CopingCardScreen

        self.app.push_screen(CopingCardScreen())

    def action_close(self) -> None:
        if self.query_one("#add-person").display:
            self._close_add_row()
            return
        self.dismiss()
