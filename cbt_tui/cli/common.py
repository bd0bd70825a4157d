"""What every command module shares: one clear line and exit 1, date options, the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from cbt_tui.store import Store


def fail(*lines: str) -> typer.Exit:
    """Print the lines on stderr and return the Exit to raise: never a traceback. They
    often quote a file's contents or name, so control characters are shown, not obeyed."""
    from cbt_tui.text import visible_text

    for line in lines:
        typer.echo(visible_text(line), err=True)
    return typer.Exit(1)


def parse_day(value: str | None, option: str) -> date | None:
    """A `--since`/`--until` value as a date, or a one-line error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: expected a date like 2026-11-23, got {value!r}") from None


@contextmanager
def open_journal() -> Iterator[Store]:
    """The store in the data home, for every command that reads or writes it:

        with open_journal() as store:
            ...

    Problems found on opening (a file moved aside, a home others can read) are printed
    as `warning: ...` lines on stderr; a StoreError, on opening or inside the block,
    becomes its message on stderr and exit 1. The store is imported here, so a command
    module imports nothing heavy until it runs.
    """
    from cbt_tui.store import StoreError, open_store
    from cbt_tui.text import visible_text

    try:
        store = open_store()
        for problem in store.check():
            typer.echo(visible_text(f"warning: {problem}"), err=True)
        yield store
    except StoreError as error:
        raise fail(str(error)) from None
