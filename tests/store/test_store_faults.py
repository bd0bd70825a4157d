"""Faults: corrupt files, full disk, read-only folders, a hung lock holder, newer data."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from store_helpers import fail_writes_in, make_entry, raw_documents
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import DiskFull, LockTimeout, NewerStore, NotWritable, Store, open_store

GARBAGE = b'{"entries": {"1": {"id": "01AB", "answers": "cut off he'


class Clock:
    """A settable clock for the day-based backup rules."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def test_corrupt_month_is_moved_aside_named_and_backup_offered(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    kept = store.save(make_entry(0))
    clock.now += timedelta(days=1)
    store.save(make_entry(1))  # first change of the day: yesterday's month file is copied
    month = cbt_home / "journal" / "2026-03.json"
    month.write_bytes(GARBAGE)

    reopened = open_store(clock=clock)
    [problem] = reopened.check()
    assert problem.path == month
    assert problem.moved_to.name.startswith("2026-03.json.corrupt-")
    assert problem.moved_to.read_bytes() == GARBAGE
    assert problem.backup == cbt_home / "backups" / "2026-11-21" / "journal" / "2026-03.json"
    assert str(month) in problem.message and "cbt restore" in problem.message
    assert reopened.history() == []

    later = reopened.save(make_entry(2))
    assert problem.moved_to.read_bytes() == GARBAGE
    report = reopened.restore(problem.backup)
    assert report.restored == 1
    assert {s.id for s in reopened.history()} == {kept.id, later.id}


def test_corrupt_state_is_moved_aside_and_restore_brings_drafts_and_contacts_back(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    draft = store.save(make_entry(status=EntryStatus.DRAFT))
    store.set_contacts([{"name": "Sam", "contact": "555"}])
    store.set_setting("theme", "dark")
    clock.now += timedelta(days=1)
    store.set_setting("font", "big")  # copies yesterday's state.json into backups/
    (cbt_home / "state.json").write_bytes(GARBAGE)

    reopened = open_store(clock=clock)
    [problem] = reopened.check()
    assert problem.path == cbt_home / "state.json" and problem.moved_to.read_bytes() == GARBAGE
    assert reopened.drafts() == [] and reopened.contacts() == []
    reopened.set_setting("theme", "light")

    report = reopened.restore()  # the newest backup folder
    assert report.restored == 1
    assert [e.id for e in reopened.drafts()] == [draft.id]
    assert reopened.contacts() == [{"name": "Sam", "contact": "555", "note": ""}]
    assert reopened.setting("theme") == "light"  # restore fills gaps, never overwrites


def test_cli_names_a_corrupt_file_and_carries_on(cbt_home: Path) -> None:
    open_store().save(make_entry())
    (cbt_home / "journal" / "2026-03.json").write_bytes(GARBAGE)
    result = CliRunner().invoke(app, ["history"])
    assert result.exit_code == 0
    assert "warning: " in result.stderr and str(cbt_home / "journal" / "2026-03.json") in result.stderr
    assert "moved aside" in result.stderr and "There is no backup" in result.stderr


def _fail_creates_in(monkeypatch: pytest.MonkeyPatch, home: Path, code: int) -> None:
    """The OS refusing to create files under `home`, as in a folder that is not ours."""
    real_open = os.open

    def open_(path: str | Path, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and str(path).startswith(str(home)) and not os.path.exists(path):
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


@pytest.mark.parametrize(
    ("fault", "code", "error", "words"),
    [
        (fail_writes_in, errno.ENOSPC, DiskFull, "disk is full"),
        (_fail_creates_in, errno.EROFS, NotWritable, "read-only"),
        (_fail_creates_in, errno.EACCES, NotWritable, "read-only or not yours"),
    ],
)
def test_a_refused_write_changes_nothing_and_can_be_retried(
    store: Store, cbt_home: Path, monkeypatch: pytest.MonkeyPatch, fault, code, error, words
) -> None:
    saved = store.save(make_entry(0))
    draft = make_entry(1, status=EntryStatus.DRAFT)
    before = snapshot(cbt_home)

    fault(monkeypatch, cbt_home, code)
    with pytest.raises(error) as caught:
        store.save(saved.model_copy(update={"answers": {"situation": "changed"}}))
    with pytest.raises(error):
        store.save(draft)
    message = str(caught.value)
    assert words in message and str(cbt_home / "journal" / "2026-03.json") in message and "try again" in message
    assert snapshot(cbt_home) == before  # nothing half-written, no temp files left

    monkeypatch.undo()
    store.save(draft)
    assert [e.id for e in store.drafts()] == [draft.id]
    assert store.get(saved.id) == saved


def _permissions_enforced(folder: Path) -> bool:
    """False for root with CAP_DAC_OVERRIDE, who may write into a 0500 folder."""
    probe = folder / "probe"
    probe.mkdir(mode=0o500)
    try:
        (probe / "file").touch()
    except PermissionError:
        return True
    return False


def test_a_read_only_home_refuses_writes_clearly(store: Store, cbt_home: Path, tmp_path: Path) -> None:
    if not _permissions_enforced(tmp_path):
        pytest.skip("this user ignores folder permissions (root)")
    store.save(make_entry(0))
    for folder in (cbt_home, cbt_home / "journal"):
        folder.chmod(0o500)
    try:
        with pytest.raises(NotWritable) as caught:
            store.save(make_entry(1))
        assert str(cbt_home) in str(caught.value)
    finally:
        for folder in (cbt_home, cbt_home / "journal"):
            folder.chmod(0o700)


def test_a_hung_lock_holder_gives_a_timeout_not_a_hang(cbt_home: Path) -> None:
    store = open_store(lock_timeout=0.2)
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire();"
            " print('held', flush=True); sys.stdin.read()",
            str(cbt_home / ".store.lock"),
        ],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "held\n"
        draft = make_entry(status=EntryStatus.DRAFT)
        with pytest.raises(LockTimeout) as caught:
            store.save(draft)
        assert str(cbt_home / ".store.lock") in str(caught.value) and "0.2 s" in str(caught.value)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    store.save(draft)
    assert [e.id for e in store.drafts()] == [draft.id]


def test_data_from_a_newer_version_is_refused_untouched(cbt_home: Path) -> None:
    open_store().save(make_entry())
    state = cbt_home / "state.json"
    data = json.loads(state.read_text())
    data["meta"]["1"]["schema_version"] = 99
    state.write_text(json.dumps(data))
    before = snapshot(cbt_home)
    with pytest.raises(NewerStore, match="newer cbt-tui"):
        open_store()
    result = CliRunner().invoke(app, ["history"])
    assert result.exit_code == 1 and "newer cbt-tui" in result.stderr and "Traceback" not in result.output
    assert snapshot(cbt_home) == before


def test_backups_and_exports_are_private(store: Store, cbt_home: Path, tmp_path: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    store.save(make_entry())
    clock.now += timedelta(days=1)
    store.save(make_entry(1))
    store.backup()
    for path in (cbt_home / "backups").rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    out = tmp_path / "out.md"
    assert CliRunner().invoke(app, ["export", "--format", "md", "-o", str(out)]).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o600


def test_leftover_temp_files_are_cleaned_on_open(store: Store, cbt_home: Path) -> None:
    store.save(make_entry())
    leftover = cbt_home / "journal" / ".2026-03.json.abc123.tmp"
    leftover.write_bytes(b"half")
    open_store()
    assert not leftover.exists()
    assert len(raw_documents(cbt_home)) == 1
