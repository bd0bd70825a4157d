"""`cbt export --format md|csv` reads answers as words: options by their label, follow-ups
with when they were done, answers from an earlier version marked. JSON keeps the values.

Entries go into a real store under tmp_path; the definitions are the built-in packs.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.store import open_store

runner = CliRunner()
ZONE = timezone(timedelta(hours=1))
DUE = datetime(2026, 12, 2, 20, 29, tzinfo=ZONE)
DONE = datetime(2026, 12, 3, 9, 10, tzinfo=ZONE)


def restructuring() -> Entry:
    return Entry(
        pack="core",
        pack_version="1.0.0",
        exercise="restructuring",
        exercise_title="Cognitive restructuring",
        kind="restructuring",
        status=EntryStatus.COMPLETE,
        started_at=DUE - timedelta(days=1),
        completed_at=DUE - timedelta(days=1, minutes=-10),
        answers={"thought": "I'll use again", "traps": ["fortune-telling", "my own trap"], "old_step": "Kept"},
        prompts={"thought": "The **thought**?", "traps": "Which traps?", "old_step": "An old question"},
    )


def experiment() -> Entry:
    return Entry(
        pack="core",
        pack_version="1.0.0",
        exercise="behavioral-experiment",
        exercise_title="Behavioural experiment",
        kind="behavioral_experiment",
        status=EntryStatus.COMPLETE,
        started_at=DUE - timedelta(days=1),
        completed_at=DONE,
        answers={"experiment_done": DUE.isoformat(), "compared": "not-true"},
        prompts={"experiment_done": "Come back after the experiment.", "compared": "How did that compare?"},
        followups_done={"experiment_done": DONE},
    )


@pytest.fixture(autouse=True)
def journal(cbt_home: Path) -> None:
    imported, _ = open_store(cbt_home).import_entries([restructuring(), experiment()])
    assert imported == 2


def export(*args: str) -> str:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_export_reads_as_words() -> None:
    text = export("--format", "md")
    assert "### Which traps?\n\n• Fortune telling\\\n• my own trap\n" in text  # labels; own words as written
    assert "### How did that compare?\n\nIt did not come true\n" in text
    assert "### The thought?\n\nI'll use again\n" in text  # the prompt's Markdown read as words
    assert "### An old question (from an earlier version of this exercise)\n\nKept\n" in text
    assert "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:10" in text
    assert "not-true" not in text and "fortune-telling" not in text


def test_csv_export_reads_as_words() -> None:
    rows = {row["exercise"]: row for row in csv.DictReader(io.StringIO(export("--format", "csv")))}
    assert rows["restructuring"]["restructuring.traps"] == "Fortune telling; my own trap"
    assert rows["restructuring"]["restructuring.old_step"] == "Kept"
    assert rows["behavioral-experiment"]["behavioral-experiment.compared"] == "It did not come true"
    assert rows["behavioral-experiment"]["behavioral-experiment.experiment_done"] == (
        "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:10"
    )


def test_json_export_keeps_the_values_and_the_done_time() -> None:
    entries = {entry["exercise"]: entry for entry in json.loads(export())["entries"]}
    assert entries["restructuring"]["answers"]["traps"] == ["fortune-telling", "my own trap"]
    assert entries["behavioral-experiment"]["answers"]["compared"] == "not-true"
    assert entries["behavioral-experiment"]["followups_done"] == {"experiment_done": DONE.isoformat()}


def test_without_the_pack_the_export_shows_the_stored_values(cbt_home: Path) -> None:
    gone = restructuring().model_copy(update={"id": "01KAPQ0000GONEPACK0000001", "pack": "gone-pack"})
    open_store(cbt_home).import_entries([gone])
    text = export("--format", "md", "--exercise", "restructuring")
    assert "• fortune-telling\\\n• my own trap" in text  # the gone pack's entry, as stored
    assert "• Fortune telling\\\n• my own trap" in text  # the installed one, by label
