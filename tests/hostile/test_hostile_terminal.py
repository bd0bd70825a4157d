"""No data-borne escape reaches a real terminal (issue 10, section 1): each output path
runs under a real pty (80x24, TERM=xterm-256color) on a data home holding the hostile
corpus, and the bytes it wrote there hold none of the payload's sequences (the app's own
styling escapes are fine). Then tmux: the pane title is unchanged after the trainer has
shown hostile text (skipped without tmux)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import HERE
from payload import leaked
from pilot_helpers import Terminal
from typer.testing import CliRunner

from cbt_tui.cli import app as cli

pytestmark = pytest.mark.slow
CBT = [sys.executable, "-m", "cbt_tui"]


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home with the hostile export imported and the hostile pack installed."""
    home = tmp_path_factory.mktemp("hostile") / "home"
    runner = CliRunner()
    env = {"CBT_HOME": str(home)}
    assert runner.invoke(cli, ["import", str(HERE / "exports" / "hostile-text.json")], env=env).exit_code == 0
    assert runner.invoke(cli, ["pack", "install", str(HERE / "packs" / "hostile-text.yaml")], env=env).exit_code == 0
    return home


#: Every way the CLI writes to a terminal: tables, lines, documents, errors (stderr is the
#: terminal too).
COMMANDS = {
    "validate ok": ["validate", str(HERE / "packs" / "hostile-text.yaml")],
    "validate errors": ["validate", str(HERE / "packs" / "hostile-id.yaml"), str(HERE / "packs" / "hostile-keys.yaml")],
    "pack install refused": ["pack", "install", str(HERE / "packs" / "hostile-id.yaml")],
    "import refused": ["import", str(HERE / "exports" / "not-json.json")],
    "import problems": ["import", str(HERE / "exports" / "hostile-id.json")],
    "list": ["list"],
    "list --json": ["list", "--json"],
    "pack list": ["pack", "list"],
    "history": ["history"],
    "history --json": ["history", "--json"],
    "due": ["due"],
    "report": ["report", "--since", "2026-11-01"],
    "report html": ["report", "--since", "2026-11-01", "--format", "html"],
    "progress": ["progress", "--since", "2026-11-01"],
    "export json": ["export"],
    "export csv": ["export", "--format", "csv"],
    "export md": ["export", "--format", "md"],
    "config list": ["config", "list"],
    "delete asks": ["delete", "01JHOSTILE0000000000000001"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_cli_output_on_a_real_terminal(name: str, hostile_home: Path) -> None:
    terminal = Terminal([*CBT, *COMMANDS[name]], hostile_home)
    try:
        if name == "delete asks":
            terminal.wait_for(b"?")
            terminal.send(b"n\r")
        terminal.finish(60)
    finally:
        terminal.close()
    assert b"Traceback" not in terminal.output
    assert not leaked(terminal.output), f"cbt {name} let data drive the terminal"


def test_the_trainer_on_a_real_terminal(hostile_home: Path) -> None:
    """Home, History, the entry, Help now, and the hostile pack's first steps."""
    terminal = Terminal([*CBT], hostile_home)
    try:
        terminal.wait_for(b"Welcome back")
        terminal.wait_for(b"PWNED")  # the hostile titles are on screen, as symbols
        terminal.send(b"h")
        terminal.wait_for(b" entries")  # the rows are in (the count under them): Enter opens the newest
        terminal.send(b"\r")
        terminal.wait_for(b"What happened?")
        terminal.send(b"\x1b")
        time.sleep(0.3)  # a lone ESC is told from a key sequence by a short pause
        terminal.send(b"\x1b")
        time.sleep(0.3)
        terminal.send(b"\x1bOP")  # F1: Help now
        terminal.wait_for(b"Your people")
        terminal.send(b"\x1b")
        time.sleep(0.3)
        terminal.send(b"\x11")  # Ctrl+Q
        assert terminal.finish(60) == 0
    finally:
        terminal.close()
    assert b"Traceback" not in terminal.output
    assert not leaked(terminal.output), "the trainer let data drive the terminal"


def test_the_runner_on_a_real_terminal(hostile_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"  # its own copy: the draft it leaves is not the others' newest entry
    shutil.copytree(hostile_home, home)
    terminal = Terminal([*CBT, "run", "hostile-text/all"], home)
    try:
        terminal.wait_for(b"step 1 of")
        terminal.send(b"\x1bOQ")  # F2: the step's help
        terminal.wait_for(b"PWNED")
        terminal.send(b"\x0e")  # Ctrl+N
        terminal.wait_for(b"step 2 of")
        terminal.send(b"\x11")
        assert terminal.finish(60) == 0
    finally:
        terminal.close()
    assert b"Traceback" not in terminal.output
    assert not leaked(terminal.output), "the runner let data drive the terminal"


def tmux(socket: str, *args: str) -> str:
    done = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30, check=True)
    return done.stdout


def wait_for_the_trainer_to_end(socket: str) -> None:
    """Its pane (and so the tmux server) closes once the trainer has ended. Killing the
    server while the trainer is still closing can leave it behind with no terminal."""
    deadline = time.monotonic() + 60  # a bound against hanging, not a pause
    while subprocess.run(["tmux", "-L", socket, "has-session"], capture_output=True, timeout=30).returncode == 0:
        assert time.monotonic() < deadline, "the trainer did not end after Ctrl+Q"
        time.sleep(0.05)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_pane_title_is_unchanged_after_hostile_text(hostile_home: Path) -> None:
    socket = f"cbt-hostile-{os.getpid()}"
    shell = " ".join(["env", f"CBT_HOME={hostile_home}", "TERM=xterm-256color", *CBT])
    tmux(socket, "new-session", "-d", "-s", "ho", "-x", "80", "-y", "24", "sleep 3600")
    try:
        tmux(socket, "select-pane", "-t", "ho", "-T", "before")
        tmux(socket, "respawn-pane", "-k", "-t", "ho", shell)
        tmux(socket, "select-pane", "-t", "ho", "-T", "before")

        def wait_for(text: str) -> str:
            deadline = time.monotonic() + 60  # a bound against hanging, not a pause
            while True:
                screen = tmux(socket, "capture-pane", "-p", "-t", "ho")
                if text in screen:
                    return screen
                assert time.monotonic() < deadline, f"{text!r} never showed:\n{screen}"
                time.sleep(0.05)

        wait_for("␛]0;PWNED")  # Home has read the journal: its recent entries are listed
        tmux(socket, "send-keys", "-t", "ho", "h")
        wait_for(" entries")
        tmux(socket, "send-keys", "-t", "ho", "Enter")
        screen = wait_for("What happened?")
        assert "␛]0;PWNED" in screen  # shown, as symbols
        assert tmux(socket, "display", "-p", "-t", "ho", "#{pane_title}").strip() == "before"
        tmux(socket, "send-keys", "-t", "ho", "C-q")
        wait_for_the_trainer_to_end(socket)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30, check=False)
