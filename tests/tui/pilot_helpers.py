"""Helpers for driving the real app with the Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from cbt_tui.store import Store, open_store


async def settle(pilot: Pilot) -> None:
    """Wait for workers (store, catalog) and the messages they post."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def store_at(home: Path) -> Store:
    return open_store(home)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text as keys would, through the focused widget's insert path (fast for long text)."""
    widget = pilot.app.focused
    if hasattr(widget, "insert_text_at_cursor"):
        widget.insert_text_at_cursor(text)
    elif hasattr(widget, "insert"):
        widget.insert(text, widget.cursor_location)
    else:
        await pilot.press(*text)
    await pilot.pause()
