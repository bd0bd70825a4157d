"""`cbt list` and `cbt pack list` never break a word at 80 columns (issue 16, point 14):
ids stay whole, titles wrap at spaces. Run as the real command, with COLUMNS=80."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import TESTS

GUIDE = TESTS.parent / "docs" / "writing-packs.md"


def cbt(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "cbt_tui", *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )


def words_of(lines: list[str]) -> set[str]:
    return {word for line in lines for word in line.split()}


def assert_whole(output: str, ids: list[str], titles: list[str]) -> None:
    lines = output.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), max(lines, key=len)
    shown = words_of(lines)
    for id_ in ids:
        assert id_ in shown, f"the id {id_!r} is broken or missing"
    for title in titles:
        for word in title.split():
            assert word in shown, f"{word!r} of {title!r} is broken"


def install_guide_pack(folder: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8").split("## A complete example", 1)[1]
    path = folder / "first-weeks.yaml"
    path.write_text(re.search(r"```yaml\n(.*?)\n```", text, re.S).group(1) + "\n", encoding="utf-8")
    assert cbt("pack", "install", str(path)).returncode == 0


def test_cbt_list_at_80_columns_keeps_ids_and_words_whole(tmp_path: Path) -> None:
    rows = json.loads(cbt("list", "--json").stdout)
    result = cbt("list")
    assert result.returncode == 0, result.stderr
    assert_whole(result.stdout, [r["id"] for r in rows] + [r["pack"] for r in rows], [r["title"] for r in rows])


def test_cbt_pack_list_at_80_columns_keeps_ids_and_words_whole(tmp_path: Path) -> None:
    install_guide_pack(tmp_path)
    rows = json.loads(cbt("pack", "list", "--json").stdout)
    result = cbt("pack", "list")
    assert result.returncode == 0, result.stderr
    assigned = [a["exercise"] for r in rows for a in r["assignments"]]
    assert_whole(result.stdout, [r["id"] for r in rows] + assigned, [r["title"] for r in rows])
    installed = [r["installed_at"][:10] for r in rows if r["installed_at"]]
    assert installed and set(installed) <= words_of(result.stdout.splitlines())  # dates whole too
    wide = cbt("pack", "list", columns=160).stdout
    assert "Sam Rivera, LCSW" in wide  # with room, nothing is left out
