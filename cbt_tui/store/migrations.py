"""Upgrading store files written by an older version of the app.

`MIGRATIONS[n]` turns one file's tables ({table: {doc_id: doc}}) from schema version n
into version n + 1, in place. Each must be idempotent: a crash part-way leaves some files
upgraded and the stored version unchanged, and the next open runs the same step over
every file again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from cbt_tui.store.layout import ENTRIES, META, OPEN

SCHEMA_VERSION = 1

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


MIGRATIONS: dict[int, Callable[[Tables], None]] = {0: _v0_to_v1}


def stored_version(state: Tables | None) -> int:
    """The version a state file records; a state file without one predates versioning."""
    if state is None:
        return SCHEMA_VERSION
    for doc in state.get(META, {}).values():
        if "schema_version" in doc:
            return int(doc["schema_version"])
    return 0


def upgrade(tables: Tables, version: int) -> None:
    """Bring one file's tables from `version` up to SCHEMA_VERSION."""
    for step in range(version, SCHEMA_VERSION):
        MIGRATIONS[step](tables)
