"""`cbt due` for a shell prompt: answered without Typer, pydantic, ruamel or TinyDB from
the journal's summaries and the catalog cache, the same lines as the full command; and
`--count`. The real CLI in processes of its own, on a real store under CBT_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from helpers import record_done, write_plan_pack

PROBE = """
import sys
from cbt_tui.cli import main
sys.argv = ["cbt", *sys.argv[1:]]
try:
    main()
except SystemExit as leaving:
    code = leaving.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"typer", "click", "pydantic", "ruamel", "tinydb", "textual"})
print("LOADED", heavy, code, file=sys.stderr)
"""


def cbt(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CBT_HOME": str(home)}
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=True)


def loaded(result: subprocess.CompletedProcess[str]) -> str:
    return result.stderr.strip().splitlines()[-1]


def install(home: Path, tmp_path: Path, assignments: str) -> None:
    pack = write_plan_pack(tmp_path, assignments)
    env = {**os.environ, "CBT_HOME": str(home)}
    subprocess.run(
        [sys.executable, "-m", "cbt_tui", "pack", "install", str(pack)], env=env, check=True, capture_output=True
    )


def test_due_is_answered_without_the_heavy_libraries_and_says_the_same(cbt_home: Path, tmp_path: Path) -> None:
    install(
        cbt_home,
        tmp_path,
        "  - exercise: walk\n    frequency: daily\n    note: After dinner.\n"
        "  - exercise: letter\n    frequency: once\n",
    )
    record_done(cbt_home, "letter", datetime.now().astimezone())
    full = cbt(cbt_home, "due")  # reads everything once, and leaves the cache for next time
    quick = cbt(cbt_home, "due")
    assert quick.stdout == full.stdout == "plan/walk  Evening walk  (After dinner.)\n"
    assert loaded(quick) == "LOADED [] 0"
    count = cbt(cbt_home, "due", "--count")
    assert count.stdout == "1\n" and loaded(count) == "LOADED [] 0"


def test_nothing_due_prints_nothing_and_exits_0_and_a_stale_summary_is_left_to_the_full_command(
    cbt_home: Path, tmp_path: Path
) -> None:
    install(cbt_home, tmp_path, "  - exercise: walk\n    frequency: daily\n")
    record_done(cbt_home, "walk", datetime.now().astimezone())
    cbt(cbt_home, "due")
    quick = cbt(cbt_home, "due")
    assert quick.stdout == "" and loaded(quick) == "LOADED [] 0"
    assert cbt(cbt_home, "due", "--count").stdout == "0\n"

    for index in (cbt_home / "journal" / "index").iterdir():
        index.write_text('{"source": {"1": {}}, "summaries": {"1": {}}}')  # no longer its month's
    result = cbt(cbt_home, "due")
    assert result.stdout == ""  # still right: the walk was done today
    assert "typer" in loaded(result)  # the full command answered
