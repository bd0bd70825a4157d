"""`cbt history` at scale: the newest 20 on a terminal (`-n N`, `--all`), every match as
plain aligned lines when piped, and `--search` over every answer field. The real CLI in
a process of its own on a real store under CBT_HOME; a real pty where the terminal matters."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import on_a_terminal

from cbt_tui.domain.entries import Entry, EntryStatus, new_entry_id
from cbt_tui.store import open_store

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def entry(number: int, answers: dict, title: str = "Thought record") -> Entry:
    started = START + timedelta(hours=number)
    return Entry(
        id=new_entry_id(),
        pack="core",
        pack_version="1.0.0",
        exercise="thought-record",
        exercise_title=title,
        kind="thought_record",
        status=EntryStatus.COMPLETE,
        started_at=started,
        updated_at=started,
        completed_at=started,
        answers=answers,
    )


def seed(home: Path, entries: list[Entry]) -> None:
    open_store(home).import_entries(entries)


def cbt(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CBT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "cbt_tui", *args], capture_output=True, text=True, env=env, check=True)


def test_piped_history_prints_every_entry_as_one_aligned_line(cbt_home: Path) -> None:
    titles = ["Thought record", "Craving surf", "A much longer exercise title"]
    seed(cbt_home, [entry(n, {"a": "x"}, titles[n % 3]) for n in range(30)])
    result = cbt(cbt_home, "history")
    lines = result.stdout.splitlines()
    assert len(lines) == 30  # every one, not the newest 20
    assert result.stderr.strip() == "30 entries"
    assert lines[0].startswith("2026-03-02 14:00  ")  # newest first
    id_column = {len(line) - 26 for line in lines}
    assert len(id_column) == 1  # the ids line up: plain aligned text
    assert "\x1b" not in result.stdout and "━" not in result.stdout


def test_history_on_a_terminal_shows_the_newest_20_unless_asked(cbt_home: Path) -> None:
    seed(cbt_home, [entry(n, {"a": "x"}) for n in range(25)])
    newest = on_a_terminal(cbt_home, "history")
    assert newest.count("Thought record") == 20
    assert "2026-03-02 09:00" in newest and "2026-03-01 13:00" not in newest
    assert on_a_terminal(cbt_home, "history", "-n", "3").count("Thought record") == 3
    assert on_a_terminal(cbt_home, "history", "--all").count("Thought record") == 25


def test_history_search_finds_text_in_any_answer_field_ignoring_case(cbt_home: Path) -> None:
    seed(
        cbt_home,
        [
            entry(1, {"situation": "At Sam's PARTY on Friday"}),
            entry(2, {"thoughts": ["nobody will talk to me", "the party is ruined"]}),
            entry(3, {"feelings": {"party-nerves": 40}}),
            entry(4, {"situation": "A quiet evening"}),
            entry(5, {"outcome": {"plan": {"note": "left the Party early"}}}),
        ],
    )
    found = cbt(cbt_home, "history", "--search", "party")
    assert len(found.stdout.splitlines()) == 4
    assert "2026-03-01 13:00" not in found.stdout
    assert cbt(cbt_home, "history", "--search", "QUIET").stdout.count("\n") == 1
    assert cbt(cbt_home, "history", "--search", "nowhere").stdout == ""
    assert cbt(cbt_home, "history", "--search", "Thought").stdout.count("\n") == 5  # titles too
