"""`cbt due` and the adherence table of `cbt history`, on installed packs and a real store."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from helpers import on_a_terminal, record_done, write_plan_pack
from typer.testing import CliRunner

from cbt_tui.cli import app

runner = CliRunner()


def due_lines() -> list[str]:
    result = runner.invoke(app, ["due"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_nothing_installed_prints_nothing_and_creates_nothing(cbt_home: Path) -> None:
    assert due_lines() == []
    assert not cbt_home.exists()


def test_due_lists_todays_assignments_one_per_line(tmp_path: Path) -> None:
    pack = write_plan_pack(
        tmp_path,
        "  - exercise: walk\n    frequency: daily\n    note: |\n      After dinner,\n      even a short one.\n"
        "  - exercise: letter\n    frequency: once\n",
    )
    assert runner.invoke(app, ["pack", "install", str(pack)]).exit_code == 0
    assert due_lines() == [
        "plan/walk  Evening walk  (After dinner, even a short one.)",
        "plan/letter  Letter [/bold] to ␛[31myourself",
    ]


def test_done_today_is_no_longer_due(tmp_path: Path, cbt_home: Path) -> None:
    pack = write_plan_pack(
        tmp_path, "  - exercise: walk\n    frequency: daily\n  - exercise: letter\n    frequency: 2/week\n"
    )
    assert runner.invoke(app, ["pack", "install", str(pack)]).exit_code == 0
    record_done(cbt_home, "walk", datetime.now().astimezone())
    assert due_lines() == ["plan/letter  Letter [/bold] to ␛[31myourself"]
    record_done(cbt_home, "letter", datetime.now().astimezone())
    record_done(cbt_home, "letter", datetime.now().astimezone())
    assert due_lines() == []


def test_windows_that_have_not_started_or_have_ended_are_not_due(tmp_path: Path) -> None:
    today = date.today()
    pack = write_plan_pack(
        tmp_path,
        f"  - exercise: walk\n    frequency: daily\n    start: {today + timedelta(days=1)}\n"
        f"  - exercise: letter\n    frequency: daily\n    start: {today - timedelta(days=9)}\n    end: {today - timedelta(days=1)}\n",
    )
    assert runner.invoke(app, ["pack", "install", str(pack)]).exit_code == 0
    assert due_lines() == []


def test_a_pack_copied_by_hand_has_no_active_assignments(tmp_path: Path, cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True)
    write_plan_pack(cbt_home / "packs", "  - exercise: walk\n    frequency: daily\n")
    assert due_lines() == []
    listed = runner.invoke(app, ["pack", "list"], env={"COLUMNS": "160"}).stdout
    assert "by hand" in listed


def test_history_shows_adherence_above_the_entries_and_keeps_json_a_list(tmp_path: Path, cbt_home: Path) -> None:
    today = date.today()
    pack = write_plan_pack(
        tmp_path, f"  - exercise: walk\n    frequency: daily\n    start: {today - timedelta(days=3)}\n"
    )
    assert runner.invoke(app, ["pack", "install", str(pack)]).exit_code == 0
    record_done(cbt_home, "walk", datetime.now().astimezone() - timedelta(days=2))
    record_done(cbt_home, "walk", datetime.now().astimezone())
    table, entries = on_a_terminal(cbt_home, "history", columns=120).split("Started", 1)
    assert "Assignments" in table and "Evening walk" in table
    assert "2 of 4 (50%)" in table
    assert entries.count("walk") == 2
    rows = json.loads(runner.invoke(app, ["history", "--json"]).stdout)
    assert isinstance(rows, list) and len(rows) == 2


def test_history_without_assignments_has_no_adherence_table(cbt_home: Path) -> None:
    record_done(cbt_home, "walk", datetime.now().astimezone())
    shown = on_a_terminal(cbt_home, "history", columns=120)
    assert "Assignments" not in shown
    assert shown.lstrip().startswith("Started")
