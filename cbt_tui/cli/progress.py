"""`cbt progress`: the Progress screen's summary in the terminal, for a quick look.

Rich text with sparklines and the same plain-words summaries as the screen and the
report (`domain.progress_words`). It never imports Textual; heavy imports happen in the
command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cbt_tui.cli.common import cell, console, fail, open_journal, parse_day
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from datetime import datetime

    from rich.text import Text

    from cbt_tui.domain.progress import Progress

SPARK_WIDTH = 28


@app.command()
def progress(
    since: Annotated[
        str | None, typer.Option("--since", help="From this day (YYYY-MM-DD) to today.", metavar="DATE")
    ] = None,
    weeks: Annotated[
        int | None, typer.Option("--weeks", min=1, help="The last N weeks to today (default 4).", metavar="N")
    ] = None,
) -> None:
    """Your progress in the terminal: days practised, days on track, craving peaks and the
    average wave, check-in scores with their bands, and before/after trends."""
    from cbt_tui.domain.progress import DEFAULT_WEEKS
    from cbt_tui.domain.schedule import local_today

    if since is not None and weeks is not None:
        raise fail("give --since or --weeks, not both")
    today = local_today()
    first = parse_day(since, "--since")
    if first is not None and first > today:
        raise fail(f"--since {first} is after today ({today})")

    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.trends import load_progress

    catalog = load_catalog()
    with open_journal() as store:
        found = load_progress(store, catalog, weeks or DEFAULT_WEEKS, today, since=first)
    terminal = console()
    for line in _lines(found):
        terminal.print(line)


def _lines(found: Progress) -> list[Text | str]:
    from cbt_tui.domain.progress import by_day, sparkline
    from cbt_tui.domain.progress_words import (
        before_after_summary,
        calendar_lines,
        cravings_summary,
        milestone_summary,
        on_track_summary,
        practice_summary,
        score_summary,
        wave_summary,
    )
    from cbt_tui.text import one_line

    def heading(words: str) -> Text:
        return cell(f"\n{words}", "bold")

    def words(summary: str) -> Text:
        return cell(summary)

    def spark(points: list[tuple[datetime, float]], low: float | None = None, high: float | None = None) -> str:
        return sparkline([value for _, value in by_day(points)], low, high, SPARK_WIDTH) or "—"

    lines: list[Text | str] = [
        cell(f"Progress · {found.first:%a %d %b %Y} to {found.last:%a %d %b %Y}", "bold"),
        heading("Practice"),
        *calendar_lines(found.practice.weeks()),
        words(practice_summary(found.practice)),
    ]

    lines += [heading("Days on track"), words(on_track_summary(found.on_track))]
    if found.milestone is not None:
        lines.append(words(milestone_summary(found.milestone)))

    cravings = found.cravings
    lines += [heading("Cravings"), words(cravings_summary(cravings))]
    if cravings.surfs:
        ratings = [v for s in cravings.surfs for v in (s.peak, s.end) if v is not None]
        top = max([10.0, *ratings])
        lines.append(f"  peaks  {spark([(s.when, s.peak) for s in cravings.surfs if s.peak is not None], 0, top)}")
        lines.append(f"  ends   {spark([(s.when, s.end) for s in cravings.surfs if s.end is not None], 0, top)}")
    if cravings.wave:
        wave = sparkline([p.average for p in cravings.wave], 0, max(10.0, *(p.average for p in cravings.wave)))
        lines += [f"  wave   {wave}", words(wave_summary(cravings))]

    if found.scores:
        lines.append(heading("Check-in scores"))
    for trend in found.scores:
        name = trend.label if trend.label == trend.exercise_title else f"{trend.exercise_title}: {trend.label}"
        lines.append(cell(one_line(name), "bold"))
        lines.append(f"  {spark([(p.when, p.value) for p in trend.points], trend.low, trend.high)}")
        lines.append(words(score_summary(trend)))

    if found.before_after:
        lines.append(heading("Before and after"))
    for measure in found.before_after:
        numbers = [v for c in measure.changes for v in (c.before, c.after)]
        low, high = min(numbers), max(numbers)
        lines.append(cell(one_line(f"{measure.exercise_title}: {measure.label}"), "bold"))
        lines.append(f"  before {spark([(c.when, c.before) for c in measure.changes], low, high)}")
        lines.append(f"  after  {spark([(c.when, c.after) for c in measure.changes], low, high)}")
        lines.append(words(before_after_summary(measure)))
    if found.is_empty:
        lines.append(words("\nNothing finished in this range yet. Each exercise you finish shows here."))
    return lines
