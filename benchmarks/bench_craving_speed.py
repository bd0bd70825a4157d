"""Issue 12's figures, each next to its yardstick, as ratios (`make bench`, or
`python -m benchmarks craving` for these alone).

Yardsticks, measured in the same interleaved rounds as the figures:
- a bare Textual app (a Static and a Footer) showing its first screen in tmux 80x24;
- a bare Typer app's `--help`.

Figures:
- the library on screen ("Thought record") with 10,000 entries, the catalog cache warm;
- launch, `c` as soon as anything shows, `8`: until the countdown runs ("Running"), with
  10,000 entries and the caches warm, and on a brand-new data home (a fresh folder each
  run: no catalog cache, nothing installed); each run starts once the last has ended;
- `cbt due` at 10,000 entries with a pack installed that assigns something daily;
- the trainer History's answer search at 10,000 entries (the store's search, warm, as
  the History screen's worker runs it key by key).

`cbt history` at 10,000 and 100,000 entries and `cbt import` of 100,000 are in
bench_store (`python -m benchmarks store`).

Medians of interleaved runs; the machine's core count and load average are printed, as
other work on the machine moves every number. Benchmarks print; they never assert.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_store import realistic_entries
from benchmarks.bench_tui import BARE_APP, SIZE, Tmux
from benchmarks.timing import BARE_TYPER, interleaved_to_file

RUNS_TUI = 7
RUNS_CLI = 7
PACK = """format: 1
id: assigned
title: Assigned
version: 1.0.0
assignments:
  - exercise: walk
    frequency: daily
    note: After dinner.
exercises:
  - id: walk
    title: Evening walk
    kind: skill
    summary: A walk.
    steps:
      - type: info
        text: Walk for 10 minutes.
"""


def machine() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {one:.2f} {five:.2f} {fifteen:.2f}"


def cbt(home: Path, *args: str, stdout=subprocess.DEVNULL) -> None:
    subprocess.run(
        [sys.executable, "-m", "cbt_tui", *args],
        env={**os.environ, "CBT_HOME": str(home)},
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        check=True,
    )


def discard_drafts(home: Path) -> None:
    from cbt_tui.store import open_store

    store = open_store(home)
    for draft in store.drafts():
        store.discard(draft.id)


def craving_now(tmux: Tmux, command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from launch to the countdown running after `c` and `8`, sent as soon
    as anything of Home shows."""
    tmux.count += 1
    session = f"craving{tmux.count}"
    shell = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
    start = time.perf_counter()
    tmux._run("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), shell)
    try:
        sent = False
        while True:
            screen = tmux._run("capture-pane", "-p", "-t", session, capture=True)
            now = (time.perf_counter() - start) * 1000
            if not sent and "Craving now" in screen:
                tmux._run("send-keys", "-t", session, "c", "8")
                sent = True
            if sent and "Running" in screen:
                return now
            if now > 30_000:
                raise RuntimeError(f"the countdown did not start; screen:\n{screen}")
            time.sleep(0.005)
    finally:
        tmux.close_window(session)


def tui_figures(folder: Path, home: Path, cbt_script: str | None = None) -> None:
    bare = folder / "bare_app.py"
    bare.write_text(BARE_APP)
    cbt_script = cbt_script or str(Path(sys.executable).parent / "cbt")
    base = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(folder)), "CBT_HOME": str(home)}
    samples: dict[str, list[float]] = {"bare": [], "library": [], "craving": [], "new home": []}
    # The craving runs on a copy of the home: each leaves a draft, which would push the
    # library below the fold of the library runs' Home; discarded after each run, once its
    # process has ended. The copy's catalog cache is its own (keyed on its packs' paths).
    craving_home = folder / "craving-home"
    shutil.copytree(home, craving_home)
    craving_env = {**base, "CBT_HOME": str(craving_home)}
    tmux = Tmux()
    try:
        tmux.first_screen([cbt_script], base, ["Thought record"])  # warms the file cache and the catalog cache
        tmux.first_screen([cbt_script], craving_env, ["Thought record"])
        tmux.first_screen([sys.executable, str(bare)], base, ["ready"])
        for run in range(RUNS_TUI):
            samples["bare"].append(tmux.first_screen([sys.executable, str(bare)], base, ["ready"])["ready"])
            samples["library"].append(tmux.first_screen([cbt_script], base, ["Thought record"])["Thought record"])
            samples["craving"].append(craving_now(tmux, [cbt_script], craving_env))
            discard_drafts(craving_home)
            brand_new = {**base, "CBT_HOME": str(folder / f"brand-new-{run}")}  # no cache, nothing installed
            samples["new home"].append(craving_now(tmux, [cbt_script], brand_new))
    finally:
        tmux.close()
    bare_ms = statistics.median(samples["bare"])

    def pairs(name: str) -> str:
        """The median of each run's own ratio (a run against the bare app just before it)."""
        ratios = [ms / bare for ms, bare in zip(samples[name], samples["bare"], strict=True)]
        return f"{statistics.median(ratios):.2f}x"

    print(f"\ntrainer in tmux {SIZE[0]}x{SIZE[1]}, median of {RUNS_TUI} interleaved runs ({machine()}):")
    print(f"  yardstick: bare Textual app, first screen       {bare_ms:6.0f} ms")
    library = statistics.median(samples["library"])
    print(
        f'  library on screen ("Thought record"), 10,000    {library:6.0f} ms = {library / bare_ms:.2f}x, '
        f"pairs {pairs('library')} (target <= 1.3x)"
    )
    for name, label in (("craving", "10,000 entries   "), ("new home", "a brand-new home ")):
        craving = statistics.median(samples[name])
        print(
            f"  launch, c, 8: countdown running, {label}{craving:6.0f} ms = {craving / bare_ms:.2f}x, "
            f"pairs {pairs(name)} (about 2 s at most)"
        )


