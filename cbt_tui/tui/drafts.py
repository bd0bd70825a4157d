"""Saving drafts off the UI thread, at most half a second behind the typing.

The runner marks the entry dirty on every change; a timer hands a copy to a thread
worker. A failed save (disk full, read-only home, a stuck lock) keeps the copy in
memory and tries again on the next tick, telling the person once what is wrong.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic stays out of the first paint
    from cbt_tui.domain.entries import Entry
    from cbt_tui.tui.app import TrainerApp

SAVE_EVERY_SECONDS = 0.5


class DraftKeeper:
    def __init__(self, app: TrainerApp) -> None:
        self.app = app
        self.pending: Entry | None = None
        self.failing = False
        self._writing = threading.Lock()  # one write at a time; flush() waits for it

    def start(self) -> None:
        self.app.set_interval(SAVE_EVERY_SECONDS, self._tick, name="draft-saver")

    def keep(self, entry: Entry) -> None:
        """Remember the newest copy; it is written on the next tick."""
        self.pending = entry.model_copy(deep=True)

    def _tick(self) -> None:
        if self.pending is not None and self.app.store is not None:
            entry, self.pending = self.pending, None
            self.app.run_worker(
                partial(self._save, entry), thread=True, exit_on_error=False, name="save your draft", group="drafts"
            )

    def _save(self, entry: Entry) -> None:
        from cbt_tui.tui.crash import failure_message

        store = self.app.store
        if store is None:
            return
        try:
            with self._writing:
                store.save(entry)
        except Exception as error:
            self.app.call_from_thread(self._failed, entry, failure_message("save your draft", error))
        else:
            if self.failing:
                self.failing = False
                self.app.call_from_thread(self.app.notify, "Your draft is saved again.", title="Saved")

    def _failed(self, entry: Entry, message: str) -> None:
        if self.pending is None:
            self.pending = entry  # retry on the next tick unless newer typing replaced it
        if not self.failing:
            self.failing = True
            self.app.notify(
                f"{message}\nYour words are kept here and saving keeps trying.",
                title="Could not save your draft",
                severity="error",
                timeout=15,
            )

    def final_write(self, write: Callable[[Any], object]) -> None:
        """Run the last write of an entry (save it finished, or discard it) on this worker
        thread, after any draft write in flight and instead of a pending one, so an older
        draft copy can never land on top of it. Raises StoreError as the store does."""
        with self._writing:
            self.pending = None
            store = self.app.store
            if store is not None:
                write(store)

    def flush(self) -> None:
        """Write what is pending now, on this thread, after any write under way.

        Used when quitting, and before Home reads the store, so it shows the latest.
        """
        with self._writing:
            entry, self.pending = self.pending, None
            store = self.app.store
            if entry is not None and store is not None:
                try:
                    store.save(entry)
                except Exception:
                    self.pending = entry
