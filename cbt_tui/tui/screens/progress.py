"""Progress: the days practised, cravings, before and after, scores and days on track.

For a chosen range (4 weeks, 12 weeks, all), read off the UI thread (`cbt_tui.trends`).
Each picture has its summary in plain words beside it, the same words `cbt progress` and
the report print, so the screen reads right to a screen reader and without colour. Days
on track are a count, never a streak: a day with use is shown as a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static, Tab, Tabs

from cbt_tui.domain.progress import DEFAULT_WEEKS, RANGES, by_day
from cbt_tui.domain.progress_words import (
    before_after_summary,
    cravings_summary,
    milestone_summary,
    on_track_summary,
    practice_summary,
    score_summary,
    wave_summary,
)
from cbt_tui.domain.schedule import local_today
from cbt_tui.tui import shown
from cbt_tui.tui.messages import CatalogLoaded, StoreOpened
from cbt_tui.tui.screens.base import TrainerScreen
from cbt_tui.tui.widgets.footer import TrainerFooter
from cbt_tui.tui.widgets.trends import PracticeCalendar, TrendBand, TrendChart, TrendSeries, day_points

if TYPE_CHECKING:
    from textual.widget import Widget

    from cbt_tui.domain.progress import Progress

FIRST_SCREEN = 6
"""Widgets of the body that cover the first screen at 80x24: practice, days on track, the
milestone, the cravings' heading and chart."""
EMPTY = (
    "Nothing finished in this range yet. Each exercise you finish shows here: the days you "
    "practised, your cravings, and how your ratings change."
)