def cli_figures(folder: Path, ten: Path) -> None:
    typer_app = folder / "bare_typer.py"
    typer_app.write_text(BARE_TYPER)
    env = {**os.environ}
    commands = {
        "typer": ([sys.executable, str(typer_app), "--help"], env),
        "due 10k": ([sys.executable, "-m", "cbt_tui", "due"], {**env, "CBT_HOME": str(ten)}),
    }
    median = interleaved_to_file(commands, RUNS_CLI, folder)
    typer_ms, due = median["typer"], median["due 10k"]
    print(f"\ncommand line, median of {RUNS_CLI} interleaved runs, stdout to a file:")
    print(f"  yardstick: bare Typer --help                    {typer_ms:6.0f} ms")
    print(f"  {'due, 10,000 entries, a pack installed':<44} {due:6.0f} ms = {due / typer_ms:.2f}x (target <= 0.75x)")


def history_search_in_trainer(home: Path) -> None:
    from cbt_tui.store import open_store

    store = open_store(home)
    store.history()
    start = time.perf_counter()
    store.search("\x00")  # what the History screen reads when it opens
    warm = (time.perf_counter() - start) * 1000
    samples = []
    for text in ("p", "pa", "par", "part", "party", "drink", "chest tight"):
        start = time.perf_counter()
        store.search(text)
        samples.append((time.perf_counter() - start) * 1000)
    print("\ntrainer History, search over answers, 10,000 entries (the worker's store search):")
    print(
        f"  first read when History opens {warm:.0f} ms; then per key: median {statistics.median(samples):.0f} ms, "
        f"at most {max(samples):.0f} ms (target <= 200 ms after the last key)"
    )


def main() -> None:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-craving-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        ten = folder / "home-10k"
        from cbt_tui.store import open_store

        open_store(ten).import_entries(realistic_entries(10_000))
        pack = folder / "assigned.yaml"
        pack.write_text(PACK)
        cbt(ten, "pack", "install", str(pack))
        cbt(ten, "due")  # the full command once: it leaves the catalog cache
        tui_figures(folder, ten)
        cli_figures(folder, ten)
        history_search_in_trainer(ten)
    print(f"\nmachine at the end: {machine()}")


if __name__ == "__main__":
    main()
