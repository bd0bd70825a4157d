"""A calm breathing guide: a bar that grows on the in-breath, stays on the hold and
shrinks on the out-breath, with the word beside it. Under reduced motion, the word only.

The pacer does not keep time itself: its owner calls `show(t)` with the running time
(`t` in seconds), so it pauses with the timer and can be tested without waiting.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from cbt_tui.domain.timer import pacer_phase
from cbt_tui.tui import shown

_EIGHTHS = " ▏▎▍▌▋▊▉"


def breath_bar(fraction: float, width: int) -> str:
    """`fraction` (0..1) of `width` cells as a bar drawn in eighths of a cell."""
    width = max(0, width)
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    bar = "█" * full + (_EIGHTHS[part] if part and full < width else "")
    return bar.ljust(width)


class BreathPacer(Vertical):
    """The word ("Breathe in", "Hold", "Breathe out") and, unless reduced, the bar."""

    DEFAULT_CSS = """
    BreathPacer {
        height: auto;
        width: 1fr;
    }
    BreathPacer > #pacer-word {
        height: 1;
        text-style: bold;
        color: $text;
    }
    BreathPacer > #pacer-bar {
        height: 1;
        color: $accent;
        background: $boost;
    }
    BreathPacer.-reduced > #pacer-bar {
        display: none;
    }
    """

    def __init__(self, pacer: Any, *, reduced_motion: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pacer = pacer
        self.reduced_motion = reduced_motion
        self.set_class(reduced_motion, "-reduced")
        self.word = ""
        self.fraction = 0.0
        self._t = 0.0

    def compose(self) -> ComposeResult:
        yield Static("", id="pacer-word", markup=False)
        yield Static("", id="pacer-bar", markup=False)

    def on_mount(self) -> None:
        self.show(self._t)

    def on_resize(self) -> None:
        self.show(self._t)

    def show(self, t: float) -> None:
        """Draw the breath at `t` seconds of running time."""
        self._t = t
        word, fraction = pacer_phase(self.pacer, t)
        self.word, self.fraction = word, fraction
        if not self.is_mounted:
            return
        self.query_one("#pacer-word", Static).update(shown.content(word), layout=False)
        if not self.reduced_motion:
            bar = self.query_one("#pacer-bar", Static)
            bar.update(shown.content(breath_bar(fraction, bar.content_size.width)), layout=False)
