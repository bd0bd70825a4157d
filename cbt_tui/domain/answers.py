"""Answers as words: one place that turns stored answers into text for people to read."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def describe_timer(value: dict[str, Any]) -> str:
    checks = [c.get("value") for c in value.get("checks") or []]
    surfed = f"surfed {_clock(value.get('elapsed_seconds', 0))} of {_clock(value.get('planned_seconds', 0))}"
    ended = {"completed": "rode it out", "early": "finished early", "stopped": "stopped"}.get(
        value.get("ended"), "in progress"
    )
    wave = ""
    if checks:
        wave = f"; urge {_number(checks[0])} → peak {_number(max(checks))} → {_number(checks[-1])}"
    return f"{surfed} ({ended}){wave}"


def quote_answer(value: Any) -> str:
    """An earlier answer as quoted into a prompt: one line."""
    return describe_answer(None, value, inline=True)


def describe_answer(step: Any, value: Any, inline: bool = False) -> str:
    """Readable text for a stored answer; `inline` keeps it on one line (for quoting)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if step is not None and getattr(step, "type", None) == "followup":
            try:
                return f"came back {datetime.fromisoformat(value):%a %d %b %Y, %H:%M}"
            except ValueError:
                return value
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        unit = getattr(step, "unit", None) or ""
        return f"{_number(value)}{unit if unit in ('%',) else (' ' + unit if unit else '')}"
    if isinstance(value, list):
        items = [describe_answer(None, item, inline=True) for item in value]
        return "; ".join(items) if inline else "\n".join(f"• {item}" for item in items)
    if isinstance(value, dict):
        if "planned_seconds" in value:
            return describe_timer(value)
        parts = [f"{key}: {_number(number)}" for key, number in value.items()]
        return ", ".join(parts) if inline else "\n".join(parts)
    return str(value)
