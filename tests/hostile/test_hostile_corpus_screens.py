"""The hostile corpus through the trainer's screens (issue 10), with the Pilot on the real
app and a real data home: Home, History and the entry, Help now, Progress, the command
palette, and the runner on a hostile pack (each step, its help, leaving it as a draft).
After each: the app is still up, and the screen as drawn holds no byte of the payload
raw (a screenshot keeps every character it was given)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import HERE, KEYMAPS, STORES, put_store_file
from payload import leaked
from pilot_helpers import settle
from textual.pilot import Pilot
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.store import open_store
from cbt_tui.tui.app import TrainerApp
from cbt_tui.tui.screens.home import HomeScreen

runner = CliRunner()


def shows_nothing_raw(app: TrainerApp, where: str) -> None:
    assert app.is_running, f"the trainer stopped at {where}"
    drawn = app.export_screenshot()
    assert not leaked(drawn), f"{where}: data drove the terminal"
    assert "Traceback" not in drawn


async def back_home(pilot: Pilot) -> None:
    for _ in range(4):
        if isinstance(pilot.app.screen, HomeScreen):
            return
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)


async def tour(app: TrainerApp, pilot: Pilot, exercise: tuple[str, str] | str | None = None) -> None:
    await settle(pilot)
    shows_nothing_raw(app, "Home")
    await pilot.press("h")
    await settle(pilot)
    shows_nothing_raw(app, "History")
    await pilot.press("enter")  # the newest entry, if there is one
    await settle(pilot)
    shows_nothing_raw(app, "the entry")
    await back_home(pilot)
    await pilot.press("f1")
    await settle(pilot)
    shows_nothing_raw(app, "Help now")
    await back_home(pilot)
    await pilot.press("p")
    await settle(pilot)
    shows_nothing_raw(app, "Progress")
    await back_home(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Start")
    await settle(pilot)
    shows_nothing_raw(app, "the command palette")
    await back_home(pilot)
    if exercise is not None:
        if isinstance(exercise, str):  # an open draft: picked up as it was typed
            app.open_entry(open_store(app.home).get(exercise))
        else:
            app.start_exercise_by_id(*exercise)
        await settle(pilot)
        for step in range(10):
            shows_nothing_raw(app, f"the runner, step {step + 1}")
            await pilot.press("f2")  # the step's help, where it has some
            await settle(pilot)
            shows_nothing_raw(app, f"the help of step {step + 1}")
            focused = app.focused
            if focused is not None and hasattr(focused, "insert_text_at_cursor"):
                focused.insert_text_at_cursor("an answer")
            await pilot.press("ctrl+n")
            await settle(pilot)
        await back_home(pilot)
        shows_nothing_raw(app, "Home with a hostile draft")


def corpus_cases() -> list[tuple[str, str]]:
    cases = [("export", "hostile-text.json"), ("pack", "hostile-text.yaml"), ("pack", "markup-only.yaml")]
    cases += [("store", name) for name in STORES]
    cases += [("keymap", path.name) for path in KEYMAPS]
    return cases


@pytest.mark.parametrize(("kind", "name"), corpus_cases(), ids=lambda value: value)
async def test_the_trainer_shows_each_file_without_obeying_it(kind: str, name: str, cbt_home: Path) -> None:
    exercise: tuple[str, str] | str | None = None
    if kind == "export":
        assert runner.invoke(cli, ["import", str(HERE / "exports" / name)]).exit_code == 0
    elif kind == "pack":
        assert runner.invoke(cli, ["pack", "install", str(HERE / "packs" / name)]).exit_code == 0
        exercise = (name.removesuffix(".yaml"), "all")
    elif kind == "store":
        put_store_file(cbt_home, name)
        exercise = STORES[name].get("resume")
    else:
        cbt_home.mkdir(mode=0o700, exist_ok=True)
        (cbt_home / "keymap.toml").write_bytes((HERE / "keymaps" / name).read_bytes())
    app = TrainerApp(home=cbt_home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await tour(app, pilot, exercise)
