"""Help now: crisis lines and the person's own people, one key from anywhere."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cbt_tui.domain.safety import BUILT_IN, Contact, safety_contacts
from cbt_tui.tui.widgets.footer import TrainerFooter


def _contact_text(contact: Contact) -> Text:
    text = Text(contact.name, style="bold")
    text.append(f"   {contact.contact}")
    if contact.note:
        text.append(f"\n{contact.note}", style="dim")
    return text


class SafetyScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back", id="safety.close"),
        Binding("delete", "remove_person", "Remove person", id="safety.remove", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="safety"):
            yield Static(Text("Help now", style="bold"), id="safety-title")
            yield Static(
                Text(
                    "You don't have to get through this alone. Reaching out is a strong thing to do. "
                    "If you are in danger, call emergency services now."
                ),
                id="safety-intro",
            )
            yield OptionList(*(Option(_contact_text(c)) for c in BUILT_IN), id="contacts")
            yield Label("Your people", classes="section")
            yield OptionList(id="my-people")
            with Horizontal(id="add-person"):
                yield Input(placeholder="Name", id="person-name")
                yield Input(placeholder="Phone number", id="person-contact")
                yield Button("Add", id="add")
            yield Static(
                Text(
                    "While you wait: breathe out slowly, a little longer than you breathe in. "
                    "Move away from what triggers you if you can. The craving surf on the home "
                    "screen (c) can help you ride the urge."
                ),
                classes="hint",
            )
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.mine: list[dict[str, str]] = []
        self.load()

    @work(thread=True, group="safety")
    def load(self) -> None:
        store, catalog = self.app.store, self.app.catalog
        mine = store.contacts() if store is not None else []
        packs = catalog.packs if catalog is not None else []
        self.app.call_from_thread(self.show, safety_contacts(packs, mine), mine)

    def show(self, contacts: list[Contact], mine: list[dict[str, str]]) -> None:
        self.mine = list(mine)
        others = [c for c in contacts if c.source != "mine"]
        self.query_one("#contacts", OptionList).set_options([Option(_contact_text(c)) for c in others])
        people = [
            Option(_contact_text(Contact(m.get("name", ""), m.get("contact", ""), m.get("note", "")))) for m in mine
        ]
        if not people:
            people = [Option(Text("No one added yet. Add someone you trust below."), disabled=True)]
        self.query_one("#my-people", OptionList).set_options(people)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add":
            self._add_person()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add_person()

    def _add_person(self) -> None:
        name = self.query_one("#person-name", Input)
        contact = self.query_one("#person-contact", Input)
        if not name.value.strip() or not contact.value.strip():
            self.notify("Add a name and a way to reach them.")
            return
        self.mine.append({"name": name.value.strip(), "contact": contact.value.strip(), "note": ""})
        name.value = contact.value = ""
        self._save()

    def action_remove_person(self) -> None:
        people = self.query_one("#my-people", OptionList)
        if people.has_focus and people.highlighted is not None and self.mine:
            self.mine.pop(people.highlighted)
            self._save()

    def _save(self) -> None:
        mine = list(self.mine)
        packs = self.app.catalog.packs if self.app.catalog is not None else []
        self.show(safety_contacts(packs, mine), mine)
        if self.app.store is not None:
            self.app.run_worker(lambda: self.app.store.set_contacts(mine), thread=True, group="safety-save")

    def action_close(self) -> None:
        self.dismiss()
