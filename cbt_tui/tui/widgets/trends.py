"""The Progress screen's pictures: a practice calendar and a chart of values over days.

`PracticeCalendar(weeks)` is text, a week per row (Monday first), each day marked as
`domain.progress_words.calendar_mark` says, so it reads the same without colour.
`TrendChart(series, axis, low, high, bands)` draws series of (day, value) on a fixed
range with textual-plotext; the series differ by marker (● and ○) as well as colour,
and bands are drawn as lines with their names. Beside every picture the screen puts the
same plain-words summary that `cbt progress` and the report print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Static
from textual_plotext import PlotextPlot

from cbt_tui.domain.answers import number_text
from cbt_tui.domain.progress import Week
from cbt_tui.domain.progress_words import calendar_lines
from cbt_tui.text import one_line
from cbt_tui.tui import shown

#: Smaller than this the plot library has no room for axes; the chart says so in words.
MIN_WIDTH = 24
MIN_HEIGHT = 6


def theme_color(widget: Widget, variable: str, fallback: str) -> Any:
    """A colour of the app's theme as plotext takes it (an RGB tuple), or a plain name."""
    try:
        value = widget.app.theme_variables.get(variable)
        return Color.parse(value).rgb if value else fallback
    except Exception:  # a theme without the variable: a plain colour
        return fallback


class PracticeCalendar(Static):
    """Days practised, a week per row, like a contribution graph."""

    def __init__(self, weeks: Sequence[Week], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks = list(weeks)

    def render(self) -> RenderResult:
        accent = theme_color(self, "accent", "cyan")
        style = f"bold rgb({accent[0]},{accent[1]},{accent[2]})" if isinstance(accent, tuple) else "bold"
        *rows, key = calendar_lines(self.weeks)
        text = shown.text("\n".join(rows) + "\n")
        text.append(shown.words(key), style="dim")
        text.highlight_regex(r"[■▪]", style)
        text.stylize("dim", 0, len(rows[0]))
        return text


@dataclass(frozen=True)
class TrendSeries:
    name: str
    points: Sequence[tuple[float, float]]
    """(days since the first day, value)."""
    marker: str = "●"
    color: str = "accent"
    """A theme variable."""


@dataclass(frozen=True)
class TrendBand:
    label: str
    high: float


class TrendChart(PlotextPlot):
    """Values over the days of the period, on a fixed scale, with bands if the measure has them."""

    DEFAULT_CSS = """
    TrendChart {
        width: 1fr;
        height: 10;
    }
    """

    def __init__(
        self,
        series: Sequence[TrendSeries],
        first: date,
        last: date,
        low: float,
        high: float,
        bands: Sequence[TrendBand] = (),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.series = [s for s in series if s.points]
        self.first, self.last = first, last
        self.low = low
        self.high = high if high > low else low + 1
        self.bands = list(bands)
        self.span = max(1.0, float((last - first).days))

    def _x_ticks(self) -> tuple[list[float], list[str]]:
        span = int(self.span)
        for step in (1, 2, 5, 7, 14, 28, 30, 60, 91, 182, 365):
            if span / step <= 4:
                break
        ticks = [float(x) for x in range(0, span + 1, step)]
        return ticks, [f"{self.first + timedelta(days=int(t)):%d %b}" for t in ticks]

    def _draw(self) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.xlim(0, self.span)
        plt.ylim(self.low, self.high)
        x_ticks, x_labels = self._x_ticks()
        plt.xticks(x_ticks, x_labels)
        y_ticks = (
            [self.low, *[b.high for b in self.bands[:-1]], self.high] if self.bands else _ticks(self.low, self.high)
        )
        plt.yticks(y_ticks, [number_text(t) for t in y_ticks])
        muted = theme_color(self, "foreground-muted", "gray")
        canvas = theme_color(self, "surface", "black")
        below = self.low
        for band in self.bands:  # a line at each band's top, its name inside it on the left
            if band is not self.bands[-1]:
                plt.hline(band.high, muted)
            middle = (below + min(band.high, self.high)) / 2
            plt.text(one_line(band.label), 0, middle, color=muted, background=canvas, alignment="left")
            below = band.high
        for item in self.series:
            xs = [x for x, _ in item.points]
            ys = [min(max(y, self.low), self.high) for _, y in item.points]
            color = theme_color(self, item.color, "cyan")
            if len(xs) > 1:
                plt.plot(xs, ys, marker="braille", color=color)
            plt.scatter(xs, ys, marker=item.marker, color=color)

    def render(self) -> RenderResult:
        width, height = self.size
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            return Text("(the chart needs more room; the words beside it say the same)", style="dim")
        self._draw()
        return super().render()


def _ticks(low: float, high: float) -> list[float]:
    """Three round y ticks: the ends and the middle when it is whole."""
    mid = (low + high) / 2
    return [low, mid, high] if float(mid).is_integer() else [low, high]


def day_points(points: Sequence[tuple[date, float]], first: date) -> list[tuple[float, float]]:
    """(day, value) pairs as (days since `first`, value), the x of a TrendChart."""
    return [(float((day - first).days), value) for day, value in points if math.isfinite(value)]
