"""One error in a pack file, printed as the format page asks: FILE:LINE:COL: PATH: MESSAGE."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: PATH shown for problems that belong to the whole file rather than one field.
WHOLE_FILE = "(file)"

Loc = tuple[str | int, ...]


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
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or WHOLE_FILE


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """A ', did you mean 'x'?' suffix when a close valid choice exists, else ''."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f", did you mean '{close[0]}'?" if close else ""


def one_of(choices: Sequence[str]) -> str:
    return ", ".join(f"'{c}'" for c in choices)
