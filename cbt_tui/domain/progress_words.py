"""The progress trends in plain words: the summary that stands beside each chart on the
Progress screen, in `cbt progress` and in the report, for screen readers, NO_COLOR and paper.

Warm and factual: counts of what was done, never a streak and never a verdict. A day with
use is named as a day; the days on track before and after it still count.
"""

from __future__ import annotations

from datetime import date

from cbt_tui.domain.answers import number_text
from cbt_tui.domain.progress import BeforeAfter, Cravings, DaysOnTrack, Milestone, Practice, ScoreTrend, Week

CALENDAR_KEY = "· none   ▪ one exercise   ■ two or more"
"""How a text calendar marks a day (the screen, `cbt progress`, the Markdown report)."""


def calendar_mark(count: int | None) -> str:
    """A day of a text calendar: `·` none, `▪` one exercise, `■` more; blank outside the period."""
    if count is None:
        return " "
    return {0: "·", 1: "▪"}.get(count, "■")


def calendar_lines(weeks: list[Week]) -> list[str]:
    """A text calendar: the days of the week, a row per week (`02 Nov  · ■ ▪ ...`), the key."""
    rows = [f"{week.monday:%d %b}  " + " ".join(calendar_mark(count) for count in week.days) for week in weeks]
    return ["        M T W T F S S", *(row.rstrip() for row in rows), CALENDAR_KEY]


def day_text(day: date) -> str:
    """A day as the trends write it: `Tue 10 Nov`."""
    return f"{day:%a %d %b}"


def average(value: float) -> str:
    """An average to one decimal place, written as people write numbers (`7.5`, `3`)."""
    return number_text(round(value, 1))


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def better_words(better: str) -> str:
    return "lower is better" if better == "lower" else "higher is better"


def signed(value: float) -> str:
    """A change with its sign: `+3`, `-2.5`, `±0`."""
    rounded = round(value, 1)
    return ("+" if rounded > 0 else "±" if rounded == 0 else "") + number_text(rounded)


def practice_summary(practice: Practice) -> str:
    if not practice.done:
        lines = [f"No exercises finished in these {practice.days} days yet. Each one you finish shows here."]
    else:
        lines = [
            f"Practised on {practice.practised} of {practice.days} days "
            f"({_plural(practice.entries, 'exercise')} finished)."
        ]
    for item in practice.assignments:
        lines.append(f"{item.assigned_to.title} ({item.assigned_to.describe()}): {item.kept} of {item.assigned} kept.")
    return "\n".join(lines)


def cravings_summary(cravings: Cravings) -> str:
    surfs = cravings.surfs
    if not surfs:
        return "No craving surfs in this period."
    peak, end = cravings.average_peak, cravings.average_end
    lines = [f"{_plural(len(surfs), 'craving surf')}."]
    if peak is not None and end is not None:
        lines.append(f"On average the urge peaked at {average(peak)} and ended at {average(end)}.")
    return " ".join(lines)


def wave_summary(cravings: Cravings) -> str:
    wave = cravings.wave
    if not wave:
        return "No urge ratings during a surf in this period."
    top = max(wave, key=lambda point: point.average)
    first, last = wave[0], wave[-1]
    return (
        f"The average wave: {average(first.average)} at minute {first.minute}, highest at minute {top.minute} "
        f"({average(top.average)}), {average(last.average)} by minute {last.minute}. "
        "Urges rise and fall."
    )


def before_after_summary(measure: BeforeAfter) -> str:
    count = len(measure.changes)
    return (
        f"{measure.label}, rated {_times(count)}: on average {average(measure.average_before)} before, "
        f"{average(measure.average_after)} after ({signed(measure.average_change)}; "
        f"{better_words(measure.better)}). It moved that way {measure.moved_better} of {_plural(count, 'time')}."
    )


def score_summary(trend: ScoreTrend) -> str:
    latest = trend.latest
    lines = []
    if latest is None:
        lines.append(f"{trend.label}: not added up yet in this period.")
    else:
        band = f" ({latest.band})" if latest.band else ""
        lines.append(
            f"{trend.label}, {_times(len(trend.points))}: latest {number_text(latest.value)}{band} "
            f"on {day_text(latest.when.date())}; {better_words(trend.better)}."
        )
        if len(trend.points) > 1:
            first = trend.points[0]
            lines.append(f"First in this period: {number_text(first.value)}{f' ({first.band})' if first.band else ''}.")
    if trend.bands:
        lines.append("Bands: " + "; ".join(band_words(trend, index) for index in range(len(trend.bands))) + ".")
    if trend.missing:
        lines.append(f"{_times(trend.missing).capitalize()} it was not added up: a question was skipped.")
    return " ".join(lines)


def band_words(trend: ScoreTrend, index: int) -> str:
    """A band as the pack means it, up to and including its top (`up to 4 A steadier
    week`); the last takes the rest (`above 9 A hard week`)."""
    band = trend.bands[index]
    if index == len(trend.bands) - 1 and index > 0 and band.high == trend.high:
        return f"above {number_text(band.low)} {band.label}"
    return f"up to {number_text(band.high)} {band.label}"


def on_track_summary(on_track: DaysOnTrack) -> str:
    if not on_track.checked:
        return (
            "No check-in in this period said whether you used. The daily check-in and the craving check ask, "
            "and each day on track is counted here."
        )
    lines = [f"Days on track: {len(on_track.kept)} of the {_plural(on_track.checked, 'day')} you checked in."]
    if on_track.with_use:
        days = ", ".join(day_text(day) for day in on_track.with_use)
        lines.append(
            f"{_plural(len(on_track.with_use), 'day')} with use: {days}. "
            "A day with use is one day: every day on track still counts."
        )
    return " ".join(lines)


def milestone_summary(milestone: Milestone) -> str:
    so_far = f"Reward plan: {_plural(milestone.days, 'day')} kept by your plan's count."
    if milestone.next is None:
        return f"{so_far} You are past the last milestone (90 days)."
    reward = f": {milestone.reward}" if milestone.reward else ""
    return f"{so_far} Next milestone: {milestone.next} days, in {_plural(milestone.in_days or 0, 'day')}{reward}."
