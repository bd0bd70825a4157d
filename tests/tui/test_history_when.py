"""History reads the same in the list and the entry (issue 16, point 9): "When" gives
the start and the finish in both; the status stays in view at 60 columns; a step with
no prompt is never titled with the exercise's name, in the review or in history."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import settle, store_at
from textual.widgets import DataTable, Static

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen
from cbt_tui.tui.screens.runner import ReviewScreen

STARTED = datetime(2026, 11, 9, 9, 30, tzinfo=UTC)
FINISHED = datetime(2026, 11, 9, 9, 45, tzinfo=UTC)

PACK = """\
format: 1
id: quiet
title: Quiet
version: 1.0.0
exercises:
  - id: quiet
    title: A quiet minute
    kind: skill
    summary: A timer with no prompt.
    steps:
      - {type: text, id: first_note, prompt: What is on your mind?, required: false}
      - {type: text, id: plain_note, required: false}
"""


def a_long_entry(**fields) -> Entry:
    values = dict(
        pack="quiet",
        pack_version="1.0.0",
        exercise="quiet",
        exercise_title="A quiet minute",
        kind="skill",
        status=EntryStatus.COMPLETE,
        started_at=STARTED,
        updated_at=FINISHED,
        completed_at=FINISHED,
        answers={"first_note": "tired", "plain_note": "slept badly"},
        # as earlier versions stored it: the exercise's title for the step with no prompt
        prompts={"first_note": "What is on your mind?", "plain_note": "A quiet minute"},
    )
    values.update(fields)
    return Entry(**values)


def install_pack(cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True, exist_ok=True)
    (cbt_home / "packs" / "quiet.yaml").write_text(PACK, encoding="utf-8")


async def test_when_is_the_same_start_and_finish_in_the_list_and_the_entry(make_app, cbt_home: Path) -> None:
    install_pack(cbt_home)
    entry = a_long_entry()
    store_at(cbt_home).import_entries([entry])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen())
        await settle(pilot)
        table = app.screen.query_one("#entries", DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "2026-11-09 09:30 to 09:45"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        title = str(app.screen.query_one("#runner-title", Static).render())
        assert "started Mon 09 Nov 2026, 09:30, finished 09:45" in title
        headings = [str(s.render()) for s in app.screen.query(".review-prompt")]
        assert headings == ["What is on your mind?", "Plain note"]
        assert "A quiet minute" not in headings


async def test_the_status_column_is_in_view_at_60_columns(make_app, cbt_home: Path) -> None:
    install_pack(cbt_home)
    store_at(cbt_home).import_entries([a_long_entry(exercise_title="A quiet minute with a long title indeed")])
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        app.push_screen(HistoryScreen())
        await settle(pilot)
        table = app.screen.query_one("#entries", DataTable)
        left = 0
        for column in table.ordered_columns:
            width = column.get_render_width(table)
            if str(column.label) == "Status":
                assert left + width <= table.scrollable_content_region.width
                break
            left += width
        else:
            raise AssertionError("no Status column")


async def test_a_step_with_no_prompt_is_named_by_itself_in_the_review(make_app, cbt_home: Path) -> None:
    install_pack(cbt_home)
    app = make_app(start_exercise="quiet/quiet")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for text in ("tired", "slept badly"):
            app.screen.view.query_one("Input").value = text
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        headings = [str(s.render()) for s in app.screen.query(".review-prompt")]
        assert headings == ["What is on your mind?", "Plain note"]
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = store_at(cbt_home).recent(1)[0]
    assert saved.prompts["plain_note"] != "A quiet minute"
