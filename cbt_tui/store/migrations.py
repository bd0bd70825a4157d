"""Upgrading store files written by an older version of the app.

`MIGRATIONS[n]` turns one file's tables ({table: {doc_id: doc}}) from schema version n
into version n + 1, in place. Each must be idempotent: a crash part-way leaves some files
upgraded and the stored version unchanged, and the next open runs the same step over
every file again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from cbt_tui.store.errors import BadVersion
from cbt_tui.store.layout import ENTRIES, META, OPEN

SCHEMA_VERSION = 2

Tables = dict[str, dict[str, dict[str, Any]]]
_TIME_FIELDS = ("started_at", "updated_at", "completed_at", "followup_due")


def _entry_documents(tables: Tables) -> list[dict[str, Any]]:
    return [doc for name in (OPEN, ENTRIES) for doc in tables.get(name, {}).values()]


def _v0_to_v1(tables: Tables) -> None:
    """Version 0 (before the schema was versioned) kept neither the prompts as shown nor
    the resume position, and wrote its times in UTC without an offset."""
    for doc in _entry_documents(tables):
        doc.setdefault("prompts", {})
        doc.setdefault("position", None)
        doc.setdefault("completed_at", None)
        doc.setdefault("followup_due", None)
        for field in _TIME_FIELDS:
            value = doc.get(field)
            if isinstance(value, str) and _is_naive(value):
                doc[field] = value + "+00:00"


def _is_naive(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is None
    except ValueError:
        return False  # left for validation to report


def _v1_to_v2(tables: Tables) -> None:
    """Version 1 kept a discarded entry, text and all, marked `discarded`; version 2
    deletes it (the store also deletes its backup copies: see `discarded_ids`)."""
    for name in (OPEN, ENTRIES):
        table = tables.get(name, {})
        for doc_id in [doc_id for doc_id, doc in table.items() if doc.get("status") == "discarded"]:
            del table[doc_id]


def discarded_ids(tables: Tables) -> set[str]:
    """Ids of the entries that a version 1 file keeps as discarded."""
    return {str(doc.get("id")) for doc in _entry_documents(tables) if doc.get("status") == "discarded"}


MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _v0_to_v1, 1: _v1_to_v2}


def stored_version(state: Tables | None, path: Path) -> int:
    """The version the state file at `path` records; a state file without one predates
    versioning, and so do month files found without any (every step is idempotent, so
    running them over newer files changes nothing). BadVersion when it is not a whole
    number from 0 (an edited file)."""
    if state is None:
        return 0
    for doc in state.get(META, {}).values():
        if "schema_version" in doc:
            version = doc["schema_version"]
            if not isinstance(version, int) or isinstance(version, bool) or version < 0:
                raise BadVersion(
                    f"{path}: schema_version is {version!r}, which is not a data version (a whole number); "
                    "was the file edited? Nothing was changed.",
                    path,
                )
            return version
    return 0


def upgrade(tables: Tables, version: int) -> None:
    """Bring one file's tables from `version` up to SCHEMA_VERSION."""
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](tables)
