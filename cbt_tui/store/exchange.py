"""Export files: JSON (lossless, what `cbt import` reads), CSV and Markdown (for reading).

JSON is `{"format": 1, "exported_at": ..., "entries": [entry, ...]}` with every entry
field. It is written ASCII-only (non-ASCII as \\u escapes), so any text, even one a
terminal mangled (a lone surrogate), survives export and import unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from cbt_tui.domain.entries import Entry, describe_errors
from cbt_tui.store.errors import BadFile, StoreError
from cbt_tui.text import visible_text

if TYPE_CHECKING:
    from cbt_tui.domain.answers import FindExercise

EXPORT_FORMAT = 1

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


def read_export(path: Path) -> list[Entry]:
    """The entries of an export file, all valid, or BadFile naming each problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}.", path) from None
    try:
        document = json.loads(raw)
    except ValueError as error:
        raise BadFile(path, [f"not valid JSON ({error})"]) from None
    if not isinstance(document, dict):
        raise BadFile(path, ['expected an object with "format" and "entries"'])
    version = document.get("format")
    if isinstance(version, int) and not isinstance(version, bool) and version > EXPORT_FORMAT:
        raise BadFile(path, [f"format: {version} needs a newer version of cbt-tui"])
    if version != EXPORT_FORMAT:
        raise BadFile(path, [f"format: expected {EXPORT_FORMAT}"])
    items = document.get("entries")
    if not isinstance(items, list):
        raise BadFile(path, ["entries: expected a list"])
    entries, problems = [], []
    for index, item in enumerate(items):
        items[index] = None  # let each raw entry go once validated: halves peak memory
        try:
            entries.append(Entry.from_json(item))
        except ValidationError as error:
            problems += describe_errors(error, f"entries[{index}]")
    if problems:
        raise BadFile(path, problems)
    return entries


def export_csv(entries: list[Entry], find: FindExercise | None = None) -> str:
    """One row per entry; one column per (exercise, step) answered, as `exercise.step`.

    Answers read as words, choices by their label where `find` knows the exercise.
    """
    from cbt_tui.domain.answers import entry_answer_text  # the pack models: not for JSON

    answer_columns: dict[tuple[str, str], None] = {}
    for entry in entries:
        for step in entry.answers:
            answer_columns.setdefault((entry.exercise, step), None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*_FIELDS, *(f"{exercise}.{step}" for exercise, step in answer_columns)])
    for entry in entries:
        data = entry.to_json()
        definition = find(entry.pack, entry.exercise) if find else None
        row = [_csv_cell("" if data[field] is None else str(data[field])) for field in _FIELDS]
        row += [
            _csv_cell(entry_answer_text(entry, step, definition, inline=True)) if exercise == entry.exercise else ""
            for exercise, step in answer_columns
        ]
        writer.writerow(row)
    return out.getvalue()


def export_markdown(entries: list[Entry], find: FindExercise | None = None) -> str:
    """Each entry as a heading, then every prompt as shown with its answer, as words."""
    from cbt_tui.domain.answers import answer_rows  # the pack models: not for JSON

    parts = ["# cbt-tui journal\n"]
    for entry in entries:
        started = entry.started_at.isoformat(sep=" ", timespec="minutes")
        parts.append(f"\n## {visible_text(entry.exercise_title)} — {started}\n")
        parts.append(
            f"\n{entry.status.value} · {visible_text(entry.exercise)} "
            f"({visible_text(entry.pack)} {visible_text(entry.pack_version)}) · id {entry.id}\n"
        )
        for row in answer_rows(entry, find(entry.pack, entry.exercise) if find else None):
            heading = " ".join(row.heading.split()) or row.step_id
            parts.append(f"\n### {visible_text(heading)}\n\n{visible_text(_line_breaks_kept(row.text))}\n")
    return "".join(parts)


def _line_breaks_kept(text: str) -> str:
    """Text as Markdown paragraphs whose single line breaks stay (backslash hard breaks)."""
    paragraphs = [paragraph.splitlines() for paragraph in re.split(r"\n\s*\n", text)]
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def _csv_cell(text: str) -> str:
    """Visible text; a cell a spreadsheet would run as a formula gets a leading quote."""
    text = visible_text(text)
    if text.startswith(_FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
