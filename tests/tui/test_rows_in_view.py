"""Every list keeps its highlighted row on screen (issue 16, point 1): Down through the
whole of Home at 80x24 and at 60x20, and Enter opens the exercise that was shown."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from textual.widgets import OptionList

from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import RunnerScreen


def highlighted_row_on_screen(app, rows: OptionList) -> bool:
    """Is the highlighted row's first line drawn by the list, inside the screen's visible part?"""
    index = rows.highlighted
    assert index is not None
    line = rows._index_to_line[index]
    y = rows.scrollable_content_region.y + line - round(rows.scroll_y)
    x = rows.scrollable_content_region.x + 2
    if not 0 < y < app.size.height - 1:  # under the header, above the footer
        return False
    widget, _ = app.screen.get_widget_at(x, y)
    return widget is rows


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_down_through_the_whole_home_list_always_shows_the_highlight(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        library = app.screen.query_one("#library", OptionList)
        assert app.focused is library
        library.action_first()  # a first launch picks the thought record: start from the top
        await pilot.pause()
        choices = sum(1 for option in library.options if not option.disabled)
        for _ in range(choices - 1):
            await pilot.press("down")
            await pilot.pause()
            assert highlighted_row_on_screen(app, library), library.highlighted_option.id
        assert library.highlighted_option is library.options[-1]
        await pilot.press("down")  # past the last row: back to the first
        await pilot.pause()
        assert highlighted_row_on_screen(app, library)
        assert library.scroll_y == 0  # with its pack's heading above it
        for _ in range(choices - 1):
            await pilot.press("up")  # and up from the first: to the last
            await pilot.pause()
            assert highlighted_row_on_screen(app, library), library.highlighted_option.id


async def test_enter_after_eleven_downs_opens_the_exercise_shown_highlighted(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library = app.screen.query_one("#library", OptionList)
        for _ in range(11):
            await pilot.press("down")
        await pilot.pause()
        assert highlighted_row_on_screen(app, library)
        shown = library.highlighted_option.id
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert f"exercise:{app.screen.run.pack.id}/{app.screen.run.exercise.id}" == shown
