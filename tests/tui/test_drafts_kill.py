"""A draft survives kill -9: type in a real process, kill it, relaunch, resume."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from pilot_helpers import UNTIL_THE_APP_ENDS, settle, start_typist
from textual.widgets import OptionList, TextArea

from cbt_tui.tui.screens.runner import RunnerScreen

WORDS = "At the bus stop after work; [/bold] 🚌 مرحبا"


def draft_text(home: Path) -> str:
    try:
        return (home / "state.json").read_text(encoding="utf-8")
    except OSError:
        return ""


async def test_typing_survives_kill_9_and_resumes(make_app, cbt_home: Path, tmp_path: Path) -> None:
    typist = start_typist(cbt_home, tmp_path, WORDS)
    try:
        assert typist.stdout.readline().strip() == "TYPED"
        deadline = time.monotonic() + 10  # a bound against hanging, not a speed check
        while json.dumps(WORDS)[1:-1] not in draft_text(cbt_home) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(typist.pid, signal.SIGKILL)
    finally:
        typist.kill()
        typist.wait(timeout=10)
    assert typist.returncode == -signal.SIGKILL

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        waiting = app.screen.query_one("#open-entries", OptionList)
        assert waiting.option_count == 1
        waiting.focus()
        waiting.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.step.id == "situation"
        assert app.screen.view.query_one(TextArea).text == WORDS


def test_closing_the_terminal_saves_the_draft_at_once(cbt_home: Path, tmp_path: Path) -> None:
    """SIGHUP right after typing, before the half-second saver could run."""
    typist = start_typist(cbt_home, tmp_path, WORDS, UNTIL_THE_APP_ENDS)
    assert typist.stdout.readline().strip() == "TYPED"
    typist.send_signal(signal.SIGHUP)
    assert typist.wait(timeout=30) == 0
    assert json.dumps(WORDS)[1:-1] in draft_text(cbt_home)


#: Ctrl+Q as a terminal sends it (Pilot.press then waits for widgets that quitting stops).
PRESS_CTRL_Q = (
    "        from textual import events\n        app.post_message(events.Key('ctrl+q', None))\n" + UNTIL_THE_APP_ENDS
)


def test_quitting_right_after_typing_saves_the_draft(cbt_home: Path, tmp_path: Path) -> None:
    typist = start_typist(cbt_home, tmp_path, WORDS, PRESS_CTRL_Q)
    assert typist.stdout.readline().strip() == "TYPED"
    assert typist.wait(timeout=30) == 0
    assert json.dumps(WORDS)[1:-1] in draft_text(cbt_home)
