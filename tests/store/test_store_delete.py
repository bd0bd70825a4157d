"""Discard and delete remove the words from every file in the data home, backups too,
so that nothing (restore included) can bring them back. `cbt delete` asks first."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from store_helpers import make_entry, raw_documents
from tinydb import TinyDB
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import open_store, write_rescue
from cbt_tui.store.exchange import export_json, read_export

runner = CliRunner()
SECRET = "I drank at the party and told no one"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0).astimezone()

    def __call__(self) -> datetime:
        return self.now


def files_holding(home: Path, *needles: str) -> list[str]:
    """Every file under `home` whose bytes hold one of the needles (as JSON writes them)."""
    encoded = [json.dumps(needle)[1:-1].encode() for needle in needles]
    return sorted(
        str(path.relative_to(home))
        for path in home.rglob("*")
        if path.is_file() and any(needle in path.read_bytes() for needle in encoded)
    )


def test_discard_deletes_a_draft_from_every_file_and_backup(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    kept = store.save(make_entry(0))
    draft = store.save(make_entry(1, status=EntryStatus.DRAFT, answers={"situation": SECRET}))
    clock.now += timedelta(days=1)
    store.set_setting("theme", "dark")  # the day's first change: yesterday's state.json (with the draft) is copied
    store.backup()  # a snapshot holding the draft too
    write_rescue(draft, cbt_home)
    other = write_rescue(make_entry(5, status=EntryStatus.DRAFT), cbt_home)
    both = cbt_home / "rescue-20261120-090000-both0000.json"
    both.write_text(export_json([draft, kept], clock.now))
    assert len(files_holding(cbt_home, SECRET)) == 5

    with pytest.raises(ValueError, match="use Store.discard"):
        store.save(draft.model_copy(update={"status": EntryStatus.DISCARDED}))
    assert store.discard(draft.id) is True
    assert files_holding(cbt_home, SECRET, draft.id) == []
    assert other.exists() and [entry.id for entry in read_export(both)] == [kept.id]
    assert store.drafts() == [] and store.get(draft.id) is None
    for folder in (cbt_home / "backups").iterdir():
        assert store.restore(folder).restored == 0
    assert store.get(draft.id) is None
    assert kept.id in {summary.id for summary in store.history()}
    assert store.discard(draft.id) is False


def test_delete_removes_a_saved_entry_and_keeps_its_neighbours(cbt_home: Path) -> None:
    clock = Clock()
    store = open_store(clock=clock)
    gone = store.save(make_entry(0, answers={"situation": SECRET}))
    neighbour = store.save(make_entry(1))
    clock.now += timedelta(days=1)
    store.save(make_entry(2, answers={"situation": "a change of the day"}))  # copies the month aside
    store.backup()
    assert "journal/index/2026-03.json" in files_holding(cbt_home, gone.id)

    assert store.delete(gone.id) is True
    assert files_holding(cbt_home, SECRET, gone.id) == []
    assert [s.id for s in open_store().history() if s.id in (gone.id, neighbour.id)] == [neighbour.id]
    holding_neighbour = files_holding(cbt_home, neighbour.id)
    assert "journal/2026-03.json" in holding_neighbour and len(holding_neighbour) >= 4  # month, index, backups
    assert store.delete(gone.id) is False


def test_discard_leaves_a_finished_entry_alone(store) -> None:
    done = store.save(make_entry())
    assert store.discard(done.id) is False
    assert store.get(done.id) == done


def test_a_deletion_cut_short_is_finished_when_the_store_next_opens(store, cbt_home: Path) -> None:
    gone = store.save(make_entry(0, answers={"situation": SECRET}))
    store.backup()
    with TinyDB(cbt_home / "state.json") as db:  # as if a crash came right after noting it
        db.table("purging").insert({"id": gone.id})
    open_store()
    assert files_holding(cbt_home, SECRET) == []
    assert json.loads((cbt_home / "state.json").read_text())["purging"] == {}


def _version_1_home(home: Path) -> tuple[list[str], str]:
    """A data home as version 1 left it: discarded entries kept whole, backups too."""
    discarded = [make_entry(n, status=EntryStatus.DISCARDED, answers={"situation": f"{SECRET} {n}"}) for n in (1, 2)]
    kept = make_entry(3)
    state = {"meta": {"1": {"schema_version": 1}}, "open": {"1": discarded[0].to_json()}}
    month = {"entries": {"1": discarded[1].to_json(), "2": kept.to_json()}}
    for folder in (home, home / "backups" / "2026-11-19", home / "backups" / "2026-11-19-080000"):
        (folder / "journal").mkdir(parents=True)
        (folder / "journal" / "2026-03.json").write_text(json.dumps(month))
        if folder.name != "2026-11-19":  # a daily backup copies only the files changed that day
            (folder / "state.json").write_text(json.dumps(state))
    return [entry.id for entry in discarded], kept.id


def test_entries_an_older_version_kept_as_discarded_are_deleted_on_upgrade(cbt_home: Path) -> None:
    discarded, kept = _version_1_home(cbt_home)
    store = open_store()
    assert files_holding(cbt_home, SECRET, *discarded) == []
    assert json.loads((cbt_home / "state.json").read_text())["meta"]["1"]["schema_version"] == 2
    assert [s.id for s in store.history()] == [kept]
    assert store.check() == []
    for backup in sorted((cbt_home / "backups").iterdir()):
        assert open_store().restore(backup).restored == 0


def test_month_files_whose_state_file_was_lost_are_upgraded_too(cbt_home: Path) -> None:
    discarded, kept = _version_1_home(cbt_home)
    (cbt_home / "state.json").write_text("{cut off")  # moved aside on open: the version is unknown
    store = open_store()
    assert files_holding(cbt_home, f"{SECRET} 2", discarded[1]) == []
    assert [s.id for s in store.history()] == [kept]


def test_an_old_backup_elsewhere_never_brings_a_discarded_entry_back(cbt_home: Path, tmp_path: Path) -> None:
    discarded, kept = _version_1_home(tmp_path / "usb")
    backups = (tmp_path / "usb" / "backups" / "2026-11-19", tmp_path / "usb")  # a month alone, then all
    assert [open_store().restore(backup).restored for backup in backups] == [1, 0]  # only the kept one
    assert files_holding(cbt_home, SECRET, *discarded) == []
    assert [s.id for s in open_store().history()] == [kept]


def test_cbt_delete_yes_and_its_refusals(store, cbt_home: Path) -> None:
    entry = store.save(make_entry(0, exercise_title="Thought\x1b]0;pwned\x07 record", answers={"situation": SECRET}))
    unknown = runner.invoke(app, ["delete", "01NOSUCHENTRY"])
    assert (unknown.exit_code, unknown.stderr) == (1, "no entry has the id '01NOSUCHENTRY'; `cbt history` shows them\n")

    asked = runner.invoke(app, ["delete", entry.id])
    assert (asked.exit_code, asked.stderr) == (
        2,
        'not deleting "Thought␛]0;pwned␇ record" of 2026-03-14 09:30 without asking: run it in a terminal, or add --yes\n',
    )
    assert store.get(entry.id) is not None

    done = runner.invoke(app, ["delete", entry.id, "--yes"])
    assert done.exit_code == 0, done.output
    assert done.stdout == f'deleted "Thought␛]0;pwned␇ record" of 2026-03-14 09:30 (id {entry.id})\n'
    assert raw_documents(cbt_home) == [] and files_holding(cbt_home, SECRET) == []
    assert json.loads(runner.invoke(app, ["export"]).stdout)["entries"] == []


def _delete_on_a_terminal(home: Path, entry_id: str, answer: bytes) -> tuple[int, str]:
    """`cbt delete ENTRY_ID` with a real terminal; types `answer` once asked."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cbt_tui", "delete", entry_id],
        env={**os.environ, "CBT_HOME": str(home), "COLUMNS": "300"},
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    seen = b""
    try:
        while b"[y/N]" not in seen:
            chunk = os.read(main, 4096)
            assert chunk, seen
            seen += chunk
        os.write(main, answer + b"\r")
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
        process.wait(timeout=30)
    return process.returncode, seen.decode()


