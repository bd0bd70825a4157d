"""The trainer: a Textual app over the pack catalog and the journal store."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.theme import Theme

from cbt_tui.tui.commands import TrainerCommands
from cbt_tui.tui.drafts import DraftKeeper
from cbt_tui.tui.keymap import load_keymap
from cbt_tui.tui.screens.home import HomeScreen

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
    ) -> None:
        super().__init__()
        from cbt_tui.paths import data_home

        self.home = home or data_home()
        self.start_exercise = start_exercise
        self.clock = now  # injected in tests; timers use a boot-time clock otherwise
        self.store = None
        self.catalog = None
        self.drafts = DraftKeeper(self)
        self.reduced_motion = False

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

    def apply_settings(self) -> None:
        """Theme and reduced motion from the store, once it is open."""
        theme = self.store.setting("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.reduced_motion = bool(self.store.setting("reduced_motion", False))
        if self.reduced_motion:
            self.animation_level = "none"

    def watch_theme(self, theme: str) -> None:
        if self.store is not None:
            self.run_worker(lambda: self.store.set_setting("theme", theme), thread=True, group="settings")

    def action_toggle_reduced_motion(self) -> None:
        self.reduced_motion = not self.reduced_motion
        self.animation_level = "none" if self.reduced_motion else "full"
        if self.store is not None:
            value = self.reduced_motion
            self.run_worker(lambda: self.store.set_setting("reduced_motion", value), thread=True, group="settings")
        self.notify("Reduced motion is " + ("on." if self.reduced_motion else "off."))

    def action_safety(self) -> None:
        from cbt_tui.tui.screens.safety import SafetyScreen

        if not isinstance(self.screen, SafetyScreen):
            self.push_screen(SafetyScreen())

    def action_history(self) -> None:
        from cbt_tui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def start_exercise_by_id(self, pack_id: str, exercise_id: str) -> None:
        from cbt_tui.domain.run import new_entry

        found = self.catalog.find(exercise_id, pack_id) if self.catalog else None
        if found is None:
            self.notify(f"There is no exercise '{exercise_id}'.", severity="error")
            return
        pack, exercise = found
        self.open_entry(new_entry(pack, exercise))

    def open_entry(self, entry) -> None:
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
