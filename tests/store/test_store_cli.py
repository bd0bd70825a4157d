"""`cbt export`, `import`, `history`, `backup`, `restore` through Typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from store_helpers import HOSTILE, START, make_entry, raw_documents
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import Store, open_store

runner = CliRunner()


def exported(*args: str) -> list[dict]:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == 1 and "exported_at" in document
    return document["entries"]


def test_hostile_text_survives_export_and_import_byte_for_byte(store: Store, tmp_path: Path, monkeypatch) -> None:
    for number, text in enumerate(HOSTILE):
        store.save(
            make_entry(
                number, exercise_title=text, answers={"situation": text, "list": [text]}, prompts={"situation": text}
            )
        )
    store.save(make_entry(50, status=EntryStatus.AWAITING_FOLLOWUP, followup_due=START))
    store.save(make_entry(51, status=EntryStatus.DRAFT, position="emotions"))
    out = tmp_path / "all.json"
    assert runner.invoke(app, ["export", "-o", str(out)]).exit_code == 0
    first = json.loads(out.read_text())["entries"]

    monkeypatch.setenv("CBT_HOME", str(tmp_path / "elsewhere"))
    result = runner.invoke(app, ["import", str(out)])
    assert result.stdout == f"imported {len(HOSTILE) + 2}, skipped 0\n"
    again = exported()
    assert again == first
    for number, text in enumerate(HOSTILE):
        assert again[number]["answers"]["situation"].encode("utf-8", "surrogatepass") == text.encode(
            "utf-8", "surrogatepass"
        )
        assert again[number]["exercise_title"] == text
    assert [entry["status"] for entry in again[-2:]] == ["awaiting_followup", "draft"]


def test_export_filters(store: Store) -> None:
    first = store.save(make_entry(0, exercise="a"))
    second = store.save(make_entry(30, exercise="b"))
    third = store.save(make_entry(60, exercise="a"))
    assert [e["id"] for e in exported()] == [first.id, second.id, third.id]
    assert [e["id"] for e in exported("--exercise", "a", "--since", "2026-03-15")] == [third.id]
    assert [e["id"] for e in exported("--until", "2026-04-13")] == [first.id, second.id]


def test_export_csv_has_readable_answer_columns(store: Store) -> None:
    store.save(
        make_entry(
            0,
            answers={
                "situation": "=HYPERLINK(1)",
                "emotions": {"anxious": 70, "sad": 20},
                "evidence": ["one", "two"],
                "urge": 4.5,
            },
        )
    )
    result = runner.invoke(app, ["export", "--format", "csv"])
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["thought-record.situation"] == "'=HYPERLINK(1)"
    assert row["thought-record.emotions"] == "anxious: 70, sad: 20"
    assert row["thought-record.evidence"] == "one; two"
    assert row["thought-record.urge"] == "4.5"
    assert row["status"] == "complete" and row["started_at"] == "2026-03-14T09:30:00+01:00"


def test_export_markdown_shows_prompt_then_answer(store: Store) -> None:
    store.save(make_entry(0, answers={"situation": "Missed the bus\x1b[2J"}, prompts={"situation": "What\nhappened?"}))
    text = runner.invoke(app, ["export", "--format", "md"]).stdout
    assert "## Thought record — 2026-03-14 09:30+01:00" in text
    assert "### What happened?\n\nMissed the bus␛\\[2J\n" in text
    assert "\x1b" not in text


def test_import_refuses_a_malformed_file_whole(store: Store, export_file, cbt_home: Path) -> None:
    entries = [make_entry(number).to_json() for number in range(5)]
    entries[3]["started_at"] = "last tuesday"
    del entries[4]["pack"]
    path = export_file(entries)
    before = sorted(p.name for p in cbt_home.rglob("*"))
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: entries[3].started_at: expected an ISO date-time",
        f"{path}: entries[4].pack: required field is missing",
    ]
    assert result.stdout == "" and "Traceback" not in result.output
    assert raw_documents(cbt_home) == [] and sorted(p.name for p in cbt_home.rglob("*")) == before


def test_import_refuses_files_that_are_not_exports(tmp_path: Path) -> None:
    cases = {
        "broken.json": ("{", "not valid JSON"),
        "list.json": ("[]", 'expected an object with "format" and "entries"'),
        "newer.json": ('{"format": 2, "entries": []}', "format: 2 needs a newer version of cbt-tui"),
        "noformat.json": ('{"entries": []}', "format: expected 1"),
        "entries.json": ('{"format": 1, "entries": {}}', "entries: expected a list"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = runner.invoke(app, ["import", str(path)])
        assert result.exit_code == 1 and result.stderr.startswith(f"{path}: {message}"), result.stderr
    missing = runner.invoke(app, ["import", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1 and "Cannot read" in missing.stderr and "Traceback" not in missing.output


def test_import_is_idempotent_and_keeps_unknown_exercises(export_file) -> None:
    path = export_file([make_entry(number, pack="not-installed", exercise="mystery") for number in range(3)])
    assert runner.invoke(app, ["import", str(path)]).stdout == "imported 3, skipped 0\n"
    assert runner.invoke(app, ["import", str(path)]).stdout == "imported 0, skipped 3\n"
    assert {e["exercise"] for e in exported()} == {"mystery"}


def test_history_prints_user_text_literally(store: Store) -> None:
    for number, text in enumerate(["[/bold]", "[link=http://x]y[/link]", "\x1b[2Jboom", "[red]x[/red]"]):
        store.save(make_entry(number, exercise_title=text))
    result = runner.invoke(app, ["history"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for literal in ("[/bold]", "[link=http://x]y[/link]", "␛[2Jboom", "[red]x[/red]"):
        assert literal in result.stdout
    assert "\x1b" not in result.stdout
    assert result.stdout.index("[red]x[/red]") < result.stdout.index("[/bold]")  # newest first


def test_history_json_and_filters(store: Store) -> None:
    old = store.save(make_entry(0, exercise="a"))
    new = store.save(make_entry(40, exercise="b"))
    rows = json.loads(runner.invoke(app, ["history", "--json"]).stdout)
    assert [row["id"] for row in rows] == [new.id, old.id]
    assert rows[0]["started_at"] == new.started_at.isoformat()
    assert json.loads(runner.invoke(app, ["history", "--json", "--exercise", "a"]).stdout)[0]["id"] == old.id
    assert json.loads(runner.invoke(app, ["history", "--json", "--since", "2026-04-01"]).stdout)[0]["id"] == new.id


def test_bad_options_are_one_line_errors() -> None:
    for args, message in [
        (["history", "--since", "soon"], "--since: expected a date like 2026-11-23, got 'soon'"),
        (["export", "--until", "2026-02-30"], "--until: expected a date like 2026-11-23, got '2026-02-30'"),
        (["export", "--format", "xml"], "--format: expected one of json, csv, md, got 'xml'"),
    ]:
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_backup_and_restore_commands(store: Store, tmp_path: Path, cbt_home: Path) -> None:
    entry = store.save(make_entry())
    store.set_contacts([{"name": "Sam", "contact": "555"}])
    result = runner.invoke(app, ["backup", str(tmp_path / "usb")])
    assert result.stdout == f"backed up to {tmp_path / 'usb'}\n"
    assert (tmp_path / "usb" / "journal" / "2026-03.json").is_file()
    default = runner.invoke(app, ["backup"]).stdout
    assert default.startswith(f"backed up to {cbt_home / 'backups'}/")

    (cbt_home / "journal" / "2026-03.json").unlink()
    (cbt_home / "state.json").unlink()
    result = runner.invoke(app, ["restore", str(tmp_path / "usb")])
    assert result.stdout == f"restored 1 entry from {tmp_path / 'usb'} (0 already up to date)\n"
    reopened = open_store()
    assert reopened.get(entry.id) == entry
    assert reopened.contacts()[0]["name"] == "Sam"
    newest = default.split()[-1]
    assert runner.invoke(app, ["restore"]).stdout == f"restored 0 entries from {newest} (1 already up to date)\n"


def test_restore_brings_back_every_valid_entry_and_names_the_bad_ones(
    store: Store, tmp_path: Path, cbt_home: Path
) -> None:
    first = store.save(make_entry(0))
    backup = store.backup(tmp_path / "b")
    month = backup / "journal" / "2026-03.json"
    data = json.loads(month.read_text())
    data["entries"]["1"]["started_at"] = "never"
    data["entries"]["2"] = make_entry(5).to_json()
    data["entries"]["3"] = make_entry(6).to_json() | {"status": "done"}
    month.write_text(json.dumps(data))
    (cbt_home / "journal" / "2026-03.json").unlink()
    result = runner.invoke(app, ["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{backup}: 2026-03.json: entries[1].started_at: expected an ISO date-time (not restored)",
        f"{backup}: 2026-03.json: entries[3].status: expected one of draft, awaiting_followup, complete, discarded (not restored)",
    ]
    assert result.stdout == f"restored 1 entry from {backup} (0 already up to date)\n"
    assert [doc["id"] for doc in raw_documents(cbt_home)] == [data["entries"]["2"]["id"]]
    assert first.id not in {s.id for s in open_store().history()}
    nothing = runner.invoke(app, ["restore", str(tmp_path / "missing")])
    assert nothing.exit_code == 1 and "does not exist" in nothing.stderr
    month.write_text("{cut off")
    partly = runner.invoke(app, ["restore", str(backup)])
    assert partly.exit_code == 0 and partly.stderr.startswith(f"{backup}: 2026-03.json: cannot be read (")
    (backup / "state.json").unlink()  # with nothing readable left, the backup is refused whole
    unreadable = runner.invoke(app, ["restore", str(backup)])
    assert unreadable.exit_code == 1
    assert unreadable.stderr.startswith(f"{backup}: 2026-03.json: cannot be read (")
    assert len(unreadable.stderr.splitlines()) == 1


def test_restore_without_backups_says_so(cbt_home: Path) -> None:
    result = runner.invoke(app, ["restore"])
    assert (result.exit_code, result.stderr) == (1, f"There are no backups in {cbt_home / 'backups'} yet.\n")
