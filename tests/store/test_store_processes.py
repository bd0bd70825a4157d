"""Processes: writers and importers killed with SIGKILL at random moments, or racing.

Each test polls for a condition (a line acknowledged, a process ended), never sleeps to
synchronise; the only sleep picks the random moment of a kill.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest
from store_helpers import cbt, make_entry, raw_documents, writer
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import open_store

pytestmark = pytest.mark.slow
SEED = int(os.environ.get("STORE_TEST_SEED", time.time_ns() % 1_000_000))


def assert_readable(home: Path) -> None:
    """Every data file parses as TinyDB JSON, and the store opens without problems.

    state.json is absent only in a home killed before its first write: months are
    written after it, so none may exist without it.
    """
    months = sorted((home / "journal").glob("*.json"))
    state = home / "state.json"
    assert state.is_file() or not months, f"months {months} without {state}"
    for path in [state, *months] if state.is_file() else months:
        assert isinstance(json.loads(path.read_bytes()), dict), path
    assert open_store(home).check() == []


def wait_for_store_use(pid: int, home: Path, bound: float = 30.0) -> None:
    """Return once the process holds the store's lock file open (or has ended)."""
    lock = str(home / ".store.lock")
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
            if any(_link(f"/proc/{pid}/fd/{fd}") == lock for fd in descriptors):
                return
        except FileNotFoundError:
            return  # it has ended
        time.sleep(0.002)  # poll interval: leave the CPU to the process being watched
    raise AssertionError(f"process {pid} never opened {lock}")


def _link(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def acknowledged_lines(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split()) for line in text.splitlines() if line.startswith(("draft ", "complete "))]


def test_writers_killed_mid_save_lose_nothing_acknowledged(cbt_home: Path) -> None:
    rng = random.Random(SEED)
    acknowledged: dict[str, str] = {}
    for round_number in range(15):
        process = writer(cbt_home, 10_000, f"round{round_number}")
        first = process.stdout.readline()  # blocks until the first save returned (or the writer died)
        assert first, process.communicate()[1]
        time.sleep(rng.uniform(0, 0.04))  # the random moment of the kill
        process.kill()
        rest, _ = process.communicate()
        for status, entry_id in acknowledged_lines(first + rest):
            if acknowledged.get(entry_id) != "complete":
                acknowledged[entry_id] = status

        assert_readable(cbt_home)
        store = open_store(cbt_home)
        for entry_id, status in acknowledged.items():
            entry = store.get(entry_id)
            assert entry is not None, f"seed {SEED}: acknowledged {entry_id} lost"
            if status == "complete":
                assert entry.status is EntryStatus.COMPLETE, f"seed {SEED}: {entry_id} went back"
        ids = [summary.id for summary in store.history()]
        assert len(ids) == len(set(ids)), f"seed {SEED}: an entry shows twice"
    assert len(acknowledged) >= 15


def test_thirty_killed_imports_leave_it_readable_and_rerunning_completes_it(cbt_home: Path, export_file) -> None:
    rng = random.Random(SEED)
    parts = [
        export_file(
            [make_entry(part * 7 + number * 3, answers={"n": f"{part}-{number}"}) for number in range(120)],
            f"part{part}.json",
        )
        for part in range(30)
    ]
    expected = sorted(entry["id"] for part in parts for entry in json.loads(part.read_text())["entries"])

    for part in parts:
        process = cbt(cbt_home, "import", str(part))
        wait_for_store_use(process.pid, cbt_home)
        time.sleep(rng.uniform(0, 0.05))  # the random moment of the kill, while it writes
        process.kill()
        process.wait(timeout=60)
        assert_readable(cbt_home)

    runner = CliRunner()
    for part in parts:
        result = runner.invoke(app, ["import", str(part)])
        assert result.exit_code == 0, result.stderr
    assert sorted(doc["id"] for doc in raw_documents(cbt_home)) == expected, f"seed {SEED}"
    assert runner.invoke(app, ["import", str(parts[0])]).stdout == "imported 0, skipped 120\n"


def test_four_importers_at_once_lose_nothing(cbt_home: Path, export_file) -> None:
    entries = [make_entry(number) for number in range(500)]
    # each file shares 50 entries with the next, so the importers also race on duplicates
    parts = [export_file(entries[start : start + 175], f"part{start}.json") for start in (0, 125, 250, 325)]
    open_store(cbt_home)  # create the home first so the four race on entries, not on set-up
    processes = [cbt(cbt_home, "import", str(part)) for part in parts]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], results
    counts = [tuple(int(word.strip(",")) for word in out.split()[1::2]) for out, _ in results]
    assert sum(imported for imported, _ in counts) == 500
    assert sum(skipped for _, skipped in counts) == 4 * 175 - 500
    assert sorted(doc["id"] for doc in raw_documents(cbt_home)) == sorted(entry.id for entry in entries)


def test_four_writers_at_once_lose_nothing(cbt_home: Path) -> None:
    open_store(cbt_home)
    processes = [writer(cbt_home, 25, f"writer{number}") for number in range(4)]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    completed = {entry_id for out, _ in outputs for status, entry_id in acknowledged_lines(out) if status == "complete"}
    assert len(completed) == 100
    store = open_store(cbt_home)
    assert {summary.id for summary in store.history()} == completed
    assert store.drafts() == []
