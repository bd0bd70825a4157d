"""Edited or damaged files give one line that names them, never a traceback; a summary
index that cannot be trusted is rebuilt from its month; a data home others can open is
made private."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from store_helpers import make_entry
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import BadVersion, open_store

runner = CliRunner()


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("version", ["two", None, -1, True, 1.5, [1]])
def test_a_version_that_is_not_a_number_is_one_line_naming_the_file(version, cbt_home: Path, tmp_path: Path) -> None:
    store = open_store()
    store.save(make_entry())
    backup = store.backup(tmp_path / "usb")
    for state in (cbt_home / "state.json", backup / "state.json"):
        data = json.loads(state.read_text())
        data["meta"]["1"]["schema_version"] = version
        state.write_text(json.dumps(data))
    before = snapshot(cbt_home)
    message = (
        f"{cbt_home / 'state.json'}: schema_version is {version!r}, which is not a data version (a whole number); "
        "was the file edited? Nothing was changed.\n"
    )
    for command in (["history"], ["export"], ["backup"], ["restore"], ["delete", "01X", "--yes"]):
        result = runner.invoke(app, command)
        assert (result.exit_code, result.stderr) == (1, message), (command, result.output)
    assert snapshot(cbt_home) == before

    (cbt_home / "state.json").unlink()
    restored = runner.invoke(app, ["restore", str(backup)])
    assert (restored.exit_code, restored.stderr) == (1, message.replace(str(cbt_home), str(backup)))
    with pytest.raises(BadVersion):
        open_store().restore(backup)


TAMPERED = {
    "a naive time": lambda row: row[:6] + ["2026-03-15T09:30:00", *row[7:]],
    "a number for a title": lambda row: row[:3] + [42, *row[4:]],
    "a made-up status": lambda row: row[:5] + ["lost", *row[6:]],
    "a year out of range": lambda row: row[:6] + ["0001-01-01T00:00:00+14:00", *row[7:]],
    "a short row": lambda row: row[:4],
    "not a row": lambda row: "row",
}


def test_a_tampered_summary_index_is_rebuilt_from_its_month(store, cbt_home: Path) -> None:
    first, second = store.save(make_entry(0)), store.save(make_entry(1))
    index = cbt_home / "journal" / "index" / "2026-03.json"
    written = json.loads(index.read_text())
    for case, tamper in TAMPERED.items():
        data = json.loads(json.dumps(written))
        rows = data["summaries"]["1"]["rows"]
        rows[0] = tamper(rows[0])
        stat = index.stat()
        index.write_text(json.dumps(data))
        os.utime(index, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # still claims to describe the month as it is

        result = runner.invoke(app, ["history", "--json"])
        assert result.exit_code == 0 and result.exception is None, (case, result.output)
        assert sorted(row["id"] for row in json.loads(result.stdout)) == sorted([first.id, second.id]), case
        assert [s.status for s in open_store().history()] == [EntryStatus.COMPLETE] * 2, case
        assert json.loads(index.read_text())["summaries"]["1"]["rows"] == written["summaries"]["1"]["rows"], case


def test_a_summary_index_of_other_fields_is_rebuilt(store, cbt_home: Path) -> None:
    saved = store.save(make_entry(0))
    index = cbt_home / "journal" / "index" / "2026-03.json"
    data = json.loads(index.read_text())
    fields = data["summaries"]["1"]["fields"]
    data["summaries"]["1"]["fields"] = [fields[1], fields[0], *fields[2:]]  # written by a version with another order
    data["summaries"]["1"]["rows"] = [[row[1], row[0], *row[2:]] for row in data["summaries"]["1"]["rows"]]
    index.write_text(json.dumps(data))
    assert [(s.id, s.pack) for s in open_store().history()] == [(saved.id, saved.pack)]


def test_a_data_home_others_can_open_is_made_private(cbt_home: Path) -> None:
    cbt_home.mkdir(mode=0o755)
    os.chmod(cbt_home, 0o755)
    store = open_store()
    assert cbt_home.stat().st_mode & 0o777 == 0o700
    assert store.check() == []


def test_a_data_home_that_cannot_be_made_private_is_named(cbt_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cbt_home.mkdir()
    os.chmod(cbt_home, 0o775)
    real_chmod = os.chmod

    def chmod(path, mode, *args, **kwargs):  # the OS refusing, as for a folder another user owns
        if Path(path) == cbt_home:
            raise PermissionError(1, "Operation not permitted")
        return real_chmod(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", chmod)
    expected = (
        f"{cbt_home}: other users can open this folder (mode 775) and it could not be made private "
        f"(Operation not permitted); make it yours alone with `chmod 700 {cbt_home}`."
    )
    assert [str(problem) for problem in open_store().check()] == [expected]
    where = runner.invoke(app, ["where"])
    assert where.stdout.splitlines()[1] == "  not private: " + expected.split(": ", 1)[1].rstrip(".")
    history = runner.invoke(app, ["history"])
    assert f"warning: {expected}" in history.stderr
