"""Wording both renderers share, so Markdown and HTML say the same things."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cbt_tui.domain.answers import duration_text, number_text
from cbt_tui.domain.report import ExerciseCount, RatingChange, Report

TITLE = "Session report"
PRIVATE_NOTE = "Made on this computer by cbt-tui. Nothing was sent anywhere; share it only if you choose to."
FLAG = "⚑ not better"
NO_FLAGS = "Every re-rating moved the hoped-for way."
NOTHING = "—"


def day(value: date) -> str:
    return f"{value:%a %d %b %Y}"


def moment(value: datetime) -> str:
    return f"{value:%a %d %b %Y, %H:%M}"


def period(report: Report) -> str:
    return f"{day(report.since)} to {day(report.until)} · made {moment(report.made_at)}"


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
