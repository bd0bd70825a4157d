"""Every CLI mistake is one line on stderr and the right exit code, never a traceback
(issue 10, section 6), run as a person runs it: the real `cbt` in a process of its own.

Exit codes: 1 for a mistake in what was asked (a date, a file to write), 0 when the
reader closed the pipe early (`cbt list | head -0` means "enough"), 2 for Typer's own
usage errors (not here)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import saved_entry


def cbt(home: Path, *args: str, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CBT_HOME": str(home), "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "cbt_tui", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def is_device(path: str) -> bool:
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except OSError:
        return False


def test_schema_to_a_missing_folder(cbt_home: Path, tmp_path: Path) -> None:
    result = cbt(cbt_home, "schema", "-o", str(tmp_path / "nonexistent" / "x.json"))
    assert result.returncode == 1
    assert "does not exist" in one_line(result)


def test_schema_to_a_folder(cbt_home: Path, tmp_path: Path) -> None:
    result = cbt(cbt_home, "schema", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder" in one_line(result)
    assert tmp_path.is_dir()


@pytest.mark.parametrize("command", ["export", "report", "schema"])
def test_output_to_a_device_is_refused_not_replaced(cbt_home: Path, tmp_path: Path, command: str) -> None:
    """`-o` naming a device (here through a link, so that a failure cannot replace a real
    device on the machine running the tests): refused, and the device stays a device."""
    if not is_device("/dev/null"):
        pytest.skip("no /dev/null device here")
    link = tmp_path / "device"
    link.symlink_to("/dev/null")
    result = cbt(cbt_home, command, "-o", str(link))
    assert result.returncode == 1
    assert "not a regular file" in one_line(result)
    assert link.is_symlink() and is_device(str(link))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "--until", "9999-12-31"], "--until: expected a date from 1970-01-01"),
        (["report", "--until", "9999-12-30"], "is after today"),
        (["progress", "--since", "0001-01-01"], "--since: expected a date from 1970-01-01"),
        (["export", "--since", "0001-01-01"], "--since: expected a date from 1970-01-01"),
        (
            ["report", "--since", "2026-12-01", "--until", "2026-11-01"],
            "--since 2026-12-01 is after --until 2026-11-01",
        ),
        (
            ["export", "--since", "2026-12-01", "--until", "2026-11-01"],
            "--since 2026-12-01 is after --until 2026-11-01",
        ),
    ],
)
def test_dates_out_of_range_or_order(cbt_home: Path, args: list[str], says: str) -> None:
    result = cbt(cbt_home, *args)
    assert result.returncode == 1
    assert says in one_line(result)


@pytest.mark.parametrize("command", [["history"], ["list"], ["export"], ["schema"], ["report"]])
def test_output_to_a_full_device(cbt_home: Path, command: list[str]) -> None:
    """`cbt history > /dev/full`: the shell opens the device; the write fails."""
    from cbt_tui.store import open_store

    open_store(cbt_home).save(saved_entry({"situation": "x"}))
    if not is_device("/dev/full"):
        pytest.skip("no /dev/full device here")
    with open("/dev/full", "w") as full:
        result = cbt(cbt_home, *command, stdout=full.fileno())
    assert result.returncode == 1
    assert one_line(result) == "cbt: could not write the output: No space left on device"


@pytest.mark.parametrize("command", [["list"], ["history"], ["pack", "list"], ["export"], ["schema"], ["where"]])
def test_closed_stdout_ends_quietly(cbt_home: Path, command: list[str]) -> None:
    """`cbt list | head -0`, made certain: the pipe's reading end is closed before cbt starts."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = cbt(cbt_home, *command, stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 0
    assert result.stderr.strip() in ("", "0 entries")
