"""The trainer: a Textual app over the pack catalog and the journal store.

Start-up work runs in app-level thread workers that post typed messages
(`CatalogLoaded`, `StoreOpened`, `StoreFailed`); the app keeps the state they carry and
forwards them to its screens. Every worker runs with `exit_on_error=False`: a failure
is shown as a plain message and the app stays up (`on_worker_state_changed`).
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from cbt_tui.tui.commands import TrainerCommands
from cbt_tui.tui.drafts import DraftKeeper
from cbt_tui.tui.keymap import load_keymap
from cbt_tui.tui.messages import CatalogLoaded, StoreFailed, StoreOpened
from cbt_tui.tui.screens.home import HomeScreen

if TYPE_CHECKING:  # pydantic, ruamel and TinyDB stay out of the first paint
    from cbt_tui.domain.entries import Entry
    from cbt_tui.domain.settings import Settings
    from cbt_tui.packs.catalog import Catalog
    from cbt_tui.store import Store

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
)
CRAVING_EXERCISE = ("core", "craving-surf")


class TrainerApp(App[None]):
    """Home first; exercises, history and the help screen pushed over it."""

    TITLE = "cbt-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        Binding("f1", "safety", "Help now", id="app.safety", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        *,
        home: Path | None = None,
        start_exercise: str | None = None,
        now: Callable[[], float] | None = None,
        catalog: Catalog | None = None,
        lock_timeout: float = 10.0,
    ) -> None:
        super().__init__()
        from cbt_tui.paths import data_home

        self.home = home or data_home()
        self.start_exercise = start_exercise
        """`PACK/ID` or an id to open once the packs are read (`cbt run`)."""
        self.clock = now
        """Injected in tests; timers use a boot-time clock otherwise."""
        self.lock_timeout = lock_timeout
        """How long a store operation waits for another cbt window or command."""
        self.catalog: Catalog | None = catalog
        self.store: Store | None = None
        self.settings: Settings | None = None
        self.store_problems: list[str] = []
        """Why the store could not be opened, or what was found wrong in its files."""
        self.drafts = DraftKeeper(self)
        self.reduced_motion = False
        self._craving_requested = False

    # -- start-up ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        keymap, problem = load_keymap(self.home)
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, severity="warning", timeout=10)
        self.drafts.start()
        self._catch_hangup()
        self.push_screen(HomeScreen())
        if self.catalog is None:
            self.load_catalog()
        else:
            self.post_message(CatalogLoaded(self.catalog))
        self.open_store()

    @work(thread=True, exit_on_error=False, name="read the exercise packs", group="startup")
    def load_catalog(self) -> None:
        from cbt_tui.packs.catalog import load_catalog

        self.post_message(CatalogLoaded(load_catalog()))

    @work(thread=True, exit_on_error=False, name="open your journal", group="startup")
    def open_store(self) -> None:
        from cbt_tui.store import StoreError, open_store

        try:
            store = open_store(self.home, lock_timeout=self.lock_timeout)
            settings = store.settings()
        except StoreError as error:
            self.post_message(StoreFailed(str(error)))
            return
        self.post_message(StoreOpened(store, settings, [problem.message for problem in store.check()]))

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.catalog = message.catalog
        self._forward(lambda: CatalogLoaded(message.catalog))
        if self.start_exercise:
            wanted, self.start_exercise = self.start_exercise, None
            found = message.catalog.find(wanted)
            if found is None:
                self.notify(f"There is no exercise '{wanted}'.", severity="error")
            else:
                self.start_exercise_by_id(found[0].id, found[1].id)
        elif self._craving_requested:
            self.request_craving()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.store = message.store
        self.store_problems = message.problems
        self.apply_settings(message.settings)
        self._forward(lambda: StoreOpened(message.store, message.settings, message.problems))

    def on_store_failed(self, message: StoreFailed) -> None:
        self.store_problems = [message.message]
        self._forward(lambda: StoreFailed(message.message))

    def _forward(self, make: Callable[[], Message]) -> None:
        """Tell every screen on the stack (each gets a message of its own)."""
        for screen in self.screen_stack:
            screen.post_message(make())

    def _catch_hangup(self) -> None:
        """Closing the terminal sends SIGHUP: save the draft, then leave cleanly."""
        try:
            import asyncio

            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(signum, self._leave_now)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # not on the main thread (tests) or not a POSIX system

    def _leave_now(self) -> None:
        self.drafts.flush()
        self.exit()

    # -- settings ------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Theme and reduced motion as stored; applying them writes nothing back."""
        self.settings = settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.reduced_motion = settings.reduced_motion
        if self.reduced_motion:
            self.animation_level = "none"

    def watch_theme(self, theme: str) -> None:
        if self.settings is not None and theme != self.settings.theme:
            self.save_setting("theme", theme)

    def action_toggle_reduced_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        self.animation_level = "none" if self.reduced_motion else "full"
        self.save_setting("reduced_motion", self.reduced_motion)
        self.notify("Reduced motion is " + ("on." if self.reduced_motion else "off."))

    def save_setting(self, key: str, value: object) -> None:
        """Remember a setting (off the UI thread; a failure is shown, nothing else)."""
        store = self.store
        if store is None or self.settings is None:
            return
        self.settings = self.settings.changed(key, value)

        def write() -> None:
            store.change_setting(key, value)

        self.run_worker(write, thread=True, exit_on_error=False, name="save your settings", group="settings")

    # -- failures ------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.report_failure(event.worker)

    def report_failure(self, worker: Worker[object]) -> None:
        """A worker failed: say so plainly, once, and keep going."""
        from cbt_tui.tui.crash import failure_message

        self.notify(
            failure_message(worker.name, worker.error), title="Something went wrong", severity="error", timeout=15
        )

    def _fatal_error(self) -> None:
        """An unexpected error ends the app: keep the draft, write a private crash report,
        and print one calm line (Textual's own report prints locals, which can hold answers)."""
        from cbt_tui.tui.crash import write_crash_report

        self.drafts.flush()
        self.bell()
        self._exit_renderables.append(write_crash_report(self.home, self._exception))
        self._close_messages_no_wait()

    # -- navigation ----------------------------------------------------------------------

    def action_safety(self) -> None:
        from cbt_tui.tui.screens.safety import SafetyScreen

        if not isinstance(self.screen, SafetyScreen):
            self.push_screen(SafetyScreen())

    def action_history(self) -> None:
        from cbt_tui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        from cbt_tui.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def request_craving(self) -> None:
        """Straight into the craving surf; if the packs are still being read, right after."""
        if self.catalog is None:
            self._craving_requested = True
            return
        self._craving_requested = False
        found = self.catalog.find(CRAVING_EXERCISE[1], CRAVING_EXERCISE[0]) or next(
            ((pack, exercise) for pack, exercise in self.catalog.exercises() if exercise.kind == "craving_surf"), None
        )
        if found is None:
            self.notify("No craving-surf exercise is installed.", severity="error")
            return
        self.start_exercise_by_id(found[0].id, found[1].id)

    def start_exercise_by_id(self, pack_id: str, exercise_id: str) -> None:
        from cbt_tui.domain.run import new_entry

        found = self.catalog.find(exercise_id, pack_id) if self.catalog else None
        if found is None:
            self.notify(f"There is no exercise '{exercise_id}'.", severity="error")
            return
        pack, exercise = found
        self.open_entry(new_entry(pack, exercise))

    def open_entry(self, entry: Entry) -> None:
        """Open the runner on an entry: new, a draft, or a follow-up that fell due."""
        from cbt_tui.tui.screens.runner import RunnerScreen

        found = self.catalog.find(entry.exercise, entry.pack) if self.catalog else None
        if found is None:
            self.notify(
                f"The pack '{entry.pack}' with '{entry.exercise}' is not installed any more; "
                "this entry stays in your history.",
                severity="warning",
            )
            return
        pack, exercise = found
        self.push_screen(RunnerScreen(pack, exercise, entry))

    async def action_quit(self) -> None:
        self.drafts.flush()
        self.exit()
