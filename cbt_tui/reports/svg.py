"""Inline SVG charts for the HTML report, drawn here: no library, no script, no link out.

They print in black and white: series differ by line (solid, dashed) and marker (filled,
hollow), bands by shades of grey with their names written in, and every chart carries
its plain-words summary as its title for screen readers (the report prints the same
words beside it). Text from a pack or a person is escaped and made visible (`_text`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cbt_tui.domain.answers import number_text
from cbt_tui.domain.progress import Week
from cbt_tui.text import one_line

WIDTH = 640
HEIGHT = 210
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 30, 28, 30
_FONT = 'font-family="system-ui, sans-serif" font-size="11"'
_SHADES = ("#f0f0f0", "#dcdcdc", "#c8c8c8", "#b4b4b4")
_DAYS = "MTWTFSS"


def _text(text: str) -> str:
    return html.escape(one_line(text), quote=True)


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[float, float]]
    dashed: bool = False
    hollow: bool = False


@dataclass(frozen=True)
class Band:
    label: str
    low: float
    high: float


@dataclass(frozen=True)
class Axis:
    """The x axis: 0 to `high`, with labels at some values."""

    high: float
    ticks: Sequence[tuple[float, str]] = field(default_factory=tuple)


def day_axis(first: date, last: date, count: int = 6) -> Axis:
    """Days from `first` (0) to `last`, labelled `04 Nov` at a few evenly spread days."""
    span = max(1, (last - first).days)
    step = max(1, round(span / (count - 1)))
    ticks = [(float(d), f"{first + timedelta(days=d):%d %b}") for d in range(0, span + 1, step)]
    return Axis(float(span), ticks)


def minute_axis(last_minute: int, count: int = 6) -> Axis:
    """Minutes from 0 to `last_minute`, labelled at a few round minutes, the last with `min`."""
    high = max(1, last_minute)
    step = next(s for s in (1, 2, 5, 10, 15, 20, 30, 60) if high / s <= count)
    ticks = [(float(m), str(m)) for m in range(0, high + 1, step)]
    ticks[-1] = (ticks[-1][0], f"{ticks[-1][1]} min")
    return Axis(float(high), ticks)


def line_chart(
    summary: str, series: Sequence[Series], axis: Axis, low: float, high: float, bands: Sequence[Band] = ()
) -> str:
    """Lines with markers over a fixed y range from `low` to `high`, bands shaded behind."""
    high = high if high > low else low + 1
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x_at(x: float) -> float:
        return _LEFT + (x / axis.high if axis.high else 0.5) * plot_w

    def y_at(y: float) -> float:
        return _TOP + (1 - (min(max(y, low), high) - low) / (high - low)) * plot_h

    parts = [_open(summary)]
    for index, band in enumerate(bands):
        top, bottom = y_at(band.high), y_at(band.low)
        parts.append(
            f'<rect x="{_LEFT}" y="{top:.1f}" width="{plot_w}" height="{max(bottom - top, 0):.1f}" '
            f'fill="{_SHADES[index % len(_SHADES)]}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - _RIGHT - 4}" y="{top + 12:.1f}" text-anchor="end" {_FONT} fill="#333">'
            f"{_text(band.label)}</text>"
        )
    for value in _y_ticks(low, high):
        y = y_at(value)
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{WIDTH - _RIGHT}" y2="{y:.1f}" stroke="#bbb" stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" {_FONT}>{number_text(value)}</text>')
    baseline = _TOP + plot_h
    parts.append(f'<line x1="{_LEFT}" y1="{baseline}" x2="{WIDTH - _RIGHT}" y2="{baseline}" stroke="#000"/>')
    for x, label in axis.ticks:
        parts.append(f'<text x="{x_at(x):.1f}" y="{baseline + 16}" text-anchor="middle" {_FONT}>{_text(label)}</text>')
    for item in series:
        points = [(x_at(x), y_at(y)) for x, y in item.points]
        if len(points) > 1:
            dash = ' stroke-dasharray="5 3"' if item.dashed else ""
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="#000" stroke-width="1.5"{dash}/>')
        fill = "#fff" if item.hollow else "#000"
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{fill}" stroke="#000"/>' for x, y in points]
    parts.append(_legend(series))
    parts.append("</svg>")
    return "".join(parts)


def calendar(summary: str, weeks: Sequence[Week]) -> str:
    """A week per row, Monday first: an empty square for a day without practice, grey for
    one exercise finished, black for more; no square for days outside the period."""
    cell, gap, left, top = 16, 3, 54, 20
    height = top + len(weeks) * (cell + gap) + 22
    width = left + 7 * (cell + gap) + 150
    parts = [_open(summary, width, height)]
    for index, letter in enumerate(_DAYS):
        x = left + index * (cell + gap) + cell / 2
        parts.append(f'<text x="{x:.1f}" y="{top - 6}" text-anchor="middle" {_FONT}>{letter}</text>')
    for row, week in enumerate(weeks):
        y = top + row * (cell + gap)
        parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end" {_FONT}>{week.monday:%d %b}</text>')
        for column, count in enumerate(week.days):
            if count is None:
                continue
            fill = "#fff" if count == 0 else "#999" if count == 1 else "#000"
            x = left + column * (cell + gap)
            parts.append(f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" stroke="#000"/>')
    key_y = top + len(weeks) * (cell + gap) + 6
    x = left
    for fill, words in (("#fff", "none"), ("#999", "one exercise"), ("#000", "two or more")):
        parts.append(f'<rect x="{x}" y="{key_y}" width="10" height="10" fill="{fill}" stroke="#000"/>')
        parts.append(f'<text x="{x + 14}" y="{key_y + 9}" {_FONT}>{words}</text>')
        x += 24 + 7 * len(words)
    parts.append("</svg>")
    return "".join(parts)


def _open(summary: str, width: int = WIDTH, height: int = HEIGHT) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">'
        f"<title>{_text(summary)}</title>"
    )


def _legend(series: Sequence[Series]) -> str:
    parts = []
    x = _LEFT
    for item in series:
        dash = ' stroke-dasharray="5 3"' if item.dashed else ""
        fill = "#fff" if item.hollow else "#000"
        parts.append(f'<line x1="{x}" y1="12" x2="{x + 22}" y2="12" stroke="#000" stroke-width="1.5"{dash}/>')
        parts.append(f'<circle cx="{x + 11}" cy="12" r="3" fill="{fill}" stroke="#000"/>')
        parts.append(f'<text x="{x + 28}" y="16" {_FONT}>{_text(item.name)}</text>')
        x += 40 + 7 * len(item.name)
    return "".join(parts)


def _y_ticks(low: float, high: float) -> list[float]:
    """Up to five round values from `low` to `high`."""
    span = high - low
    for step in (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 5:
            break
    else:
        step = span / 4
    first = -(-low // step) * step
    ticks = []
    value = first
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks
