"""`cbt backup` keeps the installed packs (and so the assignments); `cbt restore` brings
back a pack that is missing here and never overwrites one that is installed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from helpers import PACKS
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.store import open_store

runner = CliRunner()


def install(*names: str) -> None:
    for name in names:
        result = runner.invoke(app, ["pack", "install", str(PACKS / "valid" / name)])
        assert result.exit_code == 0, result.output


def test_backup_copies_the_installed_packs_and_only_them(cbt_home: Path, tmp_path: Path) -> None:
    install("folder-pack", "minimal.yaml")
    packs = cbt_home / "packs"
    (packs / ".minimal.new-abc").mkdir()  # an install in progress
    (packs / "by-hand.yaml").write_text((PACKS / "valid" / "minimal.yaml").read_text())
    os.symlink("/etc/passwd", packs / "folder-pack" / "link.yaml")
    result = runner.invoke(app, ["backup", str(tmp_path / "usb")])
    assert result.exit_code == 0, result.output
    copied = sorted(str(p.relative_to(tmp_path / "usb" / "packs")) for p in (tmp_path / "usb" / "packs").rglob("*"))
    assert copied == [
        "by-hand.yaml",
        "folder-pack",
        "folder-pack/more",
        "folder-pack/more/deeper",
        "folder-pack/more/deeper/nested.yml",
        "folder-pack/pack.yaml",
        "folder-pack/top.yaml",
        "minimal",
        "minimal/pack.yaml",
    ]
    assert (tmp_path / "usb" / "packs" / "minimal" / "pack.yaml").stat().st_mode & 0o777 == 0o600


def test_a_laptop_restored_from_a_backup_gets_its_packs_and_assignments_back(cbt_home: Path, tmp_path: Path) -> None:
    install("folder-pack", "minimal.yaml")
    assert runner.invoke(app, ["backup", str(tmp_path / "usb")]).exit_code == 0
    installed = {record.id: record.installed_at for record in open_store().installed_packs()}

    new_home = tmp_path / "new-laptop"
    result = runner.invoke(app, ["restore", str(tmp_path / "usb")], env={"CBT_HOME": str(new_home)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "restored packs: folder-pack, minimal"
    assert (new_home / "packs" / "folder-pack" / "more" / "deeper" / "nested.yml").is_file()
    records = open_store(new_home).installed_packs()
    assert {record.id: record.installed_at for record in records} == installed
    assert {record.path for record in records} == {new_home / "packs" / "folder-pack", new_home / "packs" / "minimal"}
    listed = runner.invoke(app, ["pack", "list", "--json"], env={"CBT_HOME": str(new_home)})
    assert {"folder-pack", "minimal"} <= {row["id"] for row in json.loads(listed.stdout)}


def test_restore_never_overwrites_an_installed_pack(cbt_home: Path, tmp_path: Path) -> None:
    install("minimal.yaml", "folder-pack")
    assert runner.invoke(app, ["backup", str(tmp_path / "usb")]).exit_code == 0
    changed = cbt_home / "packs" / "minimal" / "pack.yaml"
    changed.write_text(changed.read_text().replace("title: Minimal", "title: Minimal, edited here"))
    shutil.rmtree(cbt_home / "packs" / "folder-pack")

    result = runner.invoke(app, ["restore", str(tmp_path / "usb")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "restored packs: folder-pack"
    assert "Minimal, edited here" in changed.read_text()
    assert sorted(p.name for p in (cbt_home / "packs").iterdir() if not p.name.startswith(".")) == [
        "folder-pack",
        "minimal",
    ]
    again = runner.invoke(app, ["restore", str(tmp_path / "usb")])
    assert "restored packs" not in again.stdout
