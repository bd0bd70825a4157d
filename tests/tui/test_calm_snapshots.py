"""Snapshots for issue 16 (calm and clear at 80x24), each reviewed as a picture: Home
scrolled with its highlight, the footer at 60 columns and on the timer.

What keeps them still: a fresh data home under tmp_path, animations off, workers
waited for (see test_snapshots.py for the rest of the recipe).
"""

from __future__ import annotations

from pilot_helpers import settle
from textual.pilot import Pilot

SIZE = (80, 24)


def still(make_app):
    app = make_app()
    app.animation_level = "none"
    return app


def test_home_after_eleven_downs_shows_the_highlight(snap_compare, make_app) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for _ in range(11):
            await pilot.press("down")
        await settle(pilot)

    assert snap_compare(still(make_app), terminal_size=SIZE, run_before=run_before)


def test_footer_at_60_columns_has_whole_keys(snap_compare, make_app) -> None:
    assert snap_compare(still(make_app), terminal_size=(60, 20), run_before=settle)
