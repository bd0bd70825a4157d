"""Export files: JSON (lossless, what `cbt import` reads), CSV and Markdown (for reading).

JSON is `{"format": 1, "exported_at": ..., "entries": [entry, ...]}` with every entry
field. It is written ASCII-only (non-ASCII as \\u escapes), so any text, even one a
terminal mangled (a lone surrogate), survives export and import unchanged.

Reading one is two passes over its text, so that 100,000 entries never sit in memory
at once: the first validates every entry (the file is refused whole if any is wrong),
the second decodes them again, a month at a time, as the store writes them.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import stat
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cbt_tui.domain.entries import Entry
from cbt_tui.store.checking import checked_entries
from cbt_tui.store.errors import BadFile, StoreError
from cbt_tui.store.layout import home_of
from cbt_tui.text import markdown_block, markdown_quote, visible_text

if TYPE_CHECKING:
    from cbt_tui.domain.answers import FindExercise

EXPORT_FORMAT = 1
MAX_IMPORT_BYTES = 256 * 2**20

_FIELDS = (
    "id", "started_at", "completed_at", "status", "exercise", "exercise_title",
    "kind", "pack", "pack_version", "followup_due", "updated_at",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_json(entries: list[Entry], exported_at: datetime) -> str:
    """The export document, one entry per line: readable, diffable, and fast to write."""
    header = json.dumps({"format": EXPORT_FORMAT, "exported_at": exported_at.isoformat()})
    return header[:-1] + ', "entries": ' + json_lines([entry.to_json() for entry in entries]) + "}\n"


def json_lines(items: list[Any]) -> str:
    """A JSON array with one compact item per line (the C encoder: indent= is 20x slower)."""
    if not items:
        return "[]"
    return "[\n" + ",\n".join(json.dumps(item) for item in items) + "\n]"


class Export:
    """The valid entries of an export file, decoded again each time they are iterated:
    open ones first, then month by month (the order the store writes them in)."""

    def __init__(self, text: str, spans: list[tuple[str, int]], duplicates: int) -> None:
        self._text = text
        self._spans = spans
        self.duplicates = duplicates
        """Entries whose id came earlier in the same file (they count as skipped)."""

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self) -> Iterator[Entry]:
        for _, start in self._spans:
            yield Entry.from_json(_DECODER.raw_decode(self._text, start)[0])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Bulk reads and writes make millions of objects that never form cycles; Python's
    cycle collector would walk them over and over (a third of a 100,000-entry import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_export(path: Path) -> Export:
    """The entries of an export file, all valid, or BadFile naming each problem."""
    text = _read_text(path)
    document = _Document(text)
    problems: list[str] = []
    spans: list[tuple[str, int]] = []  # (the month keeping it, or "" for open ones; where it starts)
    seen: set[str] = set()
    duplicates = 0
    try:
        with collector_paused():
            for position, entry in checked_entries(document.entries(), problems, foreign=True):
                if entry.id in seen:
                    duplicates += 1
                else:
                    seen.add(entry.id)
                    spans.append((home_of(entry) or "", document.starts[position]))
    except RecursionError:
        where = f"{document.reading}: " if document.reading else ""
        raise BadFile(
            path, [*problems, f"{where}nested too deeply to read (lists or maps within each other)"]
        ) from None
    except ValueError as error:
        raise BadFile(path, [f"not valid JSON ({error})"]) from None
    except _NotAnExport as error:
        raise BadFile(path, [str(error)]) from None
    version = document.header.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_FORMAT:
        raise BadFile(path, [f"format: {version} needs a newer version of cbt-tui"])
    if version != EXPORT_FORMAT or not isinstance(version, int):
        raise BadFile(path, [f"format: expected {EXPORT_FORMAT}"])
    if not document.has_entries:
        raise BadFile(path, ["entries: expected a list"])
    if problems:
        raise BadFile(path, problems)
    spans.sort(key=lambda span: span[0])  # stable: file order within each month
    return Export(text, spans, duplicates)


def _read_text(path: Path) -> str:
    """The file's text: only a regular file of at most MAX_IMPORT_BYTES (never a device or
    a pipe, which could hang the read). Opened without blocking, checked, then read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise BadFile(path, ["not a regular file; give a file made by `cbt export`"])
            if info.st_size > MAX_IMPORT_BYTES:
                raise BadFile(path, [f"{info.st_size:,} bytes is more than an import may be ({MAX_IMPORT_BYTES:,})"])
            with os.fdopen(fd, "rb", closefd=False) as file:
                raw = file.read(MAX_IMPORT_BYTES)  # a file that grows meanwhile is read cut, and refused
        finally:
            os.close(fd)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.", path) from None
    try:
        return raw.decode(json.detect_encoding(raw))
    except UnicodeDecodeError as error:
        raise BadFile(path, [f"not valid JSON ({error})"]) from None


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


class _NotAnExport(Exception):
    pass


