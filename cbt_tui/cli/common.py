"""What every command module shares: the one way to print, one clear line and exit 1,
date options, the store.

Everything a command prints goes through `say` (lines) or `console` with `cell` (Rich
tables and lines): pack and journal text is shown through `text.visible_text`, so an
ESC or OSC sequence in a title or an answer is displayed as symbols, never obeyed, and
Rich markup in it is never interpreted. tests/test_cli_output_source.py checks that no
command module prints any other way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from cbt_tui.store import Store


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text on stdout (or stderr), control characters and lone surrogates shown as
    visible symbols: the one way a command prints a line."""
    from cbt_tui.text import visible_text

    typer.echo(visible_text(text), err=err, nl=nl)


def console(*, err: bool = False) -> Console:
    """A Rich console that never reads markup, emoji codes or highlights in what it
    prints; give it `cell(...)` texts (or text that went through `visible_text`)."""
    from rich.console import Console

    return Console(markup=False, highlight=False, emoji=False, stderr=err)


def cell(text: object, style: str = "") -> Text:
    """Any value as a Rich Text for a table cell or a console line, shown visibly."""
    from rich.text import Text

    from cbt_tui.text import visible_text

    return Text(visible_text(str(text)), style=style)


def fail(*lines: str) -> typer.Exit:
    """Print the lines on stderr and return the Exit to raise: never a traceback. They
    often quote a file's contents or name, so control characters are shown, not obeyed."""
    for line in lines:
        say(line, err=True)
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

    try:
        store = open_store()
        for problem in store.check():
            say(f"warning: {problem}", err=True)
        yield store
    except StoreError as error:
        raise fail(str(error)) from None
