"""Store fixtures: real files under the test's data home (CBT_HOME), no mocks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_helpers import START

from cbt_tui.domain.entries import Entry
from cbt_tui.store import Store, open_store


@pytest.fixture
def store(cbt_home: Path) -> Store:
    return open_store()


@pytest.fixture
def export_file(tmp_path: Path) -> Callable[[list[Any]], Path]:
    """Write an export document with these entries (Entry objects or raw dicts)."""

    def write(entries: list[Any], name: str = "export.json") -> Path:
        path = tmp_path / name
        items = [item.to_json() if isinstance(item, Entry) else item for item in entries]
        path.write_text(json.dumps({"format": 1, "exported_at": START.isoformat(), "entries": items}))
        return path

    return write
