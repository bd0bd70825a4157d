"""`cbt due` without Typer, pydantic, ruamel or TinyDB: fast enough for a shell prompt.

It reads only what it needs, as plain JSON: the installed packs' records in state.json,
their assignments from the catalog cache (`packs/cache.py`), and the completed entries
from the journal's summary index (plus the open entries in state.json). Whenever one of
these is missing, stale or not as expected (a summary file that no longer matches its
month file, a cache older than a pack file), it answers None and the ordinary command
runs instead, which is slower but reads everything. The schedule is the domain's.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

_FIELDS = ["id", "pack", "exercise", "exercise_title", "kind", "status", "started_at", "updated_at", "completed_at"]
"""The summary index's columns (`EntrySummary._fields`); another layout means: not here."""


class _Done(NamedTuple):
    """What `completion_dates` reads of an entry."""

    pack: str
    exercise: str
    status: Any
    completed_at: datetime | None


class _NotHere(Exception):
    """Something the fast path does not read: the ordinary command answers instead."""


def quick_due(args: list[str]) -> int | None:
    """Print what is due (or, with `--count`, how many); the exit status, or None when
    the ordinary command should answer."""
    if args not in ([], ["--count"]):
        return None
    count_only = args == ["--count"]
    try:
        due = _due_today()
    except (_NotHere, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if count_only:
        print(len(due))
        return 0
    if due:
        from cbt_tui.text import visible_text

        for item in due:
            print(visible_text(due_line(item)))
    return 0


def due_line(item: Any) -> str:
    """One assignment due today, as both ways of answering `cbt due` print it:
    `PACK/EXERCISE  Title  (note)`, shown visibly on one line."""
    from cbt_tui.text import one_line

    note = f"  ({one_line(item.note)})" if item.note else ""
    return f"{item.pack}/{item.exercise}  {one_line(item.title)}{note}"


def _table(data: Any, name: str) -> list[dict[str, Any]]:
    table = data.get(name, {}) if isinstance(data, dict) else None
    if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
        raise _NotHere(name)
    return list(table.values())


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes() or b"{}")
    except FileNotFoundError:
        return {}


def _due_today() -> list[Any]:
    from cbt_tui.paths import data_home, has_installed_packs, pack_folders

    if not has_installed_packs():
        return []  # nothing installed: nothing is ever due
    home = data_home()
    state = _read(home / "state.json")
    records = {doc["id"]: doc for doc in _table(state, "packs")}
    if not records:
        return []
    from cbt_tui.packs.cache import read_listing

    listing = read_listing(home, pack_folders())
    if listing is None:
        raise _NotHere("the catalog cache")
    from cbt_tui.domain.schedule import Assigned, completion_dates, due_today, local_date, local_today

    assigned = []
    for pack in listing.packs:
        record = records.get(pack.id)
        if record is None or not pack.assignments:
            continue
        installed_on = local_date(datetime.fromisoformat(record["installed_at"]))
        titles = {exercise.id: exercise.title for exercise in pack.exercises}
        for item in pack.assignments:
            assigned.append(
                Assigned(
                    pack=pack.id,
                    exercise=item["exercise"],
                    title=titles.get(item["exercise"], item["exercise"]),
                    frequency=item["frequency"],
                    start=date.fromisoformat(item["start"]) if item.get("start") else installed_on,
                    end=date.fromisoformat(item["end"]) if item.get("end") else None,
                    note=item.get("note"),
                )
            )
    if not assigned:
        return []
    return due_today(assigned, completion_dates(_entries(home, state)), local_today())


def _entries(home: Path, state: Any) -> list[_Done]:
    """Every entry as the store's history lists it: the open ones, then the finished
    ones of each month's summary file (which must match its month file)."""
    from cbt_tui.domain.status import EntryStatus

    def done(pack: Any, exercise: Any, status: Any, completed: Any) -> _Done:
        return _Done(
            str(pack), str(exercise), EntryStatus(status), datetime.fromisoformat(completed) if completed else None
        )

    open_docs = _table(state, "open")
    found = [done(d["pack"], d["exercise"], d["status"], d.get("completed_at")) for d in open_docs]
    open_ids = {doc["id"] for doc in open_docs}
    journal = home / "journal"
    months = sorted(name for name in os.listdir(journal) if name.endswith(".json")) if journal.is_dir() else []
    for name in months:
        month = os.stat(journal / name)
        index = _read(journal / "index" / name)
        source = index["source"]["1"]
        if [source.get("ino"), source.get("size"), source.get("mtime_ns")] != [
            month.st_ino,
            month.st_size,
            month.st_mtime_ns,
        ]:
            raise _NotHere(f"the summary of {name}")  # the store rebuilds it
        summaries = index["summaries"]["1"]
        if summaries["fields"] != _FIELDS:
            raise _NotHere("the summary layout")
        for row in summaries["rows"]:
            if row[0] not in open_ids:
                found.append(done(row[1], row[2], row[5], row[8]))
    return found


if __name__ == "__main__":  # pragma: no cover
    sys.exit(quick_due(sys.argv[1:]) or 0)
