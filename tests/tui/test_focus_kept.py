"""Focus is never lost, and always visible (issue 16, point 6): at launch when "Due
today" shows, after the palette, Help now or a dialog closes; without colour the
focused row is marked, and a ticked box differs from an unticked one by its mark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TESTS
from pilot_helpers import settle
from textual.filter import NoColor
from textual.widgets import OptionList, RadioSet, SelectionList
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import RunnerScreen

GUIDE = TESTS.parent / "docs" / "writing-packs.md"


def install_guide_pack(folder: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8").split("## A complete example", 1)[1]
    path = folder / "first-weeks.yaml"
    path.write_text(re.search(r"```yaml\n(.*?)\n```", text, re.S).group(1) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["pack", "install", str(path)])
    assert result.exit_code == 0, result.stderr


async def test_at_launch_what_is_due_today_has_focus_and_enter_starts_it(make_app, tmp_path: Path) -> None:
    install_guide_pack(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        due = app.screen.query_one("#due", OptionList)
        assert app.focused is due
        assert due.highlighted_option.id == "due:first-weeks/evening-check-in"
        await pilot.press("down")
        assert due.highlighted_option.id == "due:first-weeks/urge-surf"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.exercise.id == "urge-surf"


@pytest.mark.parametrize("opens", [("ctrl+p",), ("f1",)], ids=["palette", "help-now"])
async def test_focus_comes_back_after_the_palette_or_help_now(make_app, tmp_path: Path, opens) -> None:
    install_guide_pack(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        due = app.screen.query_one("#due", OptionList)
        await pilot.press(*opens)
        await settle(pilot)
        assert not isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.focused is due


@pytest.mark.parametrize("opens", [("ctrl+p",), ("f1",), ("h",)], ids=["palette", "help-now", "history"])
async def test_home_without_focus_gets_it_back_when_what_was_over_it_closes(make_app, opens) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.set_focus(None)  # as a click on empty space does
        await pilot.press(*opens)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.focused is app.screen.query_one("#library")


BOXES = """\
format: 1
id: boxes
title: Boxes
version: 1.0.0
exercises:
  - id: boxes
    title: Boxes
    kind: skill
    summary: One of each.
    steps:
      - {type: choice, id: one, prompt: One?, options: [yes, no]}
      - {type: choice, id: some, prompt: Some?, multiple: true, options: [a, b]}
"""


def marks(strip) -> tuple[str, bool]:
    """A line as NO_COLOR shows it: its text, and whether any of it is underlined."""
    segments = NoColor().apply(list(strip), None)
    return "".join(s.text for s in segments), any(s.style is not None and s.style.underline for s in segments)


async def test_without_colour_the_focused_row_is_underlined_and_boxes_show_their_mark(
    make_app, install_test_pack, cbt_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    install_test_pack("every-step.yaml")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        library = app.screen.query_one("#library", OptionList)
        assert app.focused is library
        row = library._index_to_line[library.highlighted]
        assert marks(library.render_line(row))[1], "the highlighted row is marked without colour"
        assert not marks(library.render_line(row + 1))[1]

    (cbt_home / "packs" / "boxes.yaml").write_text(BOXES, encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")  # each app takes it out of the environment
    app = make_app(start_exercise="boxes/boxes")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first radio: "yes"
        await pilot.pause()
        buttons = [str(b.render()) for b in app.screen.query_one(RadioSet).query("RadioButton")]
        assert buttons[0].startswith("▐●▌") and buttons[1].startswith("▐○▌"), buttons
        await pilot.press("ctrl+n")
        await settle(pilot)
        boxes = app.screen.query_one(SelectionList)
        boxes.select(boxes.get_option_at_index(1).value)
        await pilot.pause()
        lines = [marks(boxes.render_line(y))[0] for y in range(2)]
        assert lines[0].startswith("▐ ▌") and lines[1].startswith("▐X▌"), lines
