"""Help now from every screen, the command palette and the keymap (Help now itself: test_help_now.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import settle, type_text
from textual.widgets import Input, Static, TextArea

from cbt_tui.tui.screens.history import HistoryScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen
from cbt_tui.tui.screens.safety import SafetyScreen


def emergency_call(screen) -> str:
    return str(screen.query_one("#emergency-call", Static).render())


@pytest.mark.parametrize("where", ["home", "runner-typing", "timer", "review", "history"])
async def test_f1_opens_help_now_from_every_screen(make_app, where: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if where == "runner-typing":
            app.start_exercise_by_id("core", "thought-record")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.focused, (Input, TextArea))
            await pilot.press("a", "b")
        elif where == "timer":
            app.start_exercise_by_id("core", "craving-surf-practice")
            await settle(pilot)
            while app.screen.run.step.type != "timer":
                if app.screen.run.step.type == "text":
                    await type_text(pilot, "x")
                if app.screen.run.step.type == "scale":
                    await pilot.press("5")
                await pilot.press("ctrl+n")
                await settle(pilot)
        elif where == "review":
            app.start_exercise_by_id("core", "thought-record")
            await settle(pilot)
            app.push_screen(ReviewScreen(app.screen.run))
            await settle(pilot)
        elif where == "history":
            app.push_screen(HistoryScreen())
            await settle(pilot)
        before = app.screen
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, SafetyScreen)
        assert "call emergency services now" in emergency_call(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is before


async def test_command_palette_starts_an_exercise_by_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "Start: Thought record")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.exercise.id == "thought-record"


async def test_users_keymap_moves_help_now_to_another_key(make_app, cbt_home: Path) -> None:
    cbt_home.mkdir(parents=True)
    (cbt_home / "keymap.toml").write_text('[keymap]\n"app.safety" = "f5"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, SafetyScreen)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, SafetyScreen)


async def test_a_broken_keymap_is_named_and_the_usual_keys_work(make_app, cbt_home: Path) -> None:
    cbt_home.mkdir(parents=True)
    (cbt_home / "keymap.toml").write_text("[keymap\n")
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert any("keymap.toml" in n.message for n in app._notifications)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, SafetyScreen)
