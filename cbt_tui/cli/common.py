"""What every command module shares: the one way to print, one clear line and exit 1,
date options, the store.

Everything a command prints goes through `say` (lines) or `console` with `cell` (Rich
tables and lines): pack and journal text is shown through `text.visible_text`, so an
ESC or OSC sequence in a title or an answer is displayed as symbols, never obeyed, and
Rich markup in it is never interpreted. tests/test_cli_output_source.py checks that no
command module prints any other way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, cast

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from cbt_tui.store import Store


#: The span of days a --since/--until may name: the span of stored times, so that every
#: day converts to any local time (`0001-01-01` or `9999-12-31` would not).
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(9999, 12, 30)


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text on stdout (or stderr), control characters and lone surrogates shown as
    visible symbols: the one way a command prints a line."""
    from cbt_tui.text import visible_text

    with _writing():
        typer.echo(visible_text(text), err=err, nl=nl)


def console(*, err: bool = False) -> Console:
    """A Rich console that never reads markup, emoji codes or highlights in what it
    prints; give it `cell(...)` texts (or text that went through `visible_text`)."""
    from rich.console import Console

    return Console(file=cast("IO[str]", _Output(err)), markup=False, highlight=False, emoji=False)


@contextmanager
def _writing() -> Iterator[None]:
    """Output that cannot be written: a closed pipe (`cbt list | head -0`) ends the command
    quietly with exit 0, as `head` means it; anything else (`> /dev/full`) is one line on
    stderr and exit 1."""
    try:
        yield
    except BrokenPipeError:
        _stdout_to_nowhere()
        raise typer.Exit(0) from None
    except OSError as error:
        _stdout_to_nowhere()
        with suppress(OSError):
            typer.echo(f"cbt: could not write the output: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None


def _stdout_to_nowhere() -> None:
    """What is still buffered for stdout goes nowhere, so that Python's own flush at exit
    cannot fail again with a traceback."""
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Output:
    """stdout or stderr for a Rich console, its writes held to `_writing`."""

    def __init__(self, err: bool) -> None:
        self.err = err

    @property
    def _stream(self) -> IO[str]:
        return sys.stderr if self.err else sys.stdout

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        with _writing():
            return self._stream.write(text)

    def flush(self) -> None:
        with _writing():
            self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def write_output(path: Path, text: str, option: str = "-o") -> None:
    """Write what a command made to the file a person named with -o: one line and exit 1
    for a folder, a device, a missing folder or a failed write, never a traceback. A
    device or a folder is refused, not replaced (the file is written beside, then renamed
    over the name given)."""
    import stat

    from cbt_tui.store.errors import os_failure
    from cbt_tui.store.files import write_atomically

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise fail(f"{option} {path}: the folder {path.parent} does not exist") from None
    except OSError as error:
        raise fail(f"{option} {path}: {error.strerror or error}") from None
    else:
        if stat.S_ISDIR(mode):
            raise fail(f"{option} {path}: is a folder; give a file name") from None
        if not stat.S_ISREG(mode):
            raise fail(f"{option} {path}: not a regular file (a device or a pipe); give a file name") from None
    try:
        write_atomically(path, text.encode("utf-8", errors="replace"))
    except OSError as error:
        raise fail(str(os_failure(error, path, "write"))) from None


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


Choice = TypeVar("Choice", bound=Enum)


def parse_choice(kind: type[Choice], value: str, option: str, hint: str = "") -> Choice:
    """An option's value as one of `kind`, or a one-line error naming the option and the
    values it takes (Typer's own refusal of an Enum value is a usage block)."""
    try:
        return kind(value)
    except ValueError:
        names = [str(member.value) for member in kind]
        expected = " or ".join(names) if len(names) == 2 else "one of " + ", ".join(names)
        raise fail(f"{option}: expected {expected}, got {value!r}" + (f"; {hint}" if hint else "")) from None


def parse_day(value: str | None, option: str) -> date | None:
    """A `--since`/`--until` value as a date, or a one-line error naming the option."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: expected a date like 2026-11-23, got {value!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise fail(f"{option}: expected a date from {FIRST_DAY} to {LAST_DAY}, got {value}")
    return day


def check_period(first: date | None, last: date | None) -> None:
    """--since after --until is one line and exit 1."""
    if first is not None and last is not None and first > last:
        raise fail(f"--since {first} is after --until {last}")


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
