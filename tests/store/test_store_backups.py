"""Daily backups (a copy of each file before its first change of the day) and snapshots."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from store_helpers import make_entry

from cbt_tui.store import open_store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 8, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now


def test_first_change_of_the_day_keeps_the_previous_version(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    store.save(make_entry(0))
    assert not (cbt_home / "backups").exists()  # files new today: nothing older to keep

    month = cbt_home / "journal" / "2026-03.json"
    yesterday = month.read_bytes()
    clock.now += timedelta(days=1)
    store.save(make_entry(1))
    store.save(make_entry(2))
    copy = cbt_home / "backups" / "2026-11-02" / "journal" / "2026-03.json"
    assert copy.read_bytes() == yesterday
    assert not (cbt_home / "backups" / "2026-11-02" / "state.json").exists()  # unchanged today
    assert not (cbt_home / "backups" / "2026-11-02" / "journal" / "index").exists()


def test_seven_days_of_backups_are_kept(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    for day in range(10):
        store.save(make_entry(day))
        clock.now += timedelta(days=1)
    folders = sorted(path.name for path in (cbt_home / "backups").iterdir())
    assert folders == [f"2026-11-{day:02d}" for day in range(4, 11)]


def test_snapshots_copy_everything_and_seven_are_kept(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    store.save(make_entry(0))
    store.save(make_entry(40))
    first = store.backup()
    assert first == cbt_home / "backups" / "2026-11-01-080000"
    assert sorted(str(p.relative_to(first)) for p in first.rglob("*.json")) == [
        "journal/2026-03.json", "journal/2026-04.json", "state.json",
    ]  # fmt: skip
    for _ in range(8):
        clock.now += timedelta(minutes=1)
        store.backup()
    snapshots = sorted(path.name for path in (cbt_home / "backups").iterdir())
    assert len(snapshots) == 7 and snapshots[-1] == "2026-11-01-080800"


def test_newest_backup_of_a_file_is_found_across_kinds(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    store.save(make_entry(0))
    clock.now += timedelta(days=1)
    store.save(make_entry(1))
    clock.now += timedelta(hours=1)
    snapshot = store.backup()
    (cbt_home / "journal" / "2026-03.json").write_text("garbage")
    [problem] = open_store(clock=clock).check()
    assert problem.backup == snapshot / "journal" / "2026-03.json"
