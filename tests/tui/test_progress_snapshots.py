"""Snapshots of the Progress screen at 80x24 with a seeded journal (issue 13.5): the
top (practice, days on track), the cravings, the scores in the high-contrast theme, and
before/after under NO_COLOR. Review changed SVGs as pictures before accepting them
(`rsvg-convert x.svg -o x.png`).

What keeps them still: entries completed at noon UTC by the real run rules, the time
zone set to UTC, today pinned, animations off.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from helpers import seeded_journal
from pilot_helpers import settle
from textual.pilot import Pilot
from textual.widgets import Label

from cbt_tui.store import open_store
from cbt_tui.tui.screens.progress import ProgressScreen

SIZE = (80, 24)
TODAY = date(2026, 11, 30)


@pytest.fixture
def journal_app(make_app, cbt_home: Path, monkeypatch: pytest.MonkeyPatch):
    import cbt_tui.tui.screens.progress as progress

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(progress, "local_today", lambda: TODAY)
    open_store(cbt_home).import_entries(seeded_journal(TODAY))

    def make():
        app = make_app()
        app.animation_level = "none"
        return app

    yield make
    monkeypatch.delenv("TZ")
    time.tzset()


def at_section(heading: str | None, theme: str | None = None):
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        if theme:
            pilot.app.theme = theme
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ProgressScreen)
        if heading:
            label = next(w for w in screen.query(Label) if str(w.render()) == heading)
            screen.query_one("#progress-body").scroll_to_widget(label, top=True, animate=False)
        await settle(pilot)

    return run_before


def test_progress_practice_and_days_on_track(snap_compare, journal_app) -> None:
    assert snap_compare(journal_app(), terminal_size=SIZE, run_before=at_section(None))


def test_progress_cravings(snap_compare, journal_app) -> None:
    assert snap_compare(journal_app(), terminal_size=SIZE, run_before=at_section("Cravings"))


def test_progress_scores_in_high_contrast(snap_compare, journal_app) -> None:
    assert snap_compare(
        journal_app(), terminal_size=SIZE, run_before=at_section("Check-in scores", theme="high-contrast")
    )


def test_progress_before_and_after_under_no_color(snap_compare, journal_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = journal_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=at_section("Before and after"))