def test_cbt_delete_on_a_terminal_asks_once_naming_the_entry(store, cbt_home: Path) -> None:
    entry = store.save(make_entry(0, answers={"situation": SECRET}))
    code, shown = _delete_on_a_terminal(cbt_home, entry.id, b"n")
    question = (
        f'Delete "Thought record" of 2026-03-14 09:30 (id {entry.id}) from your journal and from every backup in '
        f"{cbt_home}? Files you exported elsewhere are yours and are not touched. [y/N]:"
    )
    assert question in " ".join(shown.split()), shown
    assert code == 1 and "Nothing was deleted." in shown
    assert open_store().get(entry.id) is not None

    code, shown = _delete_on_a_terminal(cbt_home, entry.id, b"y")
    assert code == 0 and f'deleted "Thought record" of 2026-03-14 09:30 (id {entry.id})' in shown
    assert files_holding(cbt_home, SECRET) == []


def test_delete_takes_an_entry_out_of_the_search_index_too(cbt_home: Path) -> None:
    store = open_store()
    gone = store.save(make_entry(0, answers={"situation": SECRET}))
    kept = store.save(make_entry(1, answers={"situation": "A quiet evening"}))
    assert [row.id for row in open_store().search("party")] == [gone.id]
    assert files_holding(cbt_home, SECRET.casefold()) == ["journal/index/2026-03.search.json"]  # as searched

    assert store.delete(gone.id) is True
    assert files_holding(cbt_home, SECRET, SECRET.casefold(), gone.id) == []
    assert open_store().search("party") == []
    assert [row.id for row in open_store().search("quiet")] == [kept.id]
