"""Saving drafts off the UI thread, at most half a second behind the typing, and the last
save when the trainer closes.

The runner hands over a copy of the entry on every change (`keep`); a timer hands the
newest copy to one save at a time. A failed save (disk full, a read-only home, the lock
held by another window) keeps the copy in memory and tries again on the next tick,
telling the person once what is wrong.

Closing (`save_before_closing`: Ctrl+Q, closing the terminal, SIGTERM, SIGINT) waits a
moment for the store, never its whole lock timeout; a draft the store cannot take in that
time goes to a rescue file beside it (`write_rescue`, which takes no lock), which the next
launch offers. Only when not even that can be written is the draft lost, and Ctrl+Q asks
first.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cbt_tui.tui import shown
from cbt_tui.tui.threads import in_daemon_thread

if TYPE_CHECKING:  # pydantic stays out of the first paint
    from cbt_tui.domain.entries import Entry
    from cbt_tui.tui.app import TrainerApp

SAVE_EVERY_SECONDS = 0.5
#: How long closing waits for the store before the draft goes to a rescue file.
CLOSING_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class Closing:
    """How the last save went: in the store (nothing set), in a rescue file, or nowhere."""

    rescue: Path | None = None
    """Where the draft was written when the store could not take it."""
    lost: Entry | None = None
    """The draft, when not even a rescue file could be written; `problem` says why."""
    problem: str = ""


class DraftKeeper:
    def __init__(self, app: TrainerApp) -> None:
        self.app = app
        self.failing = False
        self._latest: Entry | None = None
        self._kept = 0  # copies handed over so far
        self._saved = 0  # the newest of them that the store holds (or a final write replaced)
        self._in_flight: Future[None] | None = None
        self._writing = threading.Lock()  # one write at a time
        self._state = threading.Lock()  # the counters, between the UI and the save threads

    def start(self) -> None:
        self.app.set_interval(SAVE_EVERY_SECONDS, self._tick, name="draft-saver")

    def keep(self, entry: Entry) -> None:
        """Remember the newest copy; it is written on the next tick."""
        with self._state:
            self._latest = entry.model_copy(deep=True)
            self._kept += 1

    def unsaved(self) -> Entry | None:
        """The newest copy, if the store does not hold it yet."""
        with self._state:
            return self._latest if self._kept > self._saved else None

    def _newest(self) -> tuple[int, Entry | None]:
        with self._state:
            return self._kept, (self._latest if self._kept > self._saved else None)

    def _write(self, version: int, entry: Entry) -> None:
        """Save copy number `version`, unless a newer copy or a final write got there first."""
        with self._writing:
            with self._state:
                if version <= self._saved:
                    return
            store = self.app.store
            if store is None:
                raise RuntimeError("the journal is not open")
            store.save(entry)
            with self._state:
                self._saved = max(self._saved, version)

    def _start_save(self) -> Future[None] | None:
        version, entry = self._newest()
        if entry is None or self.app.store is None:
            return None
        self._in_flight = in_daemon_thread(lambda: self._write(version, entry), "cbt-draft-save")
        return self._in_flight

    def _saving(self) -> Future[None] | None:
        """The save under way, if any."""
        return self._in_flight if self._in_flight is not None and not self._in_flight.done() else None

    def _tick(self) -> None:
        if self._saving() is not None:
            return  # one save at a time: a save stuck on the lock is not joined by more
        future = self._start_save()
        if future is not None:
            self.app.run_worker(self._report(future), exit_on_error=False, name="save your draft", group="drafts")

    async def _report(self, future: Future[None]) -> None:
        from cbt_tui.tui.crash import failure_message

        try:
            await asyncio.wrap_future(future)
        except Exception as error:
            self._failed(failure_message("save your draft", error))
        else:
            if self.failing:
                self.failing = False
                self.app.notify("Your draft is saved again.", title="Saved")
        finally:
            if self._in_flight is future:
                self._in_flight = None

    def _failed(self, message: str) -> None:
        if not self.failing:
            self.failing = True
            self.app.notify(
                shown.words(f"{message}\nYour words are kept here and saving keeps trying."),
                title="Could not save your draft",
                severity="error",
                timeout=15,
                markup=False,
            )

    def final_write(self, write: Callable[[Any], object]) -> None:
        """Run the last write of an entry (save it finished, or discard it) on this worker
        thread, after any draft write in flight and instead of a pending one, so an older
        draft copy can never land on top of it. Raises StoreError as the store does."""
        with self._writing:
            with self._state:
                version = self._kept
            store = self.app.store
            if store is not None:
                write(store)
                with self._state:
                    self._saved = max(self._saved, version)

    def flush(self) -> None:
        """Write the newest copy now, on this thread, after any write under way (Home's
        reader does, before it reads, so it shows the latest). A failure is left to the
        next tick."""
        version, entry = self._newest()
        if entry is not None and self.app.store is not None:
            with suppress(Exception):  # the next tick tries again
                self._write(version, entry)

    async def save_before_closing(self, wait: float = CLOSING_WAIT_SECONDS) -> Closing:
        """The last save, for closing: into the store if it takes the draft within `wait`
        seconds, else into a rescue file. Never blocks the UI thread (nor imports the store
        when there is no draft: that import waits for a reader's own, still under way)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while self.unsaved() is not None and self.app.store is not None:
            future = self._saving() or self._start_save()
            remaining = deadline - loop.time()
            if future is None or remaining <= 0:
                break
            try:
                await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), remaining)
            except Exception:
                break  # refused (disk full, read-only) or still waiting for the lock: rescue it
        version, entry = self._newest()
        if entry is None:
            return Closing()
        from cbt_tui.store import StoreError, write_rescue

        home = self.app.home
        try:
            path = await asyncio.wrap_future(in_daemon_thread(lambda: write_rescue(entry, home), "cbt-rescue"))
        except StoreError as error:
            return Closing(lost=entry, problem=str(error))
        with self._state:
            self._saved = max(self._saved, version)  # the rescue file holds it
        return Closing(rescue=path)

    def rescue_now(self) -> Path | None:
        """After a crash: the newest copy into the store, or else a rescue file, on this
        thread. Returns the rescue file's path, if one was written."""
        from cbt_tui.store import StoreError, write_rescue

        if not self.failing:
            self.flush()
        entry = self.unsaved()
        if entry is None:
            return None
        try:
            return write_rescue(entry, self.app.home)
        except StoreError:
            return None
