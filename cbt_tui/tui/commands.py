"""Command palette: discard the draft on screen, help now, history, progress, reduced
motion, and start any exercise by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cbt_tui.tui import shown

if TYPE_CHECKING:
    from cbt_tui.tui.app import TrainerApp

Command = tuple[str, Callable[[], Any], str]


class TrainerCommands(Provider):
    def _own_commands(self) -> list[Command]:
        """The trainer's commands, offered as soon as the palette opens."""
        app = cast("TrainerApp", self.app)
        commands: list[Command] = []
        # `self.screen` is the screen the palette was opened over (app.screen is the palette).
        discard = getattr(self.screen, "action_discard", None)
        if discard is not None:
            commands.append(("Discard this draft", discard, "Delete what you wrote in this exercise (F8)"))
        return commands + [
            ("Help now: crisis lines and your people", app.action_safety, "Always one key away: F1"),
            ("History", app.action_history, "Every entry, newest first"),
            ("Progress", app.action_progress, "Practice days, cravings, before and after, scores"),
            ("Toggle reduced motion", app.action_toggle_reduced_motion, "Breathing guide as words only"),
        ]

    def _commands(self) -> list[Command]:
        app = cast("TrainerApp", self.app)
        commands = self._own_commands()
        if app.catalog is not None:
            for pack, exercise in app.catalog.exercises():
                commands.append(
                    (
                        f"Start: {exercise.title}",
                        partial(app.start_exercise_by_id, pack.id, exercise.id),
                        shown.markup_words(exercise.summary),  # the palette reads help as markup
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._own_commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, shown.highlight(matcher, name), callback, help=help_text)
