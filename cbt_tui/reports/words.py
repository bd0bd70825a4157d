"""Wording both renderers share, so Markdown and HTML say the same things."""

from __future__ import annotations

from datetime import date, datetime

from cbt_tui.domain.answers import describe_answer
from cbt_tui.domain.report import ExerciseCount, Report

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
    return NOTHING if value is None else describe_answer(None, value)


def assigned(count: ExerciseCount) -> str:
    if count.assigned is None:
        return "not assigned"
    return f"{count.kept} of {count.assigned} kept"


def frequencies(count: ExerciseCount) -> str:
    return "; ".join(count.frequencies) or NOTHING


def question(change) -> str:
    return change.question + (f" — {change.item}" if change.item else "")


def better_way(change) -> str:
    return "lower is better" if change.better == "lower" else "higher is better"


def minutes(value: float) -> str:
    return f"{value:g} min"
