"""The trainer in a real terminal: first screen against a bare Textual app; peak memory.

First screen: each command starts in a fresh 80x24 tmux session (on a private tmux server),
and `tmux capture-pane -p` is polled every ~5 ms until a known text is on screen. The clock
starts just before `tmux new-session`, so every number includes the same small tmux cost.
Each session is then closed (SIGHUP, as closing the window) and the next run starts once
its process has ended; how long that took is printed too.

- bare: a Textual app with a `Static("ready")` and a `Footer`, run with this python;
- cbt, empty home: the `cbt` console script on an empty data home;
- cbt, 10,000 entries: the same on a home holding a 10,000-entry journal.

For cbt, "first paint" is Home's "Craving now" key and "library" is the catalog
loaded by its worker ("Thought record" listed). Runs are interleaved; medians are printed,
with the median of each run's own ratio to the bare app run just before it ("pairs"),
which other work on the machine moves less.

Peak memory: the trainer headless (`App.run_test` in a subprocess), Home then History,
waiting for their workers; `ru_maxrss` of that process, for an empty and a 10,000-entry home.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_store import realistic_entries
from cbt_tui.store import open_store

ENTRIES = 10_000
RUNS = 9
POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 30.0
SIZE = (80, 24)
TARGET_RATIO = 1.3

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static


class Bare(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self):
        yield Static("ready")
        yield Footer()


Bare().run()
"""

MEMORY_PROBE = """
import asyncio, json, resource, sys, time
from pathlib import Path

from cbt_tui.tui.app import TrainerApp


async def main(home: Path) -> dict:
    app = TrainerApp(home=home)
    async with app.run_test(size=(80, 24)) as pilot:
        async def settle():
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        home_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        await pilot.press("h")
        await settle()
        history_ms = (time.perf_counter() - start) * 1000
        screen = app.screen
        return {
            "screen": type(screen).__name__,
            "loaded": len(getattr(screen, "summaries", [])),
            "rows": screen.query_one("#entries").row_count,
            "history_ms": history_ms,
            "home_rss_kib": home_rss,
        }


result = asyncio.run(main(Path(sys.argv[1])))
result["peak_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux: the kernel's own high-water mark of this process, to cross-check
    with open("/proc/self/status") as status:
        result["hwm_kib"] = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), None)
except OSError:
    result["hwm_kib"] = None
print(json.dumps(result))
"""


