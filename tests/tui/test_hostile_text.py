"""Hostile text typed into every kind of input is stored byte for byte and shown literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import settle, store_at, type_text
from textual.widgets import Markdown, Static

from cbt_tui.text import one_line, visible_text
from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen

HOSTILE = {
    "markup": "[/bold] [red]not red[/red] [link=http://x]y[/link]",
    "escape": "\x1b[2J\x1b[31mcleared?",
    "long": "long " * 2000,  # 10,000 characters
    "emoji": "🌊 riding it out 💪🏽",
    "cjk": "我很焦虑，但我会没事的",
    "rtl": "אני בסדר · أنا بخير",
    "markdown": "**not bold** `code` # not a heading <b>html</b> {braces}",
}


def shown_text(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


def markdown_shown(widget: Markdown) -> str:
    """The words a Markdown widget shows, paragraph by paragraph."""
    return "\n".join(str(block.render()) for block in widget.query("MarkdownParagraph"))


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_hostile_text_in_every_input_kind(make_app, install_test_pack, cbt_home: Path, name: str) -> None:
    text = HOSTILE[name]
    install_test_pack("every-step.yaml")
    app = make_app(start_exercise="every-step/everything")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        run = app.screen.run
        entry_id = run.entry.id
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, text)  # text, one line
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, text)  # text, multiline
        await pilot.press("ctrl+n")
        await settle(pilot)
        # The list step's prompt quotes the first answer: it reads as typed (on one line),
        # never as Markdown, markup or backslash escapes.
        assert app.screen.run.step.id == "thoughts"
        assert markdown_shown(app.screen.query_one("#prompt", Markdown)) == "Thoughts about " + one_line(text)
        await type_text(pilot, text)  # list item
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        await pilot.press("5", "ctrl+n")  # scale
        await settle(pilot)
        await type_text(pilot, text, into=app.screen.query_one("#other"))
        await pilot.press("enter", "4", "ctrl+n")
        await settle(pilot)
        await pilot.press("down", "enter", "ctrl+n")  # choice: "no", so "plain" is skipped
        await settle(pilot)
        await type_text(pilot, text, into=app.screen.query_one("#other"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.step.id == "surf"

        # Shown in the review as typed, control characters as symbols (long text wraps,
        # so compare without breaks).
        app.push_screen(ReviewScreen(app.screen.run))
        await settle(pilot)
        review = " ".join(shown_text(app.screen).split())
        assert " ".join(visible_text(text).split()) in review
        assert "\x1b" not in review
        await pilot.press("escape")
        await pilot.press("escape")  # save & leave: the draft keeps it all
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    stored = store_at(cbt_home).get(entry_id)
    assert stored.answers["situation"] == text
    assert stored.answers["story"] == text
    assert stored.answers["thoughts"] == [text]
    assert stored.answers["feelings"] == {text: 4}
    assert stored.answers["traps"] == [text]


async def test_history_detail_shows_hostile_answers_literally(make_app, cbt_home: Path) -> None:
    from cbt_tui.domain.entries import Entry, EntryStatus

    text = HOSTILE["markup"] + HOSTILE["escape"] + HOSTILE["rtl"]
    store = store_at(cbt_home)
    store.save(
        Entry(
            pack="core",
            pack_version="1.0.0",
            exercise="thought-record",
            exercise_title="[/bold]Thought record",
            kind="thought_record",
            status=EntryStatus.COMPLETE,
            answers={"situation": text, "emotions": {text: 50}},
            prompts={"situation": "[link=http://x]What happened?[/link]", "emotions": "Feelings"},
        )
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen())
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        shown = shown_text(app.screen)
        assert visible_text(text) in shown
        assert "\x1b" not in shown
        assert "[link=http://x]What happened?[/link]" in shown
        assert "[/bold]Thought record" in shown
