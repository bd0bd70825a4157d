"""Check boxes and radio buttons whose mark says what they are, not only their shade.

Textual draws every box with an "X" and every radio with a dot, chosen or not, and tells
them apart by colour alone: under NO_COLOR, or in a theme with little contrast, every
box looks ticked. Here a chosen box shows "X" and an unticked one is empty; a chosen
radio shows "●" and the others "○".
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

CHECKED = "X"
RADIO_ON = "●"
RADIO_OFF = "○"
EMPTY = " "


class CheckList(SelectionList[Any]):
    """A selection list whose unticked boxes are empty."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4 or (segments[0].text, segments[1].text) != (Checkbox.BUTTON_LEFT, Checkbox.BUTTON_INNER):
            return strip  # no box on this line
        index = round(self.scroll_offset.y) + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:  # no box here
            return strip
        mark = CHECKED if selection.value in self.selected else EMPTY
        box = segments[1]
        segments[1] = Segment(mark, box.style, box.control)
        return Strip(segments, strip.cell_length)


class Radio(RadioButton):
    """A radio button whose mark is full when it is chosen and a ring when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's name for the mark
        return RADIO_ON if self.value else RADIO_OFF
