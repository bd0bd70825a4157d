"""Wording both renderers share, so Markdown and HTML say the same things."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cbt_tui.domain.answers import duration_text, number_text
from cbt_tui.domain.progress import Cravings, FlagRaised, Progress, ScoreTrend, Week, by_day, sparkline
from cbt_tui.domain.progress_words import average, calendar_mark, signed
from cbt_tui.domain.report import ExerciseCount, RatingChange, Report

TITLE = "Session report"
PRIVATE_NOTE = "Made on this computer by cbt-tui. Nothing was sent anywhere; share it only if you choose to."
FLAG = "⚑ not better"
FLAGGED = "⚑ Worth talking about"
"""Before a flag an entry raised, where the entry is shown in full."""
NO_FLAGS = "Every re-rating moved the hoped-for way."
NOTHING = "—"


def day(value: date) -> str:
    return f"{value:%a %d %b %Y}"


def moment(value: datetime) -> str:
    return f"{value:%a %d %b %Y, %H:%M}"


def period(report: Report) -> str:
    return f"{day(report.since)} to {day(report.until)} · made {moment(report.made_at)}"


def for_whom(report: Report) -> str | None:
    """`For Sam R.`, when the person gave a name or initials (`cbt config set name`)."""
    return f"For {report.name}" if report.name else None


def number(value: float | None) -> str:
    return NOTHING if value is None else number_text(value)


def assigned(count: ExerciseCount) -> str:
    if count.assigned is None:
        return "not assigned"
    return f"{count.kept} of {count.assigned} kept"


def frequencies(count: ExerciseCount) -> str:
    return "; ".join(count.frequencies) or NOTHING


def question(change: RatingChange) -> str:
    """What was rated, by its shortest name: a rated item's label, else the prompt."""
    return change.item or change.question


def better_way(change: RatingChange) -> str:
    return "lower is better" if change.better == "lower" else "higher is better"


@dataclass(frozen=True)
class Table:
    """A report table as plain text; each renderer escapes and lays out the cells.

    `flags`, when given, marks rows worth talking about: a last column shows the flag.
    """

    header: list[str]
    rows: list[list[str]]
    flags: list[bool] | None = None


def practice_table(report: Report) -> Table:
    return Table(
        ["Exercise", "Pack", "Assigned", "Done", "On schedule"],
        [[c.title, c.pack, frequencies(c), str(c.done), assigned(c)] for c in report.exercises],
    )


def changes_table(report: Report) -> Table:
    return Table(
        ["When", "Exercise", "Question", "Before → after", "Change"],
        [
            [moment(c.when), c.exercise_title, question(c), f"{c.before_text} → {c.after_text}", c.change_text]
            for c in report.changes
        ],
        [c.flagged for c in report.changes],
    )


def cravings_table(report: Report) -> Table:
    return Table(
        ["When", "Exercise", "Start", "Peak", "End", "Surfed"],
        [
            [moment(s.when), s.exercise_title, number(s.start), number(s.peak), number(s.end), duration_text(s.seconds)]
            for s in report.cravings
        ],
    )


def flagged_line(change: RatingChange) -> str:
    """One re-rating worth talking about, as a sentence."""
    return (
        f"{moment(change.when)}, {change.exercise_title}: {question(change)}: "
        f"{change.before_text} → {change.after_text} ({better_way(change)})"
    )


def raised_line(flag: FlagRaised) -> str:
    """A flag an entry raised (a lapse in a check-in, a score past its flag), as a sentence."""
    return f"{moment(flag.when)}, {flag.exercise_title}: {flag.label}"


def worth_talking_about(report: Report) -> list[str]:
    """Re-ratings that did not move the better way, then the flags the entries raised."""
    return [flagged_line(c) for c in report.flagged] + [raised_line(f) for f in report.raised]


def calendar_table(weeks: list[Week]) -> Table:
    return Table(
        ["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        [[f"{week.monday:%d %b}", *(calendar_mark(count) for count in week.days)] for week in weeks],
    )


SPARK_WIDTH = 28
"""Text sparklines hold at most this many points (a point a day, averaged beyond)."""


def spark(points: list[tuple[datetime, float]], low: float | None = None, high: float | None = None) -> str:
    return sparkline([value for _, value in by_day(points)], low, high, SPARK_WIDTH) or NOTHING


def trends_table(trends: Progress) -> Table:
    """Every before/after measure: how often, the averages, and each side over time."""
    rows = []
    for m in trends.before_after:
        low = min(min(c.before, c.after) for c in m.changes)
        high = max(max(c.before, c.after) for c in m.changes)
        rows.append(
            [
                m.exercise_title,
                m.label,
                str(len(m.changes)),
                average(m.average_before),
                average(m.average_after),
                signed(m.average_change),
                spark([(c.when, c.before) for c in m.changes], low, high),
                spark([(c.when, c.after) for c in m.changes], low, high),
            ]
        )
    return Table(
        ["Exercise", "Measure", "Times", "Before", "After", "Change", "Before, day by day", "After, day by day"], rows
    )


def scores_table(trends: Progress) -> Table:
    return Table(
        ["When", "Check-in", "Score", "Value", "Band"],
        [
            [moment(p.when), t.exercise_title, t.label, number_text(p.value), p.band or NOTHING]
            for t in trends.scores
            for p in t.points
        ],
    )


def wave_table(trends: Progress) -> Table:
    return Table(
        ["Minute", "Average urge", "Surfs"],
        [[str(p.minute), average(p.average), str(p.surfs)] for p in trends.cravings.wave],
    )


def score_heading(trend: ScoreTrend) -> str:
    """`Weekly check: Total`, or the one name when the score is named after its exercise."""
    if trend.label == trend.exercise_title:
        return trend.label
    return f"{trend.exercise_title}: {trend.label}"


def craving_top(cravings: Cravings) -> float:
    """The top of the urge scale the craving charts share: 10, or higher if a rating was."""
    ratings = [v for s in cravings.surfs for v in (s.peak, s.end) if v is not None]
    return max([10.0, *ratings])
