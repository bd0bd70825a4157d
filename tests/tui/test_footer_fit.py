"""The footer shows whole keys only (issue 16, point 2): a key that does not fit beside
the palette key is left out, never cut or drawn under it; "Help now" always shows."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from textual.widgets import Footer

from cbt_tui.tui.screens.runner import RunnerScreen


def footer_keys(app) -> tuple[list, list]:
    """The footer's keys on screen and those left out, in order, as (description, region)."""
    footer = app.screen.query_one(Footer)
    shown, left_out = [], []
    for key in footer.children:
        (shown if key.display else left_out).append((str(getattr(key, "description", "")), key.region, key))
    return shown, left_out


def assert_whole_keys(app) -> list[str]:
    footer = app.screen.query_one(Footer)
    shown, left_out = footer_keys(app)
    palette = [region for _, region, key in shown if key.has_class("-command-palette")]
    others = [(name, region) for name, region, key in shown if not key.has_class("-command-palette")]
    assert others[0][0] == "Help now"
    right_edge = palette[0].x if palette else footer.region.right
    for name, region in others:
        assert region.width > 0 and footer.region.contains_region(region), name
        assert region.right <= right_edge, f"{name} runs under the palette key"
    for (first, a), (second, b) in zip(others, others[1:], strict=False):
        assert a.right <= b.x, f"{first} and {second} overlap"
    keys = [key for key in footer.children if not key.has_class("-command-palette")]
    if left_out:  # what is left out is the end of the row, never a key in the middle
        first_left_out = keys.index(left_out[0][2])
        assert all(not key.display for key in keys[first_left_out:])
    return [name for name, _ in others]


async def test_home_at_60_columns_shows_only_whole_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        shown = assert_whole_keys(app)
        assert shown == ["Help now", "Craving now", "History", "Progress"]
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert assert_whole_keys(app)[-1] == "Quit"  # room again: every key is back


@pytest.mark.parametrize("width", [80, 60])
async def test_the_timer_footer_shows_only_whole_keys(make_app, width) -> None:
    app = make_app(start_exercise="core/craving-surf")
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        for key in ("ctrl+n", "ctrl+n", "5", "ctrl+n", "ctrl+n"):
            await pilot.press(key)
            await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.step.type == "timer"
        shown = assert_whole_keys(app)
        assert shown[:3] == ["Help now", "Pause", "Stop"]
