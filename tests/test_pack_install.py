"""`cbt pack install | list | remove | new` on real files and a real store in tmp_path."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
import semver
from helpers import PACKS
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.packs.schema import SCHEMA_FILE
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.paths import builtin_packs_dir
from cbt_tui.store import open_store

runner = CliRunner()

PACK_HEADER = """\
format: 1
id: {pack_id}
title: {title}
version: {version}
author: Dr. Test
assignments:
  - exercise: calm
    frequency: daily
    note: Evenings.
"""
EXERCISE = """\
format: 1
id: calm
title: Calm down
kind: skill
summary: Rate, breathe, rate again.
steps:
  - id: tension
    type: scale
    min: 0
    max: 10
    prompt: How tense are you?
  - type: info
    text: Breathe out slowly.
  - id: tension_after
    type: scale
    rerate: tension
    prompt: And now?
"""


def folder_pack(root: Path, version: str = "1.0.0", title: str = "Therapist pack", pack_id: str = "therapist") -> Path:
    folder = root / f"{pack_id}-{version}"
    (folder / "exercises").mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK_HEADER.format(pack_id=pack_id, title=json.dumps(title), version=version))
    (folder / "exercises" / "calm.yaml").write_text(EXERCISE)
    (folder / "notes.txt").write_text("not part of the pack")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]")
    return folder


def file_pack(root: Path, version: str = "1.0.0", pack_id: str = "single") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{pack_id}-{version}.yaml"
    header = PACK_HEADER.format(pack_id=pack_id, title="Single file", version=version)
    steps = EXERCISE.split("steps:\n", 1)[1]
    path.write_text(
        header
        + "exercises:\n  - id: calm\n    title: Calm down\n    kind: skill\n    summary: s\n    steps:\n"
        + "".join(f"    {line}\n" for line in steps.splitlines())
    )
    return path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what "nothing changed" is checked against."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def install(*args: str):
    return runner.invoke(app, ["pack", "install", *args])


# -- install -----------------------------------------------------------------------------------


def test_install_a_folder_pack_copies_what_the_loader_reads(tmp_path: Path, cbt_home: Path) -> None:
    result = install(str(folder_pack(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["installed therapist 1.0.0: 1 exercise", "assigned: calm daily"]
    installed = cbt_home / "packs" / "therapist"
    assert sorted(tree(installed)) == ["exercises/calm.yaml", "pack.yaml"]  # no notes, no .git
    [record] = open_store(cbt_home).installed_packs()
    assert (record.id, record.version, record.path) == ("therapist", "1.0.0", installed)
    assert load_catalog().find("calm", "therapist") is not None


def test_install_a_single_file_pack_as_a_folder_with_pack_yaml(tmp_path: Path, cbt_home: Path) -> None:
    result = install(str(file_pack(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert sorted(tree(cbt_home / "packs")) == [".install.lock", "single/pack.yaml"]
    pack, exercise = load_catalog().find("single/calm")
    assert (pack.version, exercise.title) == ("1.0.0", "Calm down")


def test_upgrade_replaces_in_place_keeps_the_install_date_and_the_entries(tmp_path: Path, cbt_home: Path) -> None:
    assert install(str(folder_pack(tmp_path))).exit_code == 0
    store = open_store(cbt_home)
    first_record = store.installed_packs()[0]
    pack, exercise = load_catalog().find("therapist/calm")
    from cbt_tui.domain.run import new_entry

    made = store.save(
        new_entry(pack, exercise).model_copy(
            update={"status": EntryStatus.COMPLETE, "answers": {"tension": 7, "tension_after": 4}}
        )
    )

    result = install(str(folder_pack(tmp_path, "1.1.0", title="Therapist pack, revised")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("upgraded therapist 1.1.0 (was 1.0.0): 1 exercise")
    [record] = store.installed_packs()
    assert (record.version, record.installed_at) == ("1.1.0", first_record.installed_at)
    catalog = load_catalog()
    assert [p.title for p in catalog.packs if p.id == "therapist"] == ["Therapist pack, revised"]
    assert catalog.find(made.exercise, made.pack) is not None  # the entry's exercise id still resolves
    assert [s.id for s in store.history()] == [made.id]
    assert not [p for p in (cbt_home / "packs").iterdir() if p.name.startswith(".therapist")]


@pytest.mark.parametrize("older", ["1.0.0", "0.9.9", "1.0.0-rc.1", "1.0.0+build.7"])
def test_same_or_older_version_is_refused_and_changes_nothing(tmp_path: Path, cbt_home: Path, older: str) -> None:
    assert install(str(folder_pack(tmp_path))).exit_code == 0
    before = tree(cbt_home)
    result = install(str(folder_pack(tmp_path / "again", older)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "use --force" in result.stderr and len(result.stderr.splitlines()) == 1
    assert tree(cbt_home) == before


def test_force_installs_an_older_version(tmp_path: Path, cbt_home: Path) -> None:
    assert install(str(folder_pack(tmp_path, "2.0.0"))).exit_code == 0
    result = install("--force", str(folder_pack(tmp_path, "1.5.0", title="Older")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("downgraded therapist 1.5.0 (was 2.0.0)")
    assert open_store(cbt_home).installed_packs()[0].version == "1.5.0"
    result = install("--force", str(folder_pack(tmp_path / "same", "1.5.0")))
    assert result.stdout.startswith("reinstalled therapist 1.5.0: 1 exercise")


def test_a_built_in_pack_id_is_refused(tmp_path: Path, cbt_home: Path) -> None:
    result = install(str(folder_pack(tmp_path, pack_id="core")))
    assert result.exit_code == 1
    assert "belongs to a built-in pack" in result.stderr
    assert not cbt_home.exists()
    assert install("--force", str(folder_pack(tmp_path / "forced", pack_id="core"))).exit_code == 1


def test_a_broken_pack_is_refused_with_validate_errors_and_changes_nothing(tmp_path: Path, cbt_home: Path) -> None:
    broken = PACKS / "invalid" / "many-errors.yaml"
    result = install(str(broken))
    assert result.exit_code == 1
    validate = runner.invoke(app, ["validate", str(broken)])
    assert result.stderr == validate.stderr  # the same lines, one error per line
    assert len(result.stderr.splitlines()) == 5
    assert not cbt_home.exists()  # not even the data home was created

    assert install(str(folder_pack(tmp_path))).exit_code == 0
    before = tree(cbt_home)
    newer_but_broken = folder_pack(tmp_path / "broken", "2.0.0")
    (newer_but_broken / "exercises" / "calm.yaml").write_text(EXERCISE.replace("rerate: tension", "rerate: tensoin"))
    result = install(str(newer_but_broken))
    assert result.exit_code == 1
    assert "calm.yaml:" in result.stderr and "did you mean 'tension'" in result.stderr
    assert tree(cbt_home) == before


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_installed_packs_are_private_whatever_the_umask(tmp_path: Path, cbt_home: Path, umask: int) -> None:
    """Files 0600 and folders 0700: a therapist's pack says what a person is working on."""
    previous = os.umask(umask)
    try:
        assert install(str(folder_pack(tmp_path))).exit_code == 0
        assert install(str(file_pack(tmp_path / "single"))).exit_code == 0
    finally:
        os.umask(previous)
    packs = cbt_home / "packs"
    modes = {str(p.relative_to(packs)): p.stat().st_mode & 0o777 for p in [packs, *packs.rglob("*")]}
    assert modes == {
        ".": 0o700,
        ".install.lock": 0o600,
        "therapist": 0o700,
        "therapist/pack.yaml": 0o600,
        "therapist/exercises": 0o700,
        "therapist/exercises/calm.yaml": 0o600,
        "single": 0o700,
        "single/pack.yaml": 0o600,
    }


