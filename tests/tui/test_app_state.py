"""The app's start-up state, its workers' failures, crashes and `cbt run`.

Real app under run_test or a real terminal (pty), real store files, real locks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pilot_helpers import holding_the_lock, settle, store_at
from textual.widgets import OptionList

from cbt_tui.tui.screens.history import HistoryScreen
from cbt_tui.tui.screens.home import HomeScreen

REPO = Path(__file__).resolve().parents[2]


async def test_home_shows_the_library_when_the_journal_cannot_open(make_app, cbt_home: Path) -> None:
    cbt_home.mkdir(parents=True)
    state = {"meta": {"1": {"schema_version": 99}}}
    (cbt_home / "state.json").write_text(json.dumps(state))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.store is None
        library = app.screen.query_one("#library", OptionList)
        assert library.get_option("exercise:core/thought-record") is not None
        assert app.focused is library
        assert "newer cbt-tui" in str(app.screen.query_one("#notices").render())


async def test_a_plain_launch_writes_nothing(make_app, cbt_home: Path) -> None:
    store = store_at(cbt_home)
    store.change_setting("theme", "textual-light")
    store.change_setting("reduced_motion", True)
    before = (cbt_home / "state.json").stat().st_mtime_ns
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-light"
        assert app.reduced_motion is True
    await app.workers.wait_for_complete()
    assert (cbt_home / "state.json").stat().st_mtime_ns == before


async def test_changing_the_theme_is_remembered(make_app, cbt_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "high-contrast"
        await settle(pilot)
    assert store_at(cbt_home).settings().theme == "high-contrast"


async def test_a_held_lock_gives_a_message_and_the_app_stays_up(make_app, cbt_home: Path) -> None:
    app = make_app(lock_timeout=0.3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        with holding_the_lock(cbt_home):
            await pilot.press("h")
            await settle(pilot)
            assert isinstance(app.screen, HistoryScreen)
            messages = [n.message for n in app._notifications]
            assert any("Could not read your history" in m and "held the journal's lock" in m for m in messages)
            app.theme = "textual-light"  # a settings write fails the same way
            await settle(pilot)
            assert app.is_running
        assert app.return_code is None


CRASHING_APP = """
from pathlib import Path
from textual.binding import Binding
import cbt_tui.tui.app
from cbt_tui.tui.app import TrainerApp

class Crashing(TrainerApp):
    CSS_PATH = Path(cbt_tui.tui.app.__file__).with_name("app.tcss")
    BINDINGS = [*TrainerApp.BINDINGS, Binding("f9", "crash", "Crash", priority=True)]

    def action_crash(self):
        answer = "MY-SECRET: I relapsed at the party"
        raise RuntimeError("it broke")

app = Crashing()
app.run()
raise SystemExit(app.return_code)  # as cbt_tui.tui.launch.open_trainer returns it
"""


def run_in_terminal(argv: list[str], keys: list[bytes], home: Path, seconds: float = 20) -> tuple[bytes, int]:
    """Run a program on a real pty, feed it keys once it has drawn, return what it printed."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 80x24
        os.environ.update({"CBT_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
        os.execv(argv[0], argv)
    output = b""
    deadline = time.monotonic() + seconds
    pending = list(keys)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        elif pending and b"Craving now" in output:
            os.write(fd, pending.pop(0))
    _, status = os.waitpid(pid, 0)
    return output, os.waitstatus_to_exitcode(status)


def test_a_crash_shows_one_calm_line_and_keeps_answers_out_of_the_terminal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING_APP)
    output, code = run_in_terminal([sys.executable, str(script)], [b"\x1b[20~"], home)
    text = output.decode("utf-8", "replace")
    assert code == 1
    assert "MY-SECRET" not in text and "relapsed" not in text
    assert "Traceback" not in text and "locals" not in text.lower()
    assert "cbt stopped after an unexpected error (RuntimeError)" in text
    reports = list(home.glob("crash-*.txt"))
    assert len(reports) == 1
    assert reports[0].stat().st_mode & 0o777 == 0o600
    report = reports[0].read_text()
    assert "RuntimeError: it broke" in report and "action_crash" in report
    assert "MY-SECRET" not in report


def test_cbt_run_of_an_unknown_exercise_is_refused_before_any_screen(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cbt_tui", "run", "nope"],
        capture_output=True,
        text=True,
        env={**os.environ, "CBT_HOME": str(tmp_path / "home")},
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "cbt run: there is no exercise 'nope'; `cbt list` shows them all\n"
