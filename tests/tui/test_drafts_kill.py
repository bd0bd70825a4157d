"""A draft survives kill -9: type in a real process, kill it, relaunch, resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pilot_helpers import settle
from textual.widgets import OptionList, TextArea

from cbt_tui.tui.screens.runner import RunnerScreen

TYPIST = """
import asyncio, os, sys
from pathlib import Path
from cbt_tui.tui.app import TrainerApp

async def main():
    app = TrainerApp(home=Path(os.environ["CBT_HOME"]), start_exercise="core/thought-record")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.focused.insert(sys.argv[1], app.focused.cursor_location)
        await pilot.pause()
        print("TYPED", flush=True)
        await asyncio.sleep(120)  # until killed

asyncio.run(main())
"""
WORDS = "At the bus stop after work; [/bold] 🚌 مرحبا"


def draft_text(home: Path) -> str:
    try:
        return (home / "state.json").read_text(encoding="utf-8")
    except OSError:
        return ""


async def test_typing_survives_kill_9_and_resumes(make_app, cbt_home: Path, tmp_path: Path) -> None:
    script = tmp_path / "typist.py"
    script.write_text(TYPIST)
    env = {**os.environ, "CBT_HOME": str(cbt_home)}
    typist = subprocess.Popen([sys.executable, str(script), WORDS], stdout=subprocess.PIPE, text=True, env=env)
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


def run_typist(cbt_home: Path, tmp_path: Path, after_typing: str) -> subprocess.Popen:
    script = tmp_path / "typist.py"
    script.write_text(TYPIST.replace("        await asyncio.sleep(120)  # until killed\n", after_typing))
    env = {**os.environ, "CBT_HOME": str(cbt_home)}
    return subprocess.Popen([sys.executable, str(script), WORDS], stdout=subprocess.PIPE, text=True, env=env)


def test_closing_the_terminal_saves_the_draft_at_once(cbt_home: Path, tmp_path: Path) -> None:
    """SIGHUP right after typing, before the half-second saver could run."""
    wait_for_exit = "        while app.is_running:\n            await asyncio.sleep(0.05)\n"
    typist = run_typist(cbt_home, tmp_path, wait_for_exit)
    assert typist.stdout.readline().strip() == "TYPED"
    typist.send_signal(signal.SIGHUP)
    assert typist.wait(timeout=30) == 0
    assert json.dumps(WORDS)[1:-1] in draft_text(cbt_home)


def test_quitting_right_after_typing_saves_the_draft(cbt_home: Path, tmp_path: Path) -> None:
    typist = run_typist(cbt_home, tmp_path, "        await pilot.press('ctrl+q')\n        await pilot.pause()\n")
    assert typist.stdout.readline().strip() == "TYPED"
    assert typist.wait(timeout=30) == 0
    assert json.dumps(WORDS)[1:-1] in draft_text(cbt_home)