class ProgressScreen(TrainerScreen[None]):
    AUTO_FOCUS = "#progress-body"  # arrows and page keys scroll; Tab reaches the range tabs
    BINDINGS = [
        Binding("escape", "close", "Back", id="progress.close"),
        Binding("r", "next_range", "Range", id="progress.range"),
    ]

    def __init__(self, today: Callable[[], date] | None = None) -> None:
        super().__init__()
        self.today = today
        """Today's date, when a test pins it (else the local date when the journal is read)."""
        self.weeks: int | None = DEFAULT_WEEKS
        self.progress: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Progress", style="bold"), id="runner-title")
        yield Tabs(
            *(Tab(name, id=f"range-{weeks or 'all'}") for name, weeks in RANGES.items()),
            active=f"range-{DEFAULT_WEEKS}",
            id="range",
        )
        yield VerticalScroll(Static(Text("Reading your journal…"), classes="hint"), id="progress-body")
        yield TrainerFooter()

    def on_mount(self) -> None:
        self.load()

    def on_store_opened(self, message: StoreOpened) -> None:
        self.load()

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self.load()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        chosen = str(event.tab.id).removeprefix("range-")
        weeks = None if chosen == "all" else int(chosen)
        if weeks != self.weeks:
            self.weeks = weeks
            title = Text("Progress", style="bold")
            title.append(shown.words(f"  ·  reading {event.tab.label_text.lower()}…"), style="dim")
            self.query_one("#runner-title", Static).update(title)
            self.load()

    def action_next_range(self) -> None:
        self.query_one("#range", Tabs).action_next_tab()

    def action_close(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, exit_on_error=False, name="read your progress", group="progress")
    def load(self) -> None:
        app = self.trainer
        if app.store is None or app.catalog is None:
            return  # StoreOpened / CatalogLoaded load again
        from cbt_tui.trends import load_progress

        progress = load_progress(app.store, app.catalog, self.weeks, (self.today or local_today)())
        app.call_from_thread(self.call_later, self.show, progress)

    async def show(self, progress: Progress) -> None:
        self.progress = progress
        title = Text("Progress", style="bold")
        title.append(shown.words(f"  ·  {progress.first:%a %d %b %Y} to {progress.last:%a %d %b %Y}"), style="dim")
        self.query_one("#runner-title", Static).update(title)
        body = self.query_one("#progress-body", VerticalScroll)
        await body.remove_children()
        widgets = self._sections(progress)
        # What fits the first screen is drawn first; the rest (below it) is mounted right after.
        await body.mount_all(widgets[:FIRST_SCREEN])
        body.scroll_home(animate=False)
        if widgets[FIRST_SCREEN:]:
            self.call_after_refresh(body.mount_all, widgets[FIRST_SCREEN:])

    def _sections(self, progress: Progress) -> list[Widget]:
        if progress.is_empty:
            return [Static(Text(EMPTY), classes="hint")]
        first, last = progress.first, progress.last
        widgets: list[Widget] = [_heading("Practice")]
        widgets.append(_beside(PracticeCalendar(progress.practice.weeks()), practice_summary(progress.practice)))

        widgets.append(_heading("Days on track"))
        widgets.append(_words(on_track_summary(progress.on_track)))
        if progress.milestone is not None:
            widgets.append(_words(milestone_summary(progress.milestone)))

        cravings = progress.cravings
        widgets.append(_heading("Cravings"))
        if cravings.surfs:
            peaks = by_day((s.when, s.peak) for s in cravings.surfs if s.peak is not None)
            ends = by_day((s.when, s.end) for s in cravings.surfs if s.end is not None)
            top = max([10.0, *(v for _, v in peaks + ends)])
            chart = TrendChart(
                [
                    TrendSeries("peak", day_points(peaks, first), "●", "accent"),
                    TrendSeries("end", day_points(ends, first), "○", "foreground"),
                ],
                first,
                last,
                0,
                top,
            )
            widgets.append(_beside(chart, cravings_summary(cravings) + "\n● peak  ○ end"))
        else:
            widgets.append(_words(cravings_summary(cravings)))
        if cravings.wave:
            from cbt_tui.tui.widgets.chart import UrgeChart

            checks = [{"at": point.minute * 60, "value": point.average} for point in cravings.wave]
            wave = UrgeChart(checks, cravings.wave[-1].minute * 60, 0, max(10.0, *(p.average for p in cravings.wave)))
            widgets.append(_beside(wave, wave_summary(cravings), chart_class="trend-chart"))

        if progress.scores:
            widgets.append(_heading("Check-in scores"))
        for trend in progress.scores:
            points = day_points(by_day((p.when, p.value) for p in trend.points), first)
            values = [v for _, v in points]
            low = trend.low if trend.low is not None else min(values, default=0.0)
            high = trend.high if trend.high is not None else max(values, default=1.0)
            bands = [TrendBand(b.label, b.high) for b in trend.bands]
            chart = TrendChart([TrendSeries(trend.label, points)], first, last, low, high, bands)
            widgets.append(
                _label(
                    trend.exercise_title
                    if trend.label == trend.exercise_title
                    else f"{trend.exercise_title}: {trend.label}"
                )
            )
            widgets.append(_beside(chart, score_summary(trend)))

        if progress.before_after:
            widgets.append(_heading("Before and after"))
        shown_exercise = None
        for measure in progress.before_after:
            if measure.exercise_title != shown_exercise:
                shown_exercise = measure.exercise_title
                widgets.append(_label(measure.exercise_title))
            before = by_day((c.when, c.before) for c in measure.changes)
            after = by_day((c.when, c.after) for c in measure.changes)
            numbers = [v for _, v in before + after]
            chart = TrendChart(
                [
                    TrendSeries("before", day_points(before, first), "●", "accent"),
                    TrendSeries("after", day_points(after, first), "○", "foreground"),
                ],
                first,
                last,
                min(0.0, *numbers),
                max(numbers),
            )
            widgets.append(_beside(chart, before_after_summary(measure) + "\n● before  ○ after"))
        return widgets


def _heading(text: str) -> Label:
    return Label(shown.line(text), classes="section")


def _label(text: str) -> Static:
    return Static(shown.line(text, style="bold"), classes="trend-label")


def _words(text: str) -> Static:
    return Static(shown.text(text), classes="trend-words")


def _beside(picture: Widget, summary: str, chart_class: str = "") -> Horizontal:
    """A picture with its summary in words to its right."""
    if chart_class:
        picture.add_class(chart_class)
    return Horizontal(picture, Static(shown.text(summary), classes="trend-summary"), classes="trend")