class Tmux:
    """A private tmux server (its own socket), so no one else's sessions are touched."""

    def __init__(self) -> None:
        self.socket = f"bench-tui-{os.getpid()}"
        self.count = 0
        # An idle session keeps the server up, so no run pays for starting it.
        self._run("new-session", "-d", "-s", "keeper", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 3600")

    def _run(self, *args: str, capture: bool = False) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False)
        if done.returncode != 0 and not capture:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def first_screen(self, command: list[str], env: dict[str, str], texts: list[str]) -> dict[str, float]:
        """Milliseconds from starting `command` until each of `texts` is on screen."""
        self.count += 1
        session = f"run{self.count}"
        shell = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
        seen: dict[str, float] = {}
        screen = ""
        start = time.perf_counter()
        self._run("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), shell)
        try:
            while len(seen) < len(texts):
                screen = self._run("capture-pane", "-p", "-t", session, capture=True)
                now = (time.perf_counter() - start) * 1000
                for text in texts:
                    if text not in seen and text in screen:
                        seen[text] = now
                if now > TIMEOUT_SECONDS * 1000:
                    missing = [t for t in texts if t not in seen]
                    raise RuntimeError(
                        f"{command[0]}: {missing} not seen in {TIMEOUT_SECONDS:.0f} s; screen:\n{screen}"
                    )
                time.sleep(POLL_SECONDS)
        finally:
            seen["gone"] = self.close_window(session)
        return seen

    def close_window(self, session: str) -> float:
        """Close the session (SIGHUP, as closing the window); milliseconds until its process
        has ended. The next run starts only then, so that no run shares the machine with
        the one before it."""
        pid = self._run("list-panes", "-t", session, "-F", "#{pane_pid}", capture=True).strip()
        closed = time.perf_counter()
        self._run("kill-session", "-t", session, capture=True)
        if not pid.isdigit():
            return float("nan")
        deadline = closed + TIMEOUT_SECONDS
        while time.perf_counter() < deadline:
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    if stat.read().rpartition(")")[2].split()[0] == "Z":
                        break  # ended, not yet reaped by tmux
            except OSError:
                break
            time.sleep(POLL_SECONDS)
        return (time.perf_counter() - closed) * 1000

    def close(self) -> None:
        self._run("kill-server", capture=True)


def prepare_home(folder: Path, size: int) -> Path:
    home = folder / f"home-{size}"
    imported, _ = open_store(home).import_entries(realistic_entries(size))
    journal = sum(p.stat().st_size for p in (home / "journal").rglob("*.json"))
    print(f"prepared a {imported:,}-entry home ({journal / 2**20:.1f} MiB of journal files)")
    return home


def measure_first_screen(folder: Path, full_home: Path) -> None:
    bare = folder / "bare_app.py"
    bare.write_text(BARE_APP)
    cbt = str(Path(sys.executable).parent / "cbt")
    base_env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", str(folder))}
    variants = {
        "bare Textual app": ([sys.executable, str(bare)], base_env, ["ready"]),
        "cbt, empty home": (
            [cbt],
            {**base_env, "CBT_HOME": str(folder / "empty-home")},
            ["Craving now", "Thought record"],
        ),
        f"cbt, {ENTRIES:,} entries": (
            [cbt],
            {**base_env, "CBT_HOME": str(full_home)},
            ["Craving now", "Thought record"],
        ),
    }
    samples: dict[tuple[str, str], list[float]] = {}
    tmux = Tmux()
    try:
        for command, env, texts in variants.values():  # warm the file cache
            tmux.first_screen(command, env, texts)
        for _ in range(RUNS):
            for name, (command, env, texts) in variants.items():
                for text, ms in tmux.first_screen(command, env, texts).items():
                    samples.setdefault((name, text), []).append(ms)
    finally:
        tmux.close()

    median = {key: statistics.median(values) for key, values in samples.items()}
    bare_ms = median[("bare Textual app", "ready")]
    one, five, _ = os.getloadavg()
    print(
        f"\nfirst screen in tmux {SIZE[0]}x{SIZE[1]}, median of {RUNS} interleaved runs (min-max); "
        f"{os.cpu_count()} cores, load average {one:.2f} {five:.2f}:"
    )
    for (name, text), values in samples.items():
        if text == "gone":
            continue
        ms = median[(name, text)]
        what = "first paint" if text in ("ready", "Craving now") else "library filled"
        ratio = "" if name.startswith("bare") else f"  = {ms / bare_ms:.2f}x bare"
        print(f"  {name:<22} {what:<15} {ms:7.0f} ms  ({min(values):.0f}-{max(values):.0f}){ratio}")
    full = f"cbt, {ENTRIES:,} entries"
    bare_runs = samples[("bare Textual app", "ready")]
    for text, what in (("Craving now", "first paint"), ("Thought record", "library filled")):
        ratio = median[(full, text)] / bare_ms
        pairs = statistics.median(ms / bare for ms, bare in zip(samples[(full, text)], bare_runs, strict=True))
        print(f"  {full}, {what} / bare app: {ratio:.2f}x, pairs {pairs:.2f}x (target <= {TARGET_RATIO}x)")
    gone = ", ".join(f"{name} {median[(name, 'gone')]:.0f} ms" for name in variants)
    print(f"  ended after its window closed (median; each run starts once the last has ended): {gone}")


# On Linux a child's ru_maxrss starts from its parent's RSS at fork (it survives exec), and
# this process holds 10,000 generated entries (and whatever other benchmarks left behind).
# A small launcher process in between gives the probe a true ru_maxrss.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"


def memory_probe(home: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-c", MEMORY_PROBE, str(home)],
        capture_output=True,
        text=True,
        env={**os.environ, "CBT_HOME": str(home)},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory probe failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_memory(folder: Path, full_home: Path) -> None:
    print("\npeak memory, trainer headless (run_test 80x24): Home, then History, workers done:")
    for name, home in (("empty home", folder / "empty-home-memory"), (f"{ENTRIES:,} entries", full_home)):
        result = memory_probe(home)
        peak, at_home = result["peak_rss_kib"] / 1024, result["home_rss_kib"] / 1024
        shown = f"{result['rows']:,} of {result['loaded']:,} rows shown"
        hwm = f", VmHWM {result['hwm_kib'] / 1024:.1f} MiB" if result.get("hwm_kib") else ""
        print(
            f"  {name:<15} peak RSS (ru_maxrss) {peak:6.1f} MiB{hwm}; after Home {at_home:6.1f} MiB; "
            f"History opened in {result['history_ms']:.0f} ms, {shown}"
        )
        if result["loaded"] and not result["rows"]:
            print("    (History loaded the entries but showed none: the table's memory is not in this number)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-tui-") as tmp:
        folder = Path(tmp)
        full_home = prepare_home(folder, ENTRIES)
        measure_first_screen(folder, full_home)
        measure_memory(folder, full_home)


if __name__ == "__main__":
    main()
