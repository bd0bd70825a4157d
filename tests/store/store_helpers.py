"""Helpers for the store tests: entries, export files, subprocesses. No mocks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cbt_tui.domain.entries import Entry, EntryStatus, new_entry_id

HERE = Path(__file__).parent
START = datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))

HOSTILE = [
    "[/bold]",
    "[link=http://x]y[/link]",
    "\x1b[2J\x1b[31mred",
    "x" * 10_000,
    "emoji 🙂👩‍👩‍👧 ok",
    "שלום, עולם",
    "مرحبا بالعالم",
    "你好，世界 漢字",
    "tab\there\r\nCRLF\u202eRLO",
]


def make_entry(number: int = 0, **fields: Any) -> Entry:
    """A finished thought record, `number` days after START unless told otherwise."""
    started = fields.pop("started_at", START + timedelta(days=number))
    values: dict[str, Any] = {
        "id": new_entry_id(started),
        "pack": "recovery-basics",
        "pack_version": "1.2.0",
        "exercise": "thought-record",
        "exercise_title": "Thought record",
        "kind": "thought_record",
        "status": EntryStatus.COMPLETE,
        "started_at": started,
        "updated_at": started + timedelta(minutes=10),
        "completed_at": started + timedelta(minutes=10),
        "answers": {"situation": f"situation {number}", "emotions": {"anxious": 70}, "evidence": ["a", "b"]},
        "prompts": {"situation": "What happened?", "emotions": "How did you feel?", "evidence": "Evidence?"},
    }
    values.update(fields)
    return Entry(**values)


def raw_documents(home: Path) -> list[dict[str, Any]]:
    """Every entry document in the data files, read as plain JSON (bypassing the store)."""
    docs = []
    state = home / "state.json"
    if state.exists():
        docs += json.loads(state.read_text()).get("open", {}).values()
    for month in sorted((home / "journal").glob("????-??.json")):
        docs += json.loads(month.read_text()).get("entries", {}).values()
    return docs


def cbt(home: Path, *args: str, **popen: Any) -> subprocess.Popen[str]:
    """Start `python -m cbt_tui ARGS` on that data home."""
    env = {**os.environ, "CBT_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "cbt_tui", *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def writer(home: Path, count: int, tag: str) -> subprocess.Popen[str]:
    """Start tests/store/writer.py: saves entries, printing each once acknowledged."""
    return subprocess.Popen(
        [sys.executable, str(HERE / "writer.py"), str(home), str(count), tag],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def fail_writes_in(monkeypatch: Any, home: Path, code: int) -> None:
    """The OS refusing to write bytes into files under `home` (as a full disk does)."""
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(home)):
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
