"""Keys that arrive in a burst go where they were typed.

A paste, or `tmux send-keys 'words' C-n`, reaches the app as one burst of key events.
Textual hands each key to the widget focused at that moment, which handles it later, in
its own turn; a priority key binding runs at once, in the app's turn. So a binding that
reads an answer can run before the words typed just before it are in the answer, and a
focus change made the usual way (`Widget.focus()`, which also waits its turn) lets the
next keys of the burst go to the old place.

The trainer's keys that leave a step or read it (Next, Back, Enter, quit) therefore wait
first for the focused widget to handle what it was already sent (`handled_so_far`), and
its keys that move between inputs (Tab, Down and Up between rated items, a new step's
input) move the focus at once (`focus_now`), so the next key goes to the new place.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget

#: A bound against a widget that is removed before its turn comes (never a pause).
GIVE_UP_SECONDS = 2.0


async def handled_so_far(widget: Widget | None) -> None:
    """Wait until `widget` has handled every key (and paste) already sent to it."""
    if widget is None or not widget.is_running:
        return
    done = asyncio.Event()
    if widget.call_later(done.set):  # queued behind what it was already sent
        with suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), GIVE_UP_SECONDS)


def focus_now(widget: Widget | None, *, scroll_visible: bool = True) -> None:
    """Focus `widget` before the next key is handed out."""
    if widget is not None and widget.is_attached:
        widget.screen.set_focus(widget, scroll_visible=scroll_visible)
