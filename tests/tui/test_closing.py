"""Quitting never discards a draft: when the journal cannot take it (its lock held by
another process, the disk gone), Ctrl+Q, SIGTERM and closing the terminal leave it in a
rescue file (Ctrl+Q says where), without waiting out the lock, and the process ends; the
next launch offers it; when not even a rescue file can be written, Ctrl+Q asks first.
SIGINT keeps the last words as Ctrl+Q does."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pilot_helpers import (
    UNTIL_THE_APP_ENDS,
    Terminal,
    holding_the_lock,
    resume_from_home,
    settle,
    start_typist,
    store_at,
)
from textual.widgets import Input, OptionList

from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.runner import RunnerScreen

WORDS = "kept at the bus stop"
#: The store's lock timeout is 10 s; quitting may not wait it out.
QUICKLY = 8.0


def rescued_words(home: Path) -> list[str]:
    """The first answer of each draft in the data home's rescue files."""
    found = []
    for path in sorted(home.glob("rescue-*.json")):
        assert path.stat().st_mode & 0o777 == 0o600
        for entry in json.loads(path.read_text(encoding="utf-8"))["entries"]:
            found.extend(str(answer) for answer in entry["answers"].values())
    return found


async def test_quit_with_the_journal_locked_leaves_a_rescue_file_that_the_next_launch_offers(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    terminal = Terminal([sys.executable, "-m", "cbt_tui", "run", "typing/words"], cbt_home)
    try:
        terminal.wait_for(b"few words")
        with holding_the_lock(cbt_home):
            terminal.send(WORDS.encode())
            terminal.wait_for(b"bus stop")
            pressed = time.monotonic()
            terminal.send(b"\x11")  # Ctrl+Q
            code = terminal.finish()
            took = time.monotonic() - pressed
    finally:
        terminal.close()
    assert code == 0
    assert took < QUICKLY
    assert rescued_words(cbt_home) == [WORDS]
    rescue = next(cbt_home.glob("rescue-*.json"))
    said = terminal.text().replace(" ", "")
    assert rescue.name in said  # where it is (a long path may be folded at 80 columns)
    assert "offeredonthehomescreen" in said

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        waiting = app.screen.query_one("#open-entries", OptionList)
        assert waiting.option_count == 1
        assert "Words · rescued draft" in str(waiting.get_option_at_index(0).prompt)
        await resume_from_home(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.view.query_one(Input).value == WORDS
        entry_id = app.screen.run.entry.id
    assert not list(cbt_home.glob("rescue-*.json"))  # taken back into the journal
    assert store_at(cbt_home).get(entry_id).answers == {"one": WORDS}


def test_closing_the_terminal_with_the_journal_locked_leaves_a_rescue_file(install_test_pack, cbt_home: Path) -> None:
    install_test_pack("typing.yaml")
    terminal = Terminal([sys.executable, "-m", "cbt_tui", "run", "typing/words"], cbt_home)
    try:
        terminal.wait_for(b"few words")
        with holding_the_lock(cbt_home):
            terminal.send(WORDS.encode())
            terminal.wait_for(b"bus stop")
            closed = time.monotonic()
            code = terminal.hang_up()
            took = time.monotonic() - closed
    finally:
        terminal.close()
    assert code == 0
    assert took < QUICKLY
    assert rescued_words(cbt_home) == [WORDS]


def test_sigterm_with_the_journal_locked_leaves_a_rescue_file(cbt_home: Path, tmp_path: Path) -> None:
    typist = start_typist(cbt_home, tmp_path, WORDS, UNTIL_THE_APP_ENDS, wait_to_type=True)
    try:
        assert typist.stdout.readline().strip() == "READY"  # the journal is open
        with holding_the_lock(cbt_home):
            typist.stdin.write("go\n")
            typist.stdin.flush()
            assert typist.stdout.readline().strip() == "TYPED"
            sent = time.monotonic()
            typist.send_signal(signal.SIGTERM)
            assert typist.wait(timeout=30) == 0
            assert time.monotonic() - sent < QUICKLY
    finally:
        typist.kill()
        typist.wait()
    assert rescued_words(cbt_home) == [WORDS]


def test_sigint_keeps_the_words_typed_just_before(cbt_home: Path, tmp_path: Path) -> None:
    """The signal arrives before the half-second saver could have run."""
    interrupt_now = "        os.kill(os.getpid(), signal.SIGINT)\n" + UNTIL_THE_APP_ENDS
    typist = start_typist(cbt_home, tmp_path, WORDS, interrupt_now)
    try:
        assert typist.stdout.readline().strip() == "TYPED"
        assert typist.wait(timeout=30) == 0
    finally:
        typist.kill()
        typist.wait()
    assert json.dumps(WORDS) in (cbt_home / "state.json").read_text(encoding="utf-8")


async def test_quit_asks_first_when_not_even_a_rescue_file_can_be_written(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The data home is gone (a drive pulled out): neither the journal nor a rescue
        # file can be written.
        shutil.rmtree(cbt_home)
        cbt_home.write_text("")
        await pilot.press(*"words with nowhere to go")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "Not even a rescue file could be written" in question
        assert "lose your draft of Words (1 answer)" in question
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, RunnerScreen)  # the words are still here
        assert app.screen.view.answer() == "words with nowhere to go"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
    assert app.return_code == 1


async def test_after_staying_saving_keeps_trying(make_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shutil.rmtree(cbt_home)
        cbt_home.write_text("")
        await pilot.press(*"words kept for later")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("n")
        cbt_home.unlink()  # the drive is back
        cbt_home.mkdir()
        deadline = time.monotonic() + 10  # the saver's next tick; a bound, not a pause
        while "words kept for later" not in state_text(cbt_home):
            assert time.monotonic() < deadline, "the draft was never saved"
            await pilot.pause(0.05)
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_closing_waits_for_what_writes_and_not_for_what_only_reads(make_app, cbt_home: Path) -> None:
    """Quitting or a closed window waits a moment for a write under way (a setting), never
    for a reader: the journal opening behind another window's lock, or the packs being
    read, which lingered on after the window closed, slowing the next start."""
    store_at(cbt_home)
    app = make_app()
    with holding_the_lock(cbt_home):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            readers = [worker for worker in app.workers if worker.name == "open your journal"]
            assert readers and readers[0].is_running  # waiting out the lock
            await asyncio.wait_for(app._let_writes_finish(wait=30), timeout=5)
            assert readers[0].is_running

            app.run_worker(lambda: time.sleep(0.3), thread=True, name="save your settings", group="settings")
            started = time.monotonic()
            await app._let_writes_finish(wait=5)
            assert time.monotonic() - started >= 0.25, "a setting being saved was not waited for"


CLOSING_WITH_NOTHING_TYPED = """
import asyncio, sys
from pathlib import Path
from cbt_tui.tui.app import TrainerApp
closing = asyncio.run(TrainerApp(home=Path(sys.argv[1])).drafts.save_before_closing())
print(closing, sorted(m for m in sys.modules if m == "tinydb" or m.startswith("cbt_tui.store")))
"""


def test_closing_with_nothing_typed_does_not_wait_to_import_the_journal(cbt_home: Path) -> None:
    """With no draft there is nothing to save: closing does not import the store, an
    import that waits for a start-up reader's own (it kept a closed window's process
    alive about 150 ms more, slowing the next start)."""
    done = subprocess.run(
        [sys.executable, "-c", CLOSING_WITH_NOTHING_TYPED, str(cbt_home)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "Closing(rescue=None, lost=None, problem='') []", done.stdout


def state_text(home: Path) -> str:
    try:
        return (home / "state.json").read_text(encoding="utf-8")
    except OSError:
        return ""


STUCK_AFTER_THE_HANGUP = """
import signal, sys, threading
from cbt_tui.tui.hangup import watch_the_terminal
signal.signal(signal.SIGHUP, signal.SIG_IGN)  # its handler cannot run: the loop is stuck
watch_the_terminal(0, every=0.05, grace=0.2)
sys.stdout.write("watching\\n"); sys.stdout.flush()
threading.Event().wait()  # as Textual's shutdown waits for its dead writer thread
"""


def test_a_trainer_stuck_closing_ends_once_its_terminal_is_gone() -> None:
    """Ctrl+Q and then the window closed at once left the trainer behind for good, with
    no terminal: Textual's shutdown waited on its writer thread, dead on the closed pty."""
    pid, fd = pty.fork()
    if pid == 0:  # the child, on the terminal
        os.execv(sys.executable, [sys.executable, "-c", STUCK_AFTER_THE_HANGUP])
    seen = b""
    deadline = time.monotonic() + 30  # a bound against hanging, not a pause
    while b"watching" not in seen:
        assert time.monotonic() < deadline, seen
        seen += os.read(fd, 1024)
    os.close(fd)  # the window closes
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the process stayed behind after its terminal closed")
        time.sleep(0.02)
