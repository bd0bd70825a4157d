"""The journal store at 1,000 and 10,000 entries: saves, history, import; peak memory.
And `cbt import` of 100,000 entries, against its yardsticks (600 MiB peak, 20 s), and
`cbt history --all` and `--search` at 10,000 and 100,000 entries against a bare Typer
app's `--help`, measured in the same interleaved rounds (issue 12 §5 and §7).

Entries are realistic: thought records, urge surfing and behavioural experiments with
1-2 KB of answers each, started at random times over the last three years.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from benchmarks.timing import BARE_TYPER, interleaved_to_file
from cbt_tui.domain.entries import Entry, EntryStatus, new_entry_id, now
from cbt_tui.store import open_store
from cbt_tui.store.exchange import export_json

SIZES = (1_000, 10_000)
HISTORY_RUNS = 7
WORDS = [
    "I",
    "felt",
    "my",
    "chest",
    "tighten",
    "when",
    "the",
    "message",
    "came",
    "and",
    "thought",
    "everyone",
    "at",
    "work",
    "had",
    "noticed",
    "that",
    "I",
    "was",
    "late",
    "again",
    "so",
    "I",
    "wanted",
    "to",
    "leave",
    "and",
    "find",
    "a",
    "drink",
    "but",
    "I",
    "called",
    "my",
    "sponsor",
    "instead",
    "and",
    "we",
    "talked",
    "about",
    "what",
    "the",
    "evidence",
    "really",
    "showed",
    "and",
    "what",
    "a",
    "friend",
    "would",
    "say",
]


def sentences(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def realistic_entry(rng: random.Random, started) -> Entry:
    kind = rng.choice(("thought_record", "thought_record", "craving_surf", "behavioral_experiment"))
    if kind == "thought_record":
        answers = {
            "situation": sentences(rng, 45),
            "emotions": {
                name: rng.randrange(0, 101, 5)
                for name in rng.sample(["anxious", "sad", "angry", "ashamed", "lonely"], 3)
            },
            "hot_thought": sentences(rng, 20),
            "evidence_for": [sentences(rng, 12) for _ in range(3)],
            "evidence_against": [sentences(rng, 12) for _ in range(3)],
            "balanced_thought": sentences(rng, 30),
            "rerate": rng.randrange(0, 101, 5),
        }
    elif kind == "craving_surf":
        checks = [{"at": 60 * minute, "value": max(0, 9 - minute + rng.randrange(-1, 2))} for minute in range(1, 11)]
        answers = {
            "trigger": sentences(rng, 30),
            "urge_before": rng.randrange(5, 11),
            "surf": {"planned_seconds": 600, "elapsed_seconds": 600, "ended": "completed", "checks": checks},
            "urge_after": rng.randrange(0, 6),
            "notes": sentences(rng, 60),
        }
    else:
        answers = {
            "belief": sentences(rng, 25),
            "belief_rating": rng.randrange(0, 101, 5),
            "experiment": sentences(rng, 50),
            "prediction": sentences(rng, 25),
            "outcome": sentences(rng, 50),
            "learned": sentences(rng, 30),
        }
    return Entry(
        id=new_entry_id(started),
        pack="recovery-basics",
        pack_version="1.2.0",
        exercise=kind.replace("_", "-"),
        exercise_title=kind.replace("_", " ").capitalize(),
        kind=kind,
        status=EntryStatus.COMPLETE,
        started_at=started,
        updated_at=started + timedelta(minutes=12),
        completed_at=started + timedelta(minutes=12),
        answers=answers,
        prompts={step: f"Prompt for {step.replace('_', ' ')}?" for step in answers},
    )


def realistic_entries(count: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    latest = now() - timedelta(days=1)
    return [realistic_entry(rng, latest - timedelta(seconds=rng.uniform(0, 3 * 365 * 86400))) for _ in range(count)]


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def with_peak_memory(action: Callable[[], object]) -> tuple[float, float, object]:
    """Milliseconds, peak MiB allocated by Python (tracemalloc), result."""
    tracemalloc.start()
    try:
        elapsed, result = timed(action)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return elapsed, peak, result


PEAK_RSS_PROBE = (
    "import atexit, runpy, sys\n"
    "def report():\n"
    "    peak = next(line for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "    print('VmHWM', peak.split()[1], file=sys.stderr)\n"
    "atexit.register(report)\n"
    "sys.argv[0] = 'cbt'\n"
    "runpy.run_module('cbt_tui', run_name='__main__')\n"
)
"""Runs `python -m cbt_tui ARGS` and reports its own peak RSS (VmHWM: this process only,
unlike ru_maxrss, which counts the benchmark's memory inherited through fork)."""


def run_process(args: list[str], home: Path) -> float:
    """Whole-process milliseconds of `python -m cbt_tui ARGS` on that data home."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cbt_tui", *args],
        env={**os.environ, "CBT_HOME": str(home)},
        capture_output=True,
        check=True,
    )
    return (time.perf_counter() - start) * 1000


def peak_rss_mib(args: list[str], home: Path) -> float:
    """Peak resident memory of `python -m cbt_tui ARGS`, in MiB."""
    return timed_peak_rss(args, home)[1]


def timed_peak_rss(args: list[str], home: Path) -> tuple[float, float]:
    """Whole-process seconds and peak resident MiB of `python -m cbt_tui ARGS`."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_PROBE, *args],
        env={**os.environ, "CBT_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, int(done.stderr.split("VmHWM")[-1].split()[0]) / 1024


def export_file(folder: Path, name: str, entries: list[Entry]) -> Path:
    path = folder / name
    path.write_text(export_json(entries, now()))
    return path


def measure(size: int, folder: Path) -> None:
    entries = realistic_entries(size)
    home = folder / f"home-{size}"
    big_file = export_file(folder, f"all-{size}.json", entries)
    print(f"\n-- {size:,} entries ({big_file.stat().st_size / 2**20:.1f} MiB as JSON export) --")

    elapsed = run_process(["import", str(big_file)], folder / f"cli-import-{size}")
    rss = peak_rss_mib(["import", str(big_file)], folder / f"cli-import-rss-{size}")
    print(
        f"cbt import of all {size:,} into an empty home: {elapsed / 1000:.2f} s, peak RSS {rss:.0f} MiB (whole process; target < 10 s at 10,000)"
    )

    elapsed, _ = timed(lambda: open_store(home).import_entries(entries))
    journal = sum(p.stat().st_size for p in (home / "journal").glob("*.json"))
    months = len(list((home / "journal").glob("*.json")))
    print(f"import_entries (in process): {elapsed / 1000:.2f} s; {months} month files, {journal / 2**20:.1f} MiB")

    store = open_store(home)
    rng = random.Random(size)
    recent = now()
    complete = [timed(lambda: store.save(realistic_entry(rng, recent)))[0] for _ in range(40)]
    drafts = [
        store.save(realistic_entry(rng, recent).model_copy(update={"status": EntryStatus.DRAFT})) for _ in range(40)
    ]
    draft_saves = [timed(lambda draft=draft: store.save(draft))[0] for draft in drafts]
    completions = [
        timed(lambda draft=draft: store.save(draft.model_copy(update={"status": EntryStatus.COMPLETE})))[0]
        for draft in drafts
    ]
    for label, samples in (
        ("complete entry", complete),
        ("draft (autosave)", draft_saves),
        ("draft -> complete", completions),
    ):
        print(
            f"save {label}: median {statistics.median(samples):.1f} ms, p90 {statistics.quantiles(samples, n=10)[-1]:.1f} ms (target median <= 20 ms)"
        )

    loads = []
    for _ in range(7):
        loads.append(timed(lambda: open_store(home).history())[0])
    elapsed, peak, rows = with_peak_memory(lambda: open_store(home).history())
    print(
        f"open store + history ({len(rows):,} rows, cold Store): median {statistics.median(loads):.0f} ms, peak {peak:.1f} MiB traced (target <= 150 ms)"
    )
    print(
        f"open store + recent(5) + drafts(): median {statistics.median(timed(lambda: (s := open_store(home)).recent() and s.drafts())[0] for _ in range(7)):.0f} ms"
    )

    ratio_runs: dict[str, list[float]] = {"empty": [], "full": []}
    for run in range(9):
        one = export_file(folder, f"one-{size}-{run}.json", [realistic_entry(rng, recent)])
        ratio_runs["empty"].append(run_process(["import", str(one)], folder / f"empty-{size}-{run}"))
        ratio_runs["full"].append(run_process(["import", str(one)], home))
    empty, full = (statistics.median(ratio_runs[key]) for key in ("empty", "full"))
    rss_full = peak_rss_mib(["import", str(export_file(folder, "one-more.json", [realistic_entry(rng, recent)]))], home)
    print(
        f"cbt import of 1 entry (whole process): empty home {empty:.0f} ms, {size:,}-entry home {full:.0f} ms "
        f"-> {full / empty:.2f}x (target <= 1.5x), peak RSS {rss_full:.0f} MiB"
    )
    elapsed = run_process(["history", "--json"], home)
    print(
        f"cbt history --json (whole process): {elapsed:.0f} ms, peak RSS {peak_rss_mib(['history', '--json'], home):.0f} MiB"
    )


def measure_big_import(folder: Path, size: int = 100_000, runs: int = 3) -> Path:
    """`cbt import` of `size` entries into an empty home: median seconds and peak RSS.
    Returns one of the homes it filled."""
    big_file = export_file(folder, f"all-{size}.json", realistic_entries(size))
    samples = [timed_peak_rss(["import", str(big_file)], folder / f"big-import-{run}") for run in range(runs)]
    mib = big_file.stat().st_size / 2**20
    big_file.unlink()
    seconds = statistics.median(sample[0] for sample in samples)
    rss = statistics.median(sample[1] for sample in samples)
    print(f"\n-- cbt import of {size:,} entries ({mib:.0f} MiB), median of {runs}, {os.cpu_count()} cores --")
    print(f"time: {seconds:.1f} s (yardstick 20 s: {seconds / 20:.2f}x)")
    print(f"peak RSS: {rss:.0f} MiB (yardstick 600 MiB: {rss / 600:.2f}x)")
    return folder / "big-import-0"


def history_figures(folder: Path, hundred: Path) -> None:
    """`cbt history` piped to a file at 10,000 and 100,000 entries (the same realistic
    entries, imported alike), against a bare Typer `--help`, in interleaved rounds. The
    first (warming) round leaves the search files a first search writes."""
    ten = folder / "history-10k"
    open_store(ten).import_entries(realistic_entries(10_000))
    typer_app = folder / "bare_typer.py"
    typer_app.write_text(BARE_TYPER)
    env = {**os.environ}
    commands = {"typer": ([sys.executable, str(typer_app), "--help"], env)}
    for size, home in (("10k", ten), ("100k", hundred)):
        for name, args in (("all", ["--all"]), ("search", ["--search", "drink"]), ("rare", ["--search", "party"])):
            commands[f"{name} {size}"] = (
                [sys.executable, "-m", "cbt_tui", "history", *args],
                {**env, "CBT_HOME": str(home)},
            )
    median = interleaved_to_file(commands, HISTORY_RUNS, folder)
    typer_ms = median["typer"]
    print(f"\n-- cbt history > FILE, median of {HISTORY_RUNS} interleaved runs, {os.cpu_count()} cores --")
    print(f"yardstick: bare Typer --help {typer_ms:.0f} ms")
    for name, label, limit in (
        ("all", "history --all", 3),
        ("search", "history --search", 4),
        ("rare", "history --search (a word found nowhere)", 4),
    ):
        small, big = median[f"{name} 10k"], median[f"{name} 100k"]
        print(
            f"{label} at 10k: {small:.0f} ms = {small / typer_ms:.2f}x bare --help (limit {limit}x); at 100k: {big:.0f} ms"
        )
        print(f"{label} at 100k / at 10k = {big / small:.2f}x (limit 5x)")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        for size in SIZES:
            measure(size, Path(tmp))
        history_figures(Path(tmp), measure_big_import(Path(tmp)))


if __name__ == "__main__":
    main()
