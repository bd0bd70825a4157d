"""The highlighted row of a list is always on screen.

An `OptionList` as tall as its rows (Home's lists, Help now's people) never scrolls
itself: the screen around it does. Textual only scrolls the list, so a highlight moved
with the arrow keys walks off the bottom of the screen. `show_highlighted_row` scrolls
the nearest container that can scroll until the row is in view; the app calls it for
every list whenever its highlight moves.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import OptionList


def show_highlighted_row(rows: OptionList) -> None:
    """Scroll the nearest scrolling container around `rows` so its highlighted row shows
    (with the heading rows above it when it is the first row that can be chosen)."""
    index = rows.highlighted
    if index is None or not rows.is_mounted or not rows.region:
        return
    lines = rows._index_to_line  # the list's own map of option index to first line
    heights = rows._heights
    if index not in lines or index not in heights:
        return
    top = lines[index]
    if all(rows.get_option_at_index(i).disabled for i in range(index)):
        top = 0  # the first choice: its pack's heading too
        rows.scroll_to(y=0, animate=False, immediate=True)
    bottom = lines[index] + heights[index]
    area = rows.scrollable_content_region
    row = Region(area.x, area.y + top - round(rows.scroll_y), area.width, bottom - top)
    container = _scrolling_parent(rows)
    if container is None:
        return
    view = container.scrollable_content_region
    if view.contains_region(row) or not view:
        return
    virtual = row.translate(-view.offset + container.scroll_offset)
    container.scroll_to_region(virtual, animate=False, immediate=True, force=True)


def _scrolling_parent(widget: Widget) -> Widget | None:
    node = widget.parent
    while isinstance(node, Widget):
        if node.allow_vertical_scroll:
            return node
        node = node.parent
    return None
