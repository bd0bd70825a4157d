"""The urge wave: check ratings over minutes, live during a craving surf and still in history.

`UrgeChart(checks, planned_seconds, low=0, high=10)` draws `[{at, value}, ...]` (the
`checks` of a stored timer answer) with minutes on x (0 to the planned time) and the
rating on y (fixed from `low` to `high`). `set_checks()` redraws it as ratings arrive.
`UrgeChart.from_answer(answer, low, high)` builds one from a stored timer answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from cbt_tui.domain.answers import number_text
from cbt_tui.tui import shown

# Smaller than this the plot library has no room for axes; a line of text is shown instead.
MIN_WIDTH = 24
MIN_HEIGHT = 4


def _ticks(low: float, high: float) -> list[float]:
    """A few round y ticks: low, the middle when it is whole, high."""
    mid = (low + high) / 2
    ticks = [low, mid, high] if float(mid).is_integer() else [low, high]
    return ticks


class UrgeChart(PlotextPlot):
    """A line of urge ratings against minutes, on a fixed scale."""

    DEFAULT_CSS = """
    UrgeChart {
        width: 1fr;
        height: 1fr;
        min-height: 4;
    }
    """

    def __init__(
        self,
        checks: Iterable[Mapping[str, Any]] = (),
        planned_seconds: float = 0,
        low: float = 0,
        high: float = 10,
        *,
        threshold: float | None = None,
        empty_text: str = "Your ratings will draw the wave here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.planned_seconds = float(planned_seconds or 0)
        self.low = float(low)
        self.high = float(high) if float(high) > float(low) else float(low) + 1
        self.threshold = threshold
        self.empty_text = empty_text
        self.checks: list[dict[str, Any]] = []
        self.set_checks(checks, refresh=False)

    @classmethod
    def from_answer(cls, answer: Mapping[str, Any], low: float = 0, high: float = 10, **kwargs: Any) -> UrgeChart:
        """A still chart of a stored timer answer `{planned_seconds, elapsed_seconds, ended, checks}`."""
        return cls(answer.get("checks") or [], answer.get("planned_seconds") or 0, low, high, **kwargs)

    def set_checks(self, checks: Iterable[Mapping[str, Any]], *, refresh: bool = True) -> None:
        """Replace the ratings drawn (malformed items are left out) and redraw."""
        kept = []
        for item in checks:
            at, value = item.get("at"), item.get("value")
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (at, value)):
                kept.append({"at": at, "value": value})
        self.checks = kept
        if refresh:
            self.refresh()

    def set_planned(self, planned_seconds: float) -> None:
        """A longer countdown (another wave): the x axis reaches its new end."""
        self.planned_seconds = float(planned_seconds or 0)
        self.refresh()

    @property
    def x_max(self) -> float:
        """Minutes on the x axis: the planned time, or the last rating when later."""
        last = max((c["at"] for c in self.checks), default=0)
        return max(self.planned_seconds, last, 60) / 60

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_figure()
        xs = [c["at"] / 60 for c in self.checks]
        ys = [min(max(c["value"], self.low), self.high) for c in self.checks]
        color = self._color("accent", "cyan")
        plt.xlim(0, self.x_max)
        plt.ylim(self.low, self.high)
        ticks = _ticks(self.low, self.high)
        plt.yticks(ticks, [number_text(t) for t in ticks])
        x_ticks = self._x_ticks()
        plt.xticks(x_ticks, [number_text(t) + (" min" if t == x_ticks[-1] else "") for t in x_ticks])
        if self.threshold is not None and self.low <= self.threshold <= self.high:
            plt.hline(self.threshold, self._color("success", "green"))
        if len(xs) > 1:
            plt.plot(xs, ys, marker="braille", color=color)
        plt.scatter(xs, ys, marker="●", color=color)

    def _x_ticks(self) -> list[float]:
        span = self.x_max
        for step in (0.5, 1, 2, 5, 10, 15, 20, 30, 60):
            if span / step <= 6:
                break
        count = int(span // step)
        return [round(i * step, 2) for i in range(count + 1)]

    def _color(self, variable: str, fallback: str) -> Any:
        try:
            value = self.app.theme_variables.get(variable)
            return Color.parse(value).rgb if value else fallback
        except Exception:  # a theme without the variable: plain colour
            return fallback

    def render(self) -> RenderResult:
        width, height = self.size
        if not self.checks or width < MIN_WIDTH or height < MIN_HEIGHT:
            text = self.empty_text if not self.checks else "  ".join(number_text(c["value"]) for c in self.checks)
            return shown.text(text, style="dim", no_wrap=False, overflow="ellipsis")
        self._draw()
        return super().render()
