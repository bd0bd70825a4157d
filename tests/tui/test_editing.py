"""Editing keeps the words: a list item edited keeps its text and its place, and a resumed
draft's cursor is at the end of what was typed."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import resume_from_home, settle, store_at
from textual.widgets import Input, ListView, TextArea

from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import RunnerScreen

#: Wider than the answer box at 80 columns: it wraps onto a second row.
LONG_LINE = "It started at the bus stop, " + "and then it went on and on, " * 4 + "until I got home"


def rows(app) -> list[str]:
    return [str(item.query_one("Static").render()) for item in app.screen.view.query_one(ListView).children]


async def test_editing_a_list_item_keeps_its_text_and_its_place(make_app, install_test_pack) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)
        assert app.screen.run.step.id == "thoughts"
        for item in ("one", "two", "three"):
            await pilot.press(*item, "enter")
        items = app.screen.view.query_one(ListView)
        items.focus()
        items.index = 1
        await pilot.press("e")
        field = app.screen.view.query_one("#new-item", Input)
        assert app.focused is field
        assert field.value == "two"
        assert field.cursor_position == len("two")
        assert field.selection.is_empty  # the next key does not wipe it
        await pilot.press("space", "m", "o", "r", "e")
        assert app.screen.view.answer() == ["one", "two more", "three"]  # the draft, while editing
        await pilot.press("enter")
        assert app.screen.view.answer() == ["one", "two more", "three"]
        assert rows(app) == ["• one", "• two more", "• three"]
        assert field.value == ""


async def test_a_resumed_draft_puts_the_cursor_at_the_end_of_what_was_typed(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"first part")
        await pilot.press("ctrl+n")
        await settle(pilot)
        area = app.screen.view.query_one(TextArea)
        area.insert(LONG_LINE + "\nline two", area.cursor_location)
        await pilot.press("escape")  # leave: kept as a draft
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        await resume_from_home(pilot)
        assert isinstance(app.screen, RunnerScreen)
        area = app.screen.view.query_one(TextArea)
        assert app.focused is area
        assert area.cursor_location == area.document.end
        await pilot.press(*" more")
        assert area.text.endswith("line two more")
        await pilot.press("ctrl+home", "end")  # End: to the end of the line as written, past its wrap
        assert area.cursor_location == (0, len(LONG_LINE))
        await pilot.press("ctrl+end")  # Ctrl+End: to the end of the answer
        assert area.cursor_location == area.document.end

        await pilot.press("ctrl+b")
        await settle(pilot)
        field = app.screen.view.query_one(Input)
        assert app.focused is field
        await pilot.press(*" and the rest")
        entry_id = app.screen.run.entry.id
        await pilot.press("escape")
        await settle(pilot)

    answers = store_at(cbt_home).get(entry_id).answers
    assert answers["one"] == "first part and the rest"
    assert answers["story"] == LONG_LINE + "\nline two more"
