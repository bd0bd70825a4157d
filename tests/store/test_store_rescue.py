"""Rescue files: a draft the store could not take is written beside it, without its lock,
offered on the next launch, and removed once it is back in the store."""

from __future__ import annotations

import errno
import json
import subprocess
from pathlib import Path

import pytest
from store_helpers import fail_writes_in, make_entry
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import DiskFull, LockTimeout, StoreError, open_store, write_rescue

runner = CliRunner()


def draft(text: str):
    return make_entry(0, status=EntryStatus.DRAFT, completed_at=None, position="situation", answers={"situation": text})


def test_a_rescue_is_written_while_the_store_is_locked_elsewhere(cbt_home: Path, tmp_path: Path) -> None:
    store = open_store(lock_timeout=0.1)
    saved = store.save(draft("the first words"))
    holder = subprocess.Popen(
        ["flock", "--no-fork", str(cbt_home / ".store.lock"), "-c", "echo held; exec sleep 60"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        typed = saved.model_copy(update={"answers": {"situation": "the first words, and then more"}})
        with pytest.raises(LockTimeout):
            store.save(typed)
        first, second = write_rescue(typed, cbt_home), write_rescue(typed, cbt_home)
    finally:
        holder.kill()
        holder.wait()
    assert first != second and first.parent == second.parent == cbt_home
    assert first.name.startswith("rescue-") and first.suffix == ".json"
    assert first.stat().st_mode & 0o777 == 0o600
    [entry] = json.loads(first.read_text())["entries"]
    assert entry["answers"] == {"situation": "the first words, and then more"}
    assert entry["updated_at"] > saved.updated_at.isoformat()

    elsewhere = runner.invoke(app, ["import", str(first)], env={"CBT_HOME": str(tmp_path / "other")})
    assert elsewhere.stdout == "imported 1, skipped 0\n"  # plain export JSON


def test_the_next_launch_finds_rescues_and_taking_one_replaces_the_older_draft(cbt_home: Path) -> None:
    store = open_store()
    saved = store.save(draft("old words"))
    path = write_rescue(saved.model_copy(update={"answers": {"situation": "new words"}}), cbt_home)
    [rescue] = store.rescues()
    assert rescue.path == path and [entry.answers for entry in rescue.entries] == [{"situation": "new words"}]

    assert store.take_rescue(path) == (1, 0)
    assert not path.exists() and store.rescues() == []
    [back] = store.drafts()
    assert back.id == saved.id and back.answers == {"situation": "new words"}


def test_cbt_import_of_a_rescue_file_takes_it_and_removes_it(cbt_home: Path) -> None:
    store = open_store()
    saved = store.save(draft("old words"))
    path = write_rescue(saved.model_copy(update={"answers": {"situation": "new words"}}), cbt_home)
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "imported 1, skipped 0\n",
        f"removed the rescue file {path}\n",
    )
    assert not path.exists()
    assert [entry.answers for entry in open_store().drafts()] == [{"situation": "new words"}]


def test_a_rescue_file_that_cannot_be_read_is_named_and_kept(cbt_home: Path) -> None:
    store = open_store()
    cut = cbt_home / "rescue-20261120-090000-abcdefgh.json"
    cut.write_text('{"format": 1, "entries": [{"id": "01')
    assert store.rescues() == []
    [problem] = store.check()
    assert str(problem).startswith(f"{cut}: this rescue file cannot be read ({cut}: not valid JSON")
    assert cut.exists()
    with pytest.raises(StoreError, match="is not a rescue file"):
        store.take_rescue(cbt_home / "state.json")


def test_when_even_a_rescue_cannot_be_written_the_error_says_so(
    tmp_path: Path, cbt_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    with pytest.raises(StoreError) as caught:
        write_rescue(draft("words"), not_a_folder)
    assert str(caught.value).startswith("Not even a rescue file could be written: ")
    assert str(not_a_folder) in str(caught.value)

    fail_writes_in(monkeypatch, cbt_home, errno.ENOSPC)
    with pytest.raises(DiskFull, match="^Not even a rescue file could be written: The disk is full"):
        write_rescue(draft("words"))  # into the data home
    assert list(cbt_home.iterdir()) == []  # no file cut short is left behind


def test_discarding_a_draft_that_only_a_rescue_file_holds_removes_the_file(cbt_home: Path) -> None:
    store = open_store()
    never_saved = draft("words the store never took")
    path = write_rescue(never_saved, cbt_home)
    assert store.discard(never_saved.id) is True
    assert not path.exists() and store.rescues() == [] and store.drafts() == []
    assert store.discard(never_saved.id) is False
