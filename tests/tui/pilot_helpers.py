"""Helpers for driving the real app: with the Pilot, in a process of its own, or on a
real terminal."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from cbt_tui.domain.entries import now
from cbt_tui.store import Store, open_store


async def settle(pilot: Pilot) -> None:
    """Wait for workers (store, catalog) and the messages they post. A worker that failed
    is the app's to report (its workers never exit the app), not the test's."""
    for _ in range(2):
        await asyncio.gather(*(worker.wait() for worker in pilot.app.workers), return_exceptions=True)
        await pilot.pause()


def on_view(screen: Screen, selector: str) -> bool:
    """Whether a part of the screen is shown: mounted and displayed (Home mounts its lists
    and notices only once they have something to show)."""
    return any(widget.display for widget in screen.query(selector))


def store_at(home: Path) -> Store:
    return open_store(home)


#: Named keys `burst` sends as keys; any other part is text, typed a character at a time.
KEY_NAMES = {"enter", "tab", "shift+tab", "up", "down", "left", "right", "backspace", "delete", "escape"}
KEY_CHARACTERS = {"enter": "\r", "tab": "\t", "backspace": "\x7f", "escape": "\x1b"}


async def burst(pilot: Pilot, *parts: str) -> None:
    """Keys arriving at once, as a paste then a hotkey does, or `tmux send-keys 'words'
    C-n`: every key reaches the app before it handles the first (`Pilot.press` waits
    after each key). A part that is a key name (`ctrl+n`, `tab`, `enter`...) is that
    key; any other part is text."""
    for part in parts:
        if part in KEY_NAMES or part.startswith(("ctrl+", "shift+")) or re.fullmatch(r"f\d{1,2}", part):
            pilot.app.post_message(events.Key(part, KEY_CHARACTERS.get(part)))
        else:
            for character in part:
                pilot.app.post_message(events.Key(_character_to_key(character), character))
    await settle(pilot)


async def type_text(pilot: Pilot, text: str, into=None) -> None:
    """Insert text where typing would put it (as a paste does; fast for long text).

    `into` focuses that widget first; otherwise the focused widget takes the text.
    """
    if into is not None:
        into.focus()
        await pilot.pause()
    widget = pilot.app.focused
    if hasattr(widget, "insert_text_at_cursor"):
        widget.insert_text_at_cursor(text)
    elif hasattr(widget, "insert"):
        widget.insert(text, widget.cursor_location)
    else:
        raise AssertionError(f"{widget!r} has focus and cannot take text")
    await pilot.pause()


async def bring_followup_due(pilot: Pilot, home: Path, entry_id: str) -> None:
    """Move the follow-up's due time into the past, as time passing would."""
    store = store_at(home)
    entry = store.get(entry_id)
    entry.followup_due = now() - timedelta(minutes=1)
    store.save(entry)
    pilot.app.screen.load()
    await settle(pilot)


async def resume_from_home(pilot: Pilot) -> None:
    """Enter on the first open entry of Home (a draft, or a follow-up that fell due)."""
    waiting = pilot.app.screen.query_one("#open-entries", OptionList)
    assert not waiting.get_option_at_index(0).disabled
    waiting.focus()
    waiting.highlighted = 0
    await pilot.press("enter")
    await settle(pilot)


TYPIST = """
import asyncio, os, signal, sys
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
        if len(sys.argv) > 2:  # wait for the word to go on
            print("READY", flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        app.focused.insert(sys.argv[1], app.focused.cursor_location)
        await pilot.pause()
        print("TYPED", flush=True)
AFTER_TYPING

asyncio.run(main())
"""
#: The typist waits to be killed; or it waits for the app to end (a signal ends it).
UNTIL_KILLED = "        await asyncio.sleep(120)\n"
UNTIL_THE_APP_ENDS = "        while app.is_running:\n            await asyncio.sleep(0.05)\n"


