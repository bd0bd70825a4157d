"""The trainer: a Textual app over the pack catalog and the journal store.

Start-up work runs in app-level thread workers that post typed messages
(`CatalogLoaded`, `StoreOpened`, `StoreFailed`); the app keeps the state they carry and
forwards them to its screens. Every worker runs with `exit_on_error=False`: a failure
is shown as a plain message and the app stays up (`on_worker_state_changed`).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState

from cbt_tui.paths import pack_folders
from cbt_tui.tui import shown
from cbt_tui.tui.commands import TrainerCommands
from cbt_tui.tui.drafts import Closing, DraftKeeper
from cbt_tui.tui.keymap import load_keymap
from cbt_tui.tui.messages import CatalogLoaded, StoreFailed, StoreOpened
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.screens.home import HomeScreen

if TYPE_CHECKING:  # pydantic, ruamel and TinyDB stay out of the first paint
    from textual.filter import LineFilter

    from cbt_tui.domain.entries import Entry
    from cbt_tui.domain.packs.models import Exercise, Pack
    from cbt_tui.domain.settings import Settings
    from cbt_tui.packs.cache import Listing
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
#: Worker groups closing does not wait for: the draft's own (closing saves it), and those
#: that only read, or write the catalog cache, which is rebuilt when cut short. Waiting for
#: them kept a closed window's process reading the packs for a while, slowing the next start.
NOT_WAITED_FOR_AT_CLOSING = frozenset(
    {
        "drafts",
        "closing",
        "startup",
        "cache",
        "home",
        "history",
        "history-search",
        "entry",
        "progress",
        "recall",
        "safety",
        "coping-card",
    }
)
#: How long the readers wait for the craving surf's first screen at most (see `_quiet`).
QUIET_AT_MOST_SECONDS = 3.0


NO_CONTROLS = shown.NoControls()


class TrainerApp(App[None]):
    """Home first; exercises, history and the help screen pushed over it."""

    TITLE = "cbt-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {TrainerCommands}
    BINDINGS = [
        Binding("f1", "safety", "Help now", id="app.safety", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        # Between `c` and the craving surf's first screen (the packs may still be loading),
        # the digits and Enter typed are kept for its opening rating (see request_craving).
        *(Binding(key, f"keep_craving_key('{key}')", show=False, priority=True) for key in (*"0123456789", "enter")),
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
        self.listing: Listing | None = None
        """The library as last validated (`packs/cache.py`), for the first frame."""
        self.store: Store | None = None
        self.settings: Settings | None = None
        self.store_problems: list[str] = []
        """Why the store could not be opened, or what was found wrong in its files."""
        self.drafts = DraftKeeper(self)
        self.reduced_motion = False
        self._craving_requested = False
        self._craving_keys: list[str] | None = None
        """Keys typed after `c`, before the craving surf's first step shows (None: not after `c`)."""
        self._quiet = threading.Event()
        """Set except while the craving surf opens from the cache: the readers (packs,
        journal) wait for it after their shared imports, so that their YAML, ruamel and
        TinyDB work does not hold the interpreter while the timer is drawn."""
        self._quiet.set()
        self._leaving = False
        self._home_rows: dict[str, object] | None = None
        self._prebuilt_craving = False
        """No usable catalog cache (a brand-new home, a pack installed or changed since, a
        new version): `c` opens the built-in craving surf as validated when the package was
        made (`packs/prebuilt.py`, checked against its YAML), the one `c` opens whatever is
        installed (a built-in pack's id wins)."""

    # -- start-up ------------------------------------------------------------------------

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's own filters (NO_COLOR), then the last guard: no control character
        from any widget reaches the terminal (see shown.NoControls)."""
        return [*super().get_line_filters(), NO_CONTROLS]

    def get_default_screen(self) -> Screen[None]:
        """Home is the first screen, drawn in the first frame from the cache of the last
        validated library (rather than pushed over Textual's blank first screen, which
        would be styled, laid out and drawn for nothing)."""
        if self.catalog is None:
            from cbt_tui.packs.cache import read_listing

            self.listing = read_listing(self.home, pack_folders())
            if self.listing is None or self.listing.craving is None:
                from cbt_tui.packs import prebuilt

                self._prebuilt_craving = prebuilt.shipped()
        return HomeScreen()

    def on_mount(self) -> None:
        import asyncio

        from cbt_tui.tui.threads import DaemonThreads

        asyncio.get_running_loop().set_default_executor(DaemonThreads())  # see threads.py
        self.register_theme(HIGH_CONTRAST)
        keymap, problem = load_keymap(self.home)
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(shown.words(problem), severity="warning", timeout=10, markup=False)
        self.drafts.start()
        self._catch_signals()
        if self.catalog is not None:
            self.post_message(CatalogLoaded(self.catalog))
        # The readers start once the first frame is drawn: their imports (pydantic,
        # ruamel, TinyDB) would otherwise hold the interpreter while it is drawn.
        self.call_after_refresh(self._start_reading)

    def _start_reading(self) -> None:
        if self.catalog is None:
            self.load_catalog()
        self.open_store()

    @work(thread=True, exit_on_error=False, name="read the exercise packs", group="startup")
    def load_catalog(self) -> None:
        from importlib import import_module

        # What `c` opens, imported here rather than when it is pressed: first (a `c`
        # meanwhile waits for these imports, as it would for its own) when the cache can
        # open it before the packs are read, else once they are.
        opens_craving = ("cbt_tui.tui.screens.runner", "cbt_tui.tui.widgets.steps.timer")
        import_module("cbt_tui.domain.packs.models")
        if self._craving_cached():
            for module in opens_craving:
                import_module(module)
        self._quiet.wait(QUIET_AT_MOST_SECONDS)
        from cbt_tui.packs.cache import write_listing
        from cbt_tui.packs.catalog import load_catalog

        catalog = load_catalog()
        self.post_message(CatalogLoaded(catalog))
        for module in opens_craving:
            import_module(module)
        from cbt_tui.tui.widgets.steps import preload_views

        preload_views()  # the other steps' views, for the first exercise opened
        write_listing(self.home, pack_folders(), catalog, self._home_rows)  # for the next start's first frame

    def remember_home_rows(self, rows: dict[str, object]) -> None:
        """What Home showed above the library, for the next start's first frame (kept here
        too: on a first launch there is no cache file yet to keep them in until the packs
        are read, and the listing written then takes them)."""
        from cbt_tui.packs.cache import remember_home_rows

        self._home_rows = rows
        home = self.home
        self.run_worker(
            lambda: remember_home_rows(home, rows),
            thread=True,
            exit_on_error=False,
            name="remember Home",
            group="cache",
        )

    @work(thread=True, exit_on_error=False, name="open your journal", group="startup")
    def open_store(self) -> None:
        import cbt_tui.domain.entries  # noqa: F401  (the runner needs it too: imported before waiting)

        self._quiet.wait(QUIET_AT_MOST_SECONDS)
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
                self.notify(shown.words(f"There is no exercise '{wanted}'."), severity="error", markup=False)
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

    def _catch_signals(self) -> None:
        """Closing the terminal (SIGHUP), SIGTERM and SIGINT keep the draft as Ctrl+Q does."""
        try:
            import asyncio

            loop = asyncio.get_running_loop()
            for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, self._close_on_signal, signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # not on the main thread (tests) or not a POSIX system

    def _close_on_signal(self, signum: int) -> None:
        hangup = signum == signal.SIGHUP
        self.run_worker(
            self._close(ask=False, hangup=hangup),
            exit_on_error=False,
            name="keep your draft as cbt closed",
            group="closing",
        )

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
        self.notify("Reduced motion is on." if self.reduced_motion else "Reduced motion is off.")

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
            if event.worker.group == "startup" and self._craving_requested:
                self._craving_keys = None  # no craving surf is coming: digits and Enter are theirs again
            self.report_failure(event.worker)

    def report_failure(self, worker: Worker[object]) -> None:
        """A worker failed: say so plainly, once, and keep going."""
        from cbt_tui.tui.crash import failure_message

        self.notify(
            shown.words(failure_message(worker.name, worker.error)),
            title="Something went wrong",
            severity="error",
            timeout=15,
            markup=False,
        )

    def _fatal_error(self) -> None:
        """An unexpected error ends the app: keep the draft, write a private crash report,
        and print one calm line (Textual's own report prints locals, which can hold answers)."""
        from cbt_tui.tui.crash import write_crash_report

        self.drafts.rescue_now()
        self.bell()
        self._exit_renderables.append(write_crash_report(self.home, self._exception))
        self._close_messages_no_wait()

    # -- navigation ----------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Every list of the app: the highlighted row stays on screen."""
        from cbt_tui.tui.widgets.rows import show_highlighted_row

        show_highlighted_row(event.option_list)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep_craving_key":
            return self._craving_keys is not None
        return True

    def action_keep_craving_key(self, key: str) -> None:
        if self._craving_keys is not None:
            self._craving_keys.append(key)

    def take_craving_keys(self) -> list[str]:
        """The keys typed since `c` (for the craving surf's opening rating); keeping stops."""
        keys, self._craving_keys = self._craving_keys or [], None
        return keys

    def let_readers_go(self) -> None:
        """The craving surf's first step is on screen: the packs and journal are read on."""
        self._quiet.set()

    def request_craving(self) -> None:
        """Straight into the craving surf. While the packs are still being read, from the
        cache of the last validated craving pack when every pack file is as it was then
        (`packs/cache.py`), else from the package's prebuilt copy of the built-in one
        while its YAML is unchanged (`packs/prebuilt.py`), else right after they are read.
        Digits and Enter typed meanwhile go to its first step (`c` then `8` at once)."""
        from cbt_tui.packs.cache import craving_exercise, craving_pack

        if self._craving_keys is None:
            self._craving_keys = []
        if self.catalog is None:
            # The readers wait from now until the timer is drawn (let_readers_go), the
            # validation of the cached pack included: the pack worker may be at its end.
            if self._craving_cached():
                self._quiet.clear()
            try:
                cached = craving_pack(self.listing, pack_folders()) if self.listing is not None else None
                if cached is None and self._prebuilt_craving:
                    from cbt_tui.packs.prebuilt import craving_pack as prebuilt_craving

                    cached = prebuilt_craving()
                if cached is not None:
                    self._craving_requested = False
                    self._open_new(*cached)
                    return
            except BaseException:
                self._quiet.set()
                raise
            self._quiet.set()
            self._craving_requested = True
            return
        self._craving_requested = False
        found = craving_exercise(self.catalog)
        if found is None:
            self._craving_keys = None
            self.notify("No craving-surf exercise is installed.", severity="error")
            return
        self.start_exercise_by_id(found[0].id, found[1].id)

    def _craving_cached(self) -> bool:
        """Whether `c` may open the craving surf before the packs are read: from the
        catalog cache, or from the package's prebuilt copy."""
        return (self.listing is not None and self.listing.craving is not None) or self._prebuilt_craving

    def start_exercise_by_id(self, pack_id: str, exercise_id: str) -> None:
        from cbt_tui.domain.run import new_entry

        found = self.catalog.find(exercise_id, pack_id) if self.catalog else None
        if found is None:
            self._craving_keys = None
            self.notify(shown.words(f"There is no exercise '{exercise_id}'."), severity="error", markup=False)
            return
        pack, exercise = found
        self.open_entry(new_entry(pack, exercise))

    def _open_new(self, pack: Pack, exercise: Exercise) -> None:
        """The runner on a new entry of an exercise already found (the craving surf from the cache)."""
        from cbt_tui.domain.run import new_entry
        from cbt_tui.tui.screens.runner import RunnerScreen

        self.push_screen(RunnerScreen(pack, exercise, new_entry(pack, exercise)))

    def open_entry(self, entry: Entry) -> None:
        """Open the runner on an entry: new, a draft, or a follow-up that fell due."""
        from cbt_tui.tui.screens.runner import RunnerScreen

        found = self.catalog.find(entry.exercise, entry.pack) if self.catalog else None
        if found is None:
            self._craving_keys = None
            self.notify(
                shown.words(
                    f"The pack '{entry.pack}' with '{entry.exercise}' is not installed any more; "
                    "this entry stays in your history."
                ),
                severity="warning",
                markup=False,
            )
            return
        pack, exercise = found
        self.push_screen(RunnerScreen(pack, exercise, entry))

    def offer_next(self, pack: Pack, exercise: Exercise, answers: Mapping[str, object]) -> None:
        """Right after saving: the first exercise the saved one suggests for these answers
        (and that is installed), as one question whose default is "not now"."""
        from cbt_tui.tui.screens.confirm import ConfirmScreen

        offered = [
            (suggestion, found)
            for suggestion in exercise.suggestions(answers)
            if self.catalog and (found := self.catalog.find_ref(suggestion.exercise, pack.id))
        ]
        if not offered:
            return
        suggestion, (next_pack, next_exercise) = offered[0]
        minutes = f" (about {next_exercise.minutes:g} minutes)" if next_exercise.minutes else ""
        question = f"{suggestion.note}\n\n" if suggestion.note else ""
        question += f"Next, if you like: “{next_exercise.title}”{minutes}. Start it now?"

        def answered(start: bool | None) -> None:
            if start:
                self.start_exercise_by_id(next_pack.id, next_exercise.id)

        screen = ConfirmScreen(question, yes="Start it now (y)", no="Not now (n)", risky=False)
        self.push_screen(screen, answered)

    async def action_quit(self) -> None:
        await self._close(ask=True)

    async def _close(self, *, ask: bool, hangup: bool = False) -> None:
        """Leave once the draft is safe: in the journal, or else in a rescue file (and say
        where). When not even that can be written, Ctrl+Q asks first, naming what would be
        lost; a signal cannot wait for an answer.

        After a hangup the terminal is gone: there is nothing to restore or say, and
        Textual's writes to it would block for good once its writer thread has failed on
        the closed terminal (seen with the draft saved two seconds after the hangup), so
        the process ends as soon as the draft is safe.
        """
        if self._leaving:
            return
        self._leaving = True
        try:
            from cbt_tui.tui.bursts import handled_so_far

            await handled_so_far(self.focused)  # the keys typed just before Ctrl+Q
            for screen in self.screen_stack:
                if isinstance(screen, TrainerScreen):
                    screen.keep_typing()
            closing = await self.drafts.save_before_closing()
            await self._let_writes_finish()
        finally:
            self._leaving = False
        if hangup:
            os._exit(0)
        if closing.lost is None or not ask:
            self.exit(message=_closing_words(closing))
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(return_code=1, message=_closing_words(closing))

        from cbt_tui.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(_losing_question(closing)), answered)

    async def _let_writes_finish(self, wait: float = 1.0) -> None:
        """Give background work under way (a setting saved, an entry saved or deleted) a
        moment to finish; a job stuck on the journal's lock is left behind (threads.py)."""
        import asyncio
        from contextlib import suppress

        async def finished(worker: Worker[object]) -> None:
            with suppress(Exception):  # a failure is reported as it happens
                await worker.wait()

        running = [w for w in self.workers if w.is_running and w.group not in NOT_WAITED_FOR_AT_CLOSING]
        if running:
            await asyncio.wait([asyncio.ensure_future(finished(worker)) for worker in running], timeout=wait)


def _closing_words(closing: Closing) -> Text | None:
    """What is printed after the trainer closes: where a rescued draft is, or what was lost."""
    if closing.rescue is not None:
        return shown.text(
            f"Your draft could not go into your journal just now, so it is kept in "
            f"{closing.rescue} (only you can read it). The next time you open "
            "cbt, it is offered on the home screen."
        )
    if closing.lost is not None:
        return shown.text(f"Your draft of {closing.lost.exercise_title} could not be kept. {closing.problem}")
    return None


def _losing_question(closing: Closing) -> str:
    """Ctrl+Q's question when the draft cannot be written anywhere, naming what would be lost."""
    from cbt_tui.text import visible_text

    entry = closing.lost
    assert entry is not None
    count = len(entry.answers)
    return (
        f"Your draft could not be saved. {visible_text(closing.problem)}\n\n"
        f"Quit anyway and lose your draft of {visible_text(entry.exercise_title)} "
        f"({count} answer{'' if count == 1 else 's'})? "
        "If you stay, saving keeps trying."
    )
