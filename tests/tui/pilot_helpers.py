"""Helpers for driving the real app with the Pilot."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import OptionList

from cbt_tui.domain.entries import now
from cbt_tui.store import Store, open_store


async def settle(pilot: Pilot) -> None:
    """Wait for workers (store, catalog) and the messages they post. A worker that failed
    is the app's to report (its workers never exit the app), not the test's."""
    for _ in range(2):
        await asyncio.gather(*(worker.wait() for worker in pilot.app.workers), return_exceptions=True)
        await pilot.pause()


def store_at(home: Path) -> Store:
    return open_store(home)


#: Named keys `burst` sends as keys; any other part is text, typed a character at a time.
KEY_NAMES = {"enter", "tab", "shift+tab", "up", "down", "left", "right", "backspace", "delete", "escape"}
KEY_CHARACTERS = {"enter": "\r", "tab": "\t", "backspace": "\x7f", "escape": "\x1b"}


async def burst(pilot: Pilot, *parts: str) -> None:
    """Keys arriving at once, as a paste then a hotkey does, or `tmux send-keys 'words'
    C-n`: every key reaches the app before it handles the first (`Pilot.press` waits
    after each key). A part that is a key name (`ctrl+n`, `tab`, `enter`...) is that
    key; any other part is text."""
    for part in parts:
        if part in KEY_NAMES or part.startswith(("ctrl+", "shift+")) or re.fullmatch(r"f\d{1,2}", part):
            pilot.app.post_message(events.Key(part, KEY_CHARACTERS.get(part)))
        else:
            for character in part:
                pilot.app.post_message(events.Key(_character_to_key(character), character))
    await settle(pilot)


async def type_text(pilot: Pilot, text: str, into=None) -> None:
    """Insert text where typing would put it (as a paste does; fast for long text).

    `into` focuses that widget first; otherwise the focused widget takes the text.
    """
    if into is not None:
        into.focus()
        await pilot.pause()
    widget = pilot.app.focused
    if hasattr(widget, "insert_text_at_cursor"):
        widget.insert_text_at_cursor(text)
    elif hasattr(widget, "insert"):
        widget.insert(text, widget.cursor_location)
    else:
        raise AssertionError(f"{widget!r} has focus and cannot take text")
    await pilot.pause()


async def bring_followup_due(pilot: Pilot, home: Path, entry_id: str) -> None:
    """Move the follow-up's due time into the past, as time passing would."""
    store = store_at(home)
    entry = store.get(entry_id)
    entry.followup_due = now() - timedelta(minutes=1)
    store.save(entry)
    pilot.app.screen.load()
    await settle(pilot)


async def resume_from_home(pilot: Pilot) -> None:
    """Enter on the first open entry of Home (a draft, or a follow-up that fell due)."""
    waiting = pilot.app.screen.query_one("#open-entries", OptionList)
    assert not waiting.get_option_at_index(0).disabled
    waiting.focus()
    waiting.highlighted = 0
    await pilot.press("enter")
    await settle(pilot)
