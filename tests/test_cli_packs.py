"""`cbt validate`, `list`, `schema` and `where` through Typer's runner and real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PACKS
from typer.testing import CliRunner

from cbt_tui.cli import app

runner = CliRunner()
VALID = PACKS / "valid"
INVALID = PACKS / "invalid"


def test_validate_prints_ok_per_valid_pack_and_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(VALID / "minimal.yaml"), str(VALID / "folder-pack")])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["ok: minimal (1 exercise)", "ok: folder-pack (3 exercises)"]
    assert result.stderr == ""


def test_validate_reports_each_error_on_stderr_and_exits_1() -> None:
    bad = INVALID / "many-errors.yaml"
    result = runner.invoke(app, ["validate", str(VALID / "minimal.yaml"), str(bad)])
    assert result.exit_code == 1
    assert result.stdout == "ok: minimal (1 exercise)\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 5
    assert f"{bad}:5:1: authr: unknown key 'authr', did you mean 'author'?" in lines


def test_validate_without_paths_is_a_usage_error() -> None:
    assert runner.invoke(app, ["validate"]).exit_code == 2


def test_validate_a_folder_of_packs_checks_each() -> None:
    result = runner.invoke(app, ["validate", "exercises"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ok: core (5 exercises)",
        "ok: measures (2 exercises)",
        "ok: recovery (11 exercises)",
        "ok: recovery-support (10 exercises)",
        "ok: tough-moments (3 exercises)",
    ]


def test_list_json_includes_builtin_and_installed_packs(cbt_home: Path) -> None:
    installed = cbt_home / "packs"
    installed.mkdir(parents=True)
    (installed / "minimal.yaml").write_bytes((VALID / "minimal.yaml").read_bytes())
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {"pack", "id", "kind", "title", "minutes", "summary"} <= set(rows[0])
    by_id = {(r["pack"], r["id"]): r for r in rows}
    assert by_id[("minimal", "hello")] == {
        "pack": "minimal",
        "id": "hello",
        "kind": "skill",
        "title": "Hello",
        "minutes": None,
        "summary": "One info step.",
        "builtin": False,
    }
    assert by_id[("core", "thought-record")]["builtin"] is True


def test_list_names_a_broken_installed_pack_and_lists_the_rest(cbt_home: Path) -> None:
    installed = cbt_home / "packs"
    installed.mkdir(parents=True)
    (installed / "broken.yaml").write_text("format: 1\nid: [\n")
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    assert "broken.yaml:3:1: (file):" in result.stderr
    assert "thought-record" in result.stdout


def test_list_shows_pack_text_literally(cbt_home: Path) -> None:
    installed = cbt_home / "packs"
    installed.mkdir(parents=True)
    hostile = (VALID / "minimal.yaml").read_text().replace("title: Hello", "title: '[/bold] [red]x'")
    (installed / "hostile.yaml").write_text(hostile)
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[/bold] [red]x" in result.stdout


def test_schema_writes_the_committed_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = runner.invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0
    from cbt_tui.domain.packs.schema import SCHEMA_FILE

    assert out.read_text() == SCHEMA_FILE.read_text()
    assert json.loads(runner.invoke(app, ["schema"]).stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_where_names_the_data_home_from_cbt_home(cbt_home: Path) -> None:
    (cbt_home / "journal").mkdir(parents=True)
    (cbt_home / "journal" / "2026-11.json").write_text("{}")
    result = runner.invoke(app, ["where"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"data home: {cbt_home}"
    assert "journal/2026-11.json  2 bytes" in result.stdout


PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('\\nTEXTUAL-LOADED\\n' if any("
    "m == 'textual' or m.startswith('textual.') for m in sys.modules) else '\\nNO-TEXTUAL\\n'))\n"
    "sys.argv = ['cbt'] + sys.argv[1:]\n"
    "from cbt_tui.cli import main\n"
    "main()\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["validate", "exercises"],
        ["list"],
        ["list", "--json"],
        ["schema"],
        ["where"],
        ["validate", "--help"],
        ["config", "list"],
        ["config", "set", "region", "GB"],
        ["config", "get", "region"],
        ["progress"],
        ["progress", "--weeks", "12"],
    ],
    ids=" ".join,
)
def test_commands_never_import_textual(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("NO-TEXTUAL")


def test_the_probe_can_see_textual_when_it_is_imported() -> None:
    probe = PROBE.replace("from cbt_tui.cli import main\nmain()\n", "import textual.app\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stderr.rstrip().endswith("TEXTUAL-LOADED")


def test_headless_modules_never_import_the_tui() -> None:
    """Every module outside cbt_tui.tui imports without Textual (as in Harlequin's test)."""
    code = (
        "import pkgutil, sys, importlib, cbt_tui\n"
        "def walk(package):\n"
        "    for module in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        if module.name in ('cbt_tui.tui', 'cbt_tui.__main__'):\n"
        "            continue\n"
        "        yield module.name\n"
        "        if module.ispkg:\n"
        "            yield from walk(importlib.import_module(module.name))\n"
        "names = list(walk(cbt_tui))\n"
        "for name in names: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "print(len(names), bad[:5])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) >= 10
    assert loaded.strip() == "[]"
