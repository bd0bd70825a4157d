"""One error in a pack file, printed as the format page asks: FILE:LINE:COL: PATH: MESSAGE."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cbt_tui.domain.packs.limits import SHOWN_LIMIT

#: PATH shown for problems that belong to the whole file rather than one field.
WHOLE_FILE = "(file)"

#: Where in a file: keys, list indexes, and a scale's number labels (which may be 0.5).
Loc = tuple[str | int | float, ...]

_LINE_BREAKS = re.compile(r"[\r\n\t]")
_ESCAPES = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


@dataclass(frozen=True, order=True)
class PackError:
    file: Path
    line: int  # 1-based
    column: int  # 1-based
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"


def format_loc(loc: Loc) -> str:
    """('exercises', 2, 'steps', 4, 'id') -> 'exercises[2].steps[4].id'."""
    text = ""
    for part in loc:
        if isinstance(part, (int, float)):
            text += f"[{shown_value(part)}]"
        else:
            name = _shortened(part)
            text += f".{name}" if text else name
    return text or WHOLE_FILE


def shown_value(value: object) -> str:
    """A value from a pack as an error message repeats it: at most 80 characters of it,
    on one line, and never a 20,000-digit number. Text comes back in quotes."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) < 10**SHOWN_LIMIT:
            return str(value)
        return f"a number of {_digits(abs(value)):,} digits"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return f"{value:.15g}"
    if isinstance(value, str):
        return f"'{_shortened(value)}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def _digits(number: int) -> int:
    """Decimal digits of a positive integer, without str() (which refuses past 4,300)."""
    digits = max(1, int(number.bit_length() * 0.30102999566398))
    while 10**digits <= number:
        digits += 1
    while digits > 1 and 10 ** (digits - 1) > number:
        digits -= 1
    return digits


def described(value: object) -> str:
    """A value of the wrong type as a message names it: 'abc', the number 5, a list."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"the number {shown_value(value)}"
    if isinstance(value, bool):
        return f"'{shown_value(value)}'"
    return shown_value(value)


def _shortened(text: str) -> str:
    """At most SHOWN_LIMIT characters, with line breaks and tabs written as \\n, \\t."""
    cut = text[:SHOWN_LIMIT]
    cut = _LINE_BREAKS.sub(lambda m: _ESCAPES[m.group()], cut)
    return cut + "…" if len(text) > SHOWN_LIMIT else cut


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ', did you mean 'x'?' suffix when a close valid choice exists, else ''."""
    if not isinstance(word, str) or len(word) > SHOWN_LIMIT:
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f", did you mean {shown_value(close[0])}?" if close else ""


def one_of(choices: Sequence[str]) -> str:
    return ", ".join(shown_value(c) for c in choices)
