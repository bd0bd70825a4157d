"""The entry view of the largest answer: an entry whose answer is 100 MB of text (what a
paste or an edited export can bring; `cbt import` takes files up to 256 MiB).

The trainer runs headless (`App.run_test` at 80x24, in a subprocess of its own), opens
History's entry view on that entry and waits until the view is on screen (its workers
done and their messages handled): the time from the key to the view, the median of a few
runs in the same process (the first opening reads the month file from disk, the later
ones from the store's cache: both are shown). Yardstick: under 1 s. Peak memory of the
process is printed beside it. The machine is shared: the load average is printed too.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cbt_tui.domain.entries import Entry, EntryStatus, now
from cbt_tui.store import open_store

ANSWER_CHARACTERS = 100_000_000
RUNS = 5
TARGET_MS = 1000

PROBE = """
import asyncio, json, resource, statistics, sys, time
from pathlib import Path

from textual.widgets import Static

from cbt_tui.tui.app import TrainerApp
from cbt_tui.tui.screens.history import EntryScreen


async def main(home: Path, entry_id: str, runs: int) -> dict:
    app = TrainerApp(home=home)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        async def settle():
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        for _ in range(runs):
            start = time.perf_counter()
            app.push_screen(EntryScreen(entry_id))
            await settle()
            screen = app.screen
            assert isinstance(screen, EntryScreen) and screen.entry is not None
            longest = max(len(str(w.render())) for w in screen.query(Static))
            times.append((time.perf_counter() - start) * 1000)
            await pilot.press("escape")
            await settle()
    return {"first_ms": times[0], "median_ms": statistics.median(times), "longest_shown": longest}


result = asyncio.run(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def prepare_home(folder: Path) -> tuple[Path, str]:
    home = folder / "home"
    moment = now()
    words = "I keep going over it. "
    answer = (words * (ANSWER_CHARACTERS // len(words) + 1))[:ANSWER_CHARACTERS]
    entry = Entry(
        pack="core",
        pack_version="1.0.0",
        exercise="thought-record",
        exercise_title="Thought record",
        kind="thought_record",
        status=EntryStatus.COMPLETE,
        completed_at=moment,
        answers={"situation": answer, "automatic_thoughts": ["It will never stop"]},
    )
    open_store(home).save(entry)
    size = sum(p.stat().st_size for p in (home / "journal").rglob("*.json"))
    print(
        f"prepared one entry with a {ANSWER_CHARACTERS / 1e6:.0f} MB answer ({size / 2**20:.0f} MiB of journal files)"
    )
    return home, entry.id


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home, entry_id = prepare_home(Path(folder))
        env = {**os.environ, "CBT_HOME": str(home)}
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(home), entry_id, str(RUNS)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    verdict = "under" if result["median_ms"] < TARGET_MS else "OVER"
    print(
        f"entry view, {ANSWER_CHARACTERS / 1e6:.0f} MB answer: first {result['first_ms']:.0f} ms, "
        f"median of {RUNS} {result['median_ms']:.0f} ms ({verdict} the {TARGET_MS} ms yardstick); "
        f"longest text shown {result['longest_shown']:,} characters; peak RSS {result['peak_rss_mib']:.0f} MiB "
        f"(load average {load})"
    )


if __name__ == "__main__":
    main()