def start_typist(
    home: Path, tmp_path: Path, words: str, after_typing: str = UNTIL_KILLED, *, wait_to_type: bool = False
) -> subprocess.Popen:
    """The real app in a process of its own: it opens the thought record, types `words`
    into its first answer, prints TYPED and then runs `after_typing` (Python, indented
    8 spaces, inside the Pilot block). With `wait_to_type` it prints READY first and
    types once a line arrives on its stdin."""
    script = tmp_path / "typist.py"
    script.write_text(TYPIST.replace("AFTER_TYPING\n", after_typing))
    env = {**os.environ, "CBT_HOME": str(home)}
    argv = [sys.executable, str(script), words] + (["--wait"] if wait_to_type else [])
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)


@contextmanager
def holding_the_lock(home: Path) -> Iterator[Callable[[], None]]:
    """Another process holds the journal's lock (`flock`, as filelock takes it) inside
    the block, or until the block calls what it yields (the other window lets go)."""
    lock = home / ".store.lock"
    holder = subprocess.Popen(["flock", str(lock), "sleep", "120"], start_new_session=True)

    def let_go() -> None:
        if holder.poll() is None:
            os.killpg(holder.pid, signal.SIGKILL)  # flock and its sleep, which shares the lock
            holder.wait()

    try:
        deadline = time.monotonic() + 10  # a bound against hanging, not a pause
        while subprocess.run(["flock", "-n", str(lock), "true"]).returncode == 0:
            assert time.monotonic() < deadline, "flock did not take the lock"
            time.sleep(0.02)
        yield let_go
    finally:
        let_go()


class Terminal:
    """A program on a real terminal of 80x24, as a person runs it; `output` is everything
    it wrote there."""

    def __init__(self, argv: list[str], home: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child, on the terminal
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.environ.update({"CBT_HOME": str(home), "TERM": "xterm-256color"})
            os.execv(argv[0], argv)
        self.output = b""
        self.exit_code: int | None = None

    def _read(self, seconds: float) -> bool:
        """Take what the program wrote within `seconds`; False once it has closed."""
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, text: bytes, seconds: float = 30) -> None:
        """Until the program has written `text` (a bound against hanging, not a pause)."""
        deadline = time.monotonic() + seconds
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never showed"
            assert self._read(0.1), f"the program ended before {text!r} showed"

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def finish(self, seconds: float = 30) -> int:
        """Until the program ends; returns its exit code."""
        deadline = time.monotonic() + seconds
        while self._read(0.1):
            assert time.monotonic() < deadline, "the program did not end"
        _, status = os.waitpid(self.pid, 0)
        self.exit_code = os.waitstatus_to_exitcode(status)
        return self.exit_code

    def hang_up(self, seconds: float = 30) -> int:
        """Close the terminal, as closing its window does (the program gets SIGHUP);
        returns the program's exit code once it has ended."""
        os.close(self.fd)
        self.fd = -1
        deadline = time.monotonic() + seconds  # a bound against hanging, not a pause
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                return self.exit_code
            assert time.monotonic() < deadline, "the program did not end after the terminal closed"
            time.sleep(0.02)

    def text(self) -> str:
        """The output as text, with the line breaks of wrapping taken out."""
        return self.output.decode("utf-8", "replace").replace("\r\n", " ").replace("\n", " ")

    def close(self) -> None:
        """End the program if it is still running (after a failed check)."""
        if self.exit_code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd != -1:
            os.close(self.fd)


HOLD_IMPORT = """
import os, runpy, sys, time

PACKAGE, RELEASE = sys.argv[1], sys.argv[2]

class Hold:
    '''A package that cannot be imported until the test says (its file appears).'''

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == PACKAGE:
            while not os.path.exists(RELEASE):
                time.sleep(0.02)
        return None

sys.meta_path.insert(0, Hold())
sys.argv = ["cbt"]
runpy.run_module("cbt_tui", run_name="__main__")
"""


def holding_import(package: str, release: Path) -> list[str]:
    """The argv of `cbt` (the trainer) in which `package` cannot be imported until the
    file `release` exists: whatever needs it waits, for as long as the test wants."""
    return [sys.executable, "-c", HOLD_IMPORT, package, str(release)]
