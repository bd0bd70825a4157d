"""What every command module shares: one clear line and exit 1, and date options."""

from __future__ import annotations

from datetime import date

import typer


def fail(*lines: str) -> typer.Exit:
    """Print the lines on stderr and return the Exit to raise: never a traceback."""
    for line in lines:
        typer.echo(line, err=True)
    return typer.Exit(1)


def parse_day(value: str | None, option: str) -> date | None:
    """A `--since`/`--until` value as a date, or a one-line error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: expected a date like 2026-11-23, got {value!r}") from None
