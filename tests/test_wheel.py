"""A plain `pip install .` ships the built-in packs, the schema and the help lines inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    return next(out.glob("cbt_tui-*.whl"))


def test_wheel_contains_builtin_packs_schema_and_help_lines(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cbt_tui/exercises/core/pack.yaml" in names
    assert "cbt_tui/exercises/recovery/pack.yaml" in names
    assert "cbt_tui/domain/packs/pack-format.schema.json" in names
    assert "cbt_tui/data/help-lines.toml" in names
    assert not any(name.startswith(("tests/", "exercises/")) for name in names)


def test_installed_package_finds_its_packs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import cbt_tui.paths as p; print(p.__file__); print(p.builtin_packs_dir())"
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, packs_dir = result.stdout.splitlines()
    assert module_file.startswith(str(site))
    assert Path(packs_dir) == site / "cbt_tui" / "exercises"
    run = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(site)!r}); from cbt_tui.cli import main; main()",
            "validate",
            packs_dir,
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "ok: core" in run.stdout


def test_wheel_ships_the_prebuilt_craving_pack(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert "cbt_tui/packs/craving-pack.json" in archive.namelist()