def test_a_missing_path_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = install(str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("no such file or folder")
    assert "Traceback" not in result.output


def test_install_replaces_a_hand_copied_file_of_the_same_id(tmp_path: Path, cbt_home: Path) -> None:
    packs = cbt_home / "packs"
    packs.mkdir(parents=True)
    (packs / "single.yaml").write_bytes(file_pack(tmp_path).read_bytes())
    result = install(str(file_pack(tmp_path / "new", "1.1.0")))
    assert result.stdout.startswith("upgraded single 1.1.0 (was 1.0.0)"), result.stderr
    assert sorted(p.name for p in packs.iterdir() if not p.name.startswith(".")) == ["single"]


def test_an_interrupted_upgrade_is_put_right_by_the_next_install(tmp_path: Path, cbt_home: Path) -> None:
    """A crash between moving the old copy aside and renaming the new one into place."""
    assert install(str(folder_pack(tmp_path))).exit_code == 0
    packs = cbt_home / "packs"
    os.rename(packs / "therapist", packs / ".therapist.old-1-abc123")
    (packs / ".therapist.new-xyz").mkdir()
    (packs / ".therapist.new-xyz" / "pack.yaml").write_text("half a pack")
    assert load_catalog().find("therapist/calm") is None  # hidden leftovers are never loaded
    assert install(str(file_pack(tmp_path))).exit_code == 0
    assert sorted(p.name for p in packs.iterdir()) == [".install.lock", "single", "therapist"]
    assert load_catalog().find("therapist/calm") is not None


def test_semantic_version_precedence() -> None:
    """Installs compare `Pack.semantic_version` (the semver library), build metadata ignored."""
    ordered = [
        "0.9.0",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.10.0",
        "2.0.0",
    ]
    versions = [semver.Version.parse(v) for v in ordered]
    assert sorted(reversed(versions)) == versions
    assert all(a < b for a, b in zip(versions, versions[1:], strict=False))
    assert semver.Version.parse("1.0.0+build.1") == semver.Version.parse("1.0.0")


# -- list ----------------------------------------------------------------------------------------


def test_list_shows_packs_with_text_literally(tmp_path: Path) -> None:
    assert install(str(folder_pack(tmp_path, title="[/bold] <b>Mine</b> [red]x"))).exit_code == 0
    result = runner.invoke(app, ["pack", "list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "[/bold] <b>Mine</b> [red]x" in result.stdout
    assert "calm daily" in result.stdout
    rows = {row["id"]: row for row in json.loads(runner.invoke(app, ["pack", "list", "--json"]).stdout)}
    assert rows["core"]["builtin"] is True and rows["core"]["installed_at"] is None
    mine = rows["therapist"]
    assert (mine["title"], mine["version"], mine["author"], mine["exercises"], mine["builtin"]) == (
        "[/bold] <b>Mine</b> [red]x",
        "1.0.0",
        "Dr. Test",
        1,
        False,
    )
    assert mine["assignments"] == [
        {"exercise": "calm", "frequency": "daily", "start": None, "end": None, "note": "Evenings."}
    ]
    assert mine["installed_at"] is not None


# -- remove --------------------------------------------------------------------------------------


def test_remove_keeps_entries_readable_in_history_and_reports(tmp_path: Path, cbt_home: Path) -> None:
    assert install(str(folder_pack(tmp_path))).exit_code == 0
    now = datetime.now(UTC).astimezone()
    entry = Entry(
        pack="therapist",
        pack_version="1.0.0",
        exercise="calm",
        exercise_title="Calm down",
        kind="skill",
        status=EntryStatus.COMPLETE,
        started_at=now - timedelta(minutes=5),
        completed_at=now,
        answers={"tension": 7, "tension_after": 8},
        prompts={"tension": "How tense are you?", "tension_after": "And now?"},
    )
    open_store(cbt_home).import_entries([entry])

    result = runner.invoke(app, ["pack", "remove", "therapist"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "removed therapist; its 1 entry stays in your history\n"
    assert not (cbt_home / "packs" / "therapist").exists()
    assert open_store(cbt_home).installed_packs() == []
    assert load_catalog().find("calm", "therapist") is None

    history = runner.invoke(app, ["history", "--json"])
    assert [row["id"] for row in json.loads(history.stdout)] == [entry.id]
    assert "Calm down" in runner.invoke(app, ["history"], env={"COLUMNS": "120"}).stdout
    report = runner.invoke(app, ["report"])
    assert report.exit_code == 0, report.stderr
    assert "How tense are you?" in report.stdout and "7 → 8" in report.stdout  # paired by name
    assert "⚑ not better" in report.stdout


def test_remove_refuses_built_in_and_unknown_ids(cbt_home: Path) -> None:
    result = runner.invoke(app, ["pack", "remove", "core"])
    assert (result.exit_code, result.stderr) == (1, "'core' is a built-in pack; built-in packs cannot be removed\n")
    result = runner.invoke(app, ["pack", "remove", "nothing-here"])
    assert result.exit_code == 1
    assert result.stderr.startswith("no installed pack 'nothing-here'")
    assert load_catalog().find("thought-record", "core") is not None


# -- new -----------------------------------------------------------------------------------------


def test_pack_new_writes_a_pack_that_validates_installs_and_matches_the_schema(tmp_path: Path) -> None:
    folder = tmp_path / "Anna's Evening Pack"
    result = runner.invoke(app, ["pack", "new", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["evening-check-in.yaml", "pack-format.schema.json", "pack.yaml"]
    validate = runner.invoke(app, ["validate", str(folder)])
    assert (validate.exit_code, validate.stdout) == (0, "ok: anna-s-evening-pack (1 exercise)\n"), validate.stderr

    schema = json.loads((folder / "pack-format.schema.json").read_text())
    assert schema == json.loads(SCHEMA_FILE.read_text())
    validator = jsonschema.Draft7Validator(schema)
    for file in ("pack.yaml", "evening-check-in.yaml"):
        text = (folder / file).read_text()
        assert text.splitlines()[0] == "# yaml-language-server: $schema=pack-format.schema.json"
        data = json.loads(json.dumps(YAML(typ="safe").load(text), default=str))
        assert [e.message for e in validator.iter_errors(data)] == []
    header = YAML(typ="safe").load((folder / "pack.yaml").read_text())
    assert len(header["assignments"]) == 1

    assert install(str(folder)).exit_code == 0


def test_pack_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("mine")
    result = runner.invoke(app, ["pack", "new", str(tmp_path / "busy")])
    assert result.exit_code == 1
    assert "not an empty folder" in result.stderr
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["keep.txt"]


def test_pack_new_refuses_a_folder_named_like_a_built_in_pack(tmp_path: Path) -> None:
    """`pack new core` then `validate core` said ok, and only `pack install` refused it."""
    result = runner.invoke(app, ["pack", "new", str(tmp_path / "core")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "'core' is the id of a built-in pack, and the new pack takes its id from the folder's name; "
        f"choose another folder name, such as {tmp_path / 'my-core'}\n"
    )
    assert not (tmp_path / "core").exists()
    assert runner.invoke(app, ["pack", "new", str(tmp_path / "my-core")]).exit_code == 0


# -- validate agrees with install ---------------------------------------------------------------


def test_validate_refuses_a_built_in_id_outside_the_built_in_folder(tmp_path: Path, cbt_home: Path) -> None:
    pack = folder_pack(tmp_path, pack_id="core")
    validate = runner.invoke(app, ["validate", str(pack)])
    line = f"{pack / 'pack.yaml'}:2:5: id: the id 'core' belongs to a built-in pack; give this pack another id\n"
    assert (validate.exit_code, validate.stdout, validate.stderr) == (1, "", line)
    assert install(str(pack)).stderr == line  # the same line, from the same check
    builtin = runner.invoke(app, ["validate", str(builtin_packs_dir())])
    assert (builtin.exit_code, builtin.stderr) == (0, "")


def test_validate_and_install_never_echo_an_escape_from_a_pack(tmp_path: Path, cbt_home: Path) -> None:
    """An OSC sequence in an id (it set the terminal's title) is shown as symbols."""
    pack = folder_pack(tmp_path)
    header = (pack / "pack.yaml").read_text().replace("id: therapist", 'id: "\\e]0;pwned\\a\\e[2J"')
    (pack / "pack.yaml").write_text(header)
    for result in (runner.invoke(app, ["validate", str(pack)]), install(str(pack))):
        assert result.exit_code == 1
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "'␛]0;pwned␇␛[2J' is not a valid id" in result.stderr