class _Document:
    """Reads one JSON object's members in order, handing out the items of its "entries"
    list one at a time (`entries()`) and keeping the other members in `header`.

    Malformed text raises json's own JSONDecodeError (a ValueError) with its position.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self.header: dict[str, Any] = {}
        self.starts: list[int] = []
        """Where each item of "entries" starts in the text."""
        self.has_entries = False
        self.reading: str | None = None
        """The label of the item being read, if one is."""

    def entries(self) -> Iterator[tuple[str, Any]]:
        """("entries[N]", item) for each item; then checks the rest of the document."""
        text, pos = self._text, self._skip(0)
        if not text.startswith("{", pos):
            json.loads(text)  # raises for text that is not JSON at all
            raise _NotAnExport('expected an object with "format" and "entries"')
        pos = self._skip(pos + 1)
        closed = text.startswith("}", pos)
        if closed:
            pos = self._skip(pos + 1)
        while not closed:
            if not text.startswith('"', pos):
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
            key, pos = _DECODER.raw_decode(text, pos)
            pos = self._skip(pos)
            if not text.startswith(":", pos):
                raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
            pos = self._skip(pos + 1)
            if key == "entries" and self.has_entries:
                raise _NotAnExport("entries: given twice")
            if key == "entries" and text.startswith("[", pos):
                self.has_entries = True
                pos = yield from self._items(pos)
            else:
                self.header[key], pos = _DECODER.raw_decode(text, pos)
            pos = self._skip(pos)
            closed = text.startswith("}", pos)
            if not closed and not text.startswith(",", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos = self._skip(pos + 1)
        if pos != len(text):
            raise json.JSONDecodeError("Extra data", text, pos)

    def _items(self, pos: int) -> Generator[tuple[str, Any], None, int]:
        text = self._text
        pos = self._skip(pos + 1)
        if text.startswith("]", pos):
            return pos + 1
        while True:
            self.reading = f"entries[{len(self.starts)}]"
            self.starts.append(pos)
            item, pos = _DECODER.raw_decode(text, pos)
            self.reading = None
            yield f"entries[{len(self.starts) - 1}]", item
            pos = self._skip(pos)
            if text.startswith("]", pos):
                return pos + 1
            if not text.startswith(",", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos = self._skip(pos + 1)

    def _skip(self, pos: int) -> int:
        """Past the whitespace at `pos`."""
        match = _SPACE.match(self._text, pos)
        return match.end() if match else pos


def export_csv(entries: list[Entry], find: FindExercise | None = None) -> str:
    """One row per entry; one column per (exercise, step) answered, as `exercise.step`;
    one per (exercise, score) stored, as `exercise.scores.ID`; the flags raised, in one.

    Answers read as words, choices by their label where `find` knows the exercise; a
    score as `12 (High)`.
    """
    from cbt_tui.domain.answers import entry_answer_text, score_text  # the pack models: not for JSON

    answer_columns: dict[tuple[str, str], None] = {}
    score_columns: dict[tuple[str, str], None] = {}
    for entry in entries:
        for step in entry.answers:
            answer_columns.setdefault((entry.exercise, step), None)
        for score_id in entry.scores:
            score_columns.setdefault((entry.exercise, score_id), None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            *_FIELDS,
            "flags",
            *(_csv_cell(f"{exercise}.{step}") for exercise, step in answer_columns),
            *(_csv_cell(f"{exercise}.scores.{score_id}") for exercise, score_id in score_columns),
        ]
    )
    for entry in entries:
        data = entry.to_json()
        definition = find(entry.pack, entry.exercise) if find else None
        row = [_csv_cell("" if data[field] is None else str(data[field])) for field in _FIELDS]
        row.append(_csv_cell("; ".join(entry.flags)))
        row += [
            _csv_cell(entry_answer_text(entry, step, definition, inline=True)) if exercise == entry.exercise else ""
            for exercise, step in answer_columns
        ]
        row += [
            _csv_cell(score_text(entry.scores[score_id]))
            if exercise == entry.exercise and score_id in entry.scores
            else ""
            for exercise, score_id in score_columns
        ]
        writer.writerow(row)
    return out.getvalue()


def export_markdown(entries: list[Entry], find: FindExercise | None = None) -> str:
    """Each entry as a heading, then every prompt as shown with its answer, as words. All
    of it is escaped (`text.markdown_quote`, `markdown_block`): what renders is what was
    typed, never a link, an image or HTML."""
    from cbt_tui.domain.answers import answer_rows, score_rows  # the pack models: not for JSON

    parts = ["# cbt-tui journal\n"]
    for entry in entries:
        started = entry.started_at.isoformat(sep=" ", timespec="minutes")
        parts.append(f"\n## {markdown_quote(entry.exercise_title)} — {started}\n")
        parts.append(
            f"\n{entry.status.value} · {markdown_quote(entry.exercise)} "
            f"({markdown_quote(entry.pack)} {markdown_quote(entry.pack_version)}) · id {entry.id}\n"
        )
        definition = find(entry.pack, entry.exercise) if find else None
        for row in answer_rows(entry, definition):
            heading = markdown_quote(row.heading) or markdown_quote(row.step_id)
            parts.append(f"\n### {heading}\n\n{markdown_block(row.text)}\n")
        scores = score_rows(entry.scores, definition[1] if definition else None)
        if scores:
            lines = [f"- {markdown_quote(score.label)}: {markdown_quote(score.text)}" for score in scores]
            parts.append("\n### Scores\n\n" + "\n".join(lines) + "\n")
        if entry.flags:
            lines = [f"- ⚑ {markdown_quote(flag)}" for flag in entry.flags]
            parts.append("\n### Worth talking about\n\n" + "\n".join(lines) + "\n")
    return "".join(parts)


def _csv_cell(text: str) -> str:
    """Visible text; a cell a spreadsheet would run as a formula gets a leading quote."""
    text = visible_text(text)
    if text.startswith(_FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
