"""An entry's scores and flags as the review and the entry detail show them, below its answers."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Static

from cbt_tui.domain.answers import score_rows
from cbt_tui.domain.entries import EntryScore
from cbt_tui.domain.packs.models import Exercise
from cbt_tui.tui import shown

FLAGS_HEADING = "Worth talking about"
FLAG_MARK = "⚑"


def score_widgets(scores: Mapping[str, EntryScore], flags: list[str], exercise: Exercise | None) -> list[Static]:
    """Each score (its label, then `12 (High)`), then the flags raised, one a line."""
    widgets: list[Static] = []
    for row in score_rows(scores, exercise):
        widgets.append(Static(shown.text(row.label), classes="review-prompt"))
        widgets.append(Static(shown.text(row.text), classes="review-answer score"))
    if flags:
        widgets.append(Static(Text(FLAGS_HEADING), classes="review-prompt"))
        lines = "\n".join(f"{FLAG_MARK} {flag}" for flag in flags)
        widgets.append(Static(shown.text(lines), classes="review-answer flags"))
    return widgets
