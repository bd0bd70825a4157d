"""Every file of the hostile corpus through every command (issue 10): what the file says
must happen happens, no command shows a traceback, and no byte of the payload reaches
the output as a control sequence. In-process (Typer's runner) on a real data home; the
real terminal is tests/hostile/test_hostile_terminal.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import EXPORTS, HERE, KEYMAPS, PACKS, STORES, put_store_file, stated
from payload import leaked
from typer.testing import CliRunner, Result

from cbt_tui.cli import app

runner = CliRunner()

#: Every command that reads what a journal holds and shows it.
READS = [
    ["history"],
    ["history", "--json"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["report", "--since", "2026-11-01"],
    ["report", "--since", "2026-11-01", "--format", "html"],
    ["due"],
    ["progress", "--since", "2026-11-01"],
    ["list"],
    ["list", "--json"],
    ["pack", "list"],
    ["pack", "list", "--json"],
    ["config", "list"],
    ["where"],
]


def cbt(*args: str) -> Result:
    """One command: never a traceback, never the payload raw, on stdout or stderr."""
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"cbt {' '.join(args)}: {result.exception!r}"
    )
    assert "Traceback" not in result.output
    assert not leaked(result.stdout_bytes + result.stderr_bytes), f"cbt {' '.join(args)} let data drive the terminal"
    return result


def read_everything(tmp_path: Path) -> None:
    for args in READS:
        cbt(*args)
    backup = tmp_path / "backup"
    cbt("backup", str(backup))
    cbt("restore", str(backup))


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_each_pack(path: Path, tmp_path: Path) -> None:
    installs = stated(path) == "installs"
    assert cbt("validate", str(path)).exit_code == (0 if installs else 1)
    installed = cbt("pack", "install", str(path))
    assert installed.exit_code == (0 if installs else 1)
    if not installs:
        assert installed.stderr.strip(), "a refused pack says why"
        assert all(line.startswith(str(path)) for line in installed.stderr.strip().splitlines())
    read_everything(tmp_path)


@pytest.mark.parametrize("name", list(EXPORTS))
def test_each_export_file(name: str, tmp_path: Path) -> None:
    result = cbt("import", str(HERE / "exports" / name))
    imports = EXPORTS[name]["import"] == "ok"
    assert result.exit_code == (0 if imports else 1), result.output
    if not imports:
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith(str(HERE / "exports" / name)) for line in lines)
    read_everything(tmp_path)


@pytest.mark.parametrize("name", list(STORES))
def test_each_store_file(name: str, cbt_home: Path, tmp_path: Path) -> None:
    put_store_file(cbt_home, name)
    read_everything(tmp_path)
    if STORES[name]["reads"] == "moved aside":
        target = cbt_home / STORES[name]["as"]
        assert list(target.parent.glob(target.name + ".corrupt-*"))


@pytest.mark.parametrize("path", KEYMAPS, ids=lambda p: p.name)
def test_each_keymap_leaves_the_commands_alone(path: Path, cbt_home: Path, tmp_path: Path) -> None:
    cbt_home.mkdir(mode=0o700, exist_ok=True)
    (cbt_home / "keymap.toml").write_bytes(path.read_bytes())
    read_everything(tmp_path)


def test_every_corpus_file_says_what_must_happen() -> None:
    for path in [*PACKS, *KEYMAPS]:
        assert stated(path) in ("installs", "refused", "starts")
    for folder, table in (("exports", EXPORTS), ("stores", STORES)):
        files = {p.name for p in (HERE / folder).iterdir() if p.name != "EXPECT.toml"}
        assert files == set(table), f"{folder}: every file has its line in EXPECT.toml"
        assert all(entry["why"] for entry in table.values())
