"""Where the person is, so Help now shows the emergency number and lines that work there.

Used from Help now ("change region") and at first launch. It only asks: it dismisses
with the chosen region code (`ZZ` for somewhere else), or None when closed without a
choice, and the caller stores it (`store.change_setting("region", code)`, in a thread
worker), so each caller can say what happened if the store is busy.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cbt_tui.tui import shown
from cbt_tui.tui.widgets.footer import TrainerFooter

QUESTION = "Where are you?"
WHY = (
    "Help now shows the emergency number and help lines for where you are. "
    "You can change this any time: press F1, then r."
)


class RegionScreen(ModalScreen[str | None]):
    """A short list of regions and "Somewhere else", by keys (arrows, Enter) or a click."""

    BINDINGS = [Binding("escape", "cancel", "Not now", id="region.cancel")]

    def __init__(self, current: str | None = None, regions: Mapping[str, str] | None = None) -> None:
        """`regions` (code -> name, in the order shown) default to the shipped help lines'."""
        super().__init__()
        self.current = current
        self.problem = ""
        if regions is None:
            from cbt_tui.help_lines import HelpLinesError, shipped_help_lines

            try:
                regions = shipped_help_lines().regions
            except HelpLinesError as error:
                regions, self.problem = {}, str(error)
        self.regions = dict(regions)

    def compose(self) -> ComposeResult:
        with Vertical(id="region"):
            yield Static(Text(QUESTION, style="bold"), id="region-question")
            yield Static(Text(WHY), id="region-why")
            yield OptionList(
                *(Option(shown.line(name), id=code) for code, name in self.regions.items()),
                id="regions",
            )
            if self.problem:
                yield Static(shown.line(self.problem), classes="problem")
        yield TrainerFooter()

    def on_mount(self) -> None:
        choices = self.query_one("#regions", OptionList)
        choices.focus()
        if self.current in self.regions:
            choices.highlighted = list(self.regions).index(self.current)
        elif self.regions:
            choices.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
