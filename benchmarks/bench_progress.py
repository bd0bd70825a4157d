"""Progress at 10,000 entries: the Progress screen after `p`, and the report with charts.

- Progress screen: `cbt` starts in a fresh 80x24 tmux session (a private tmux server) on
  a 10,000-entry home; once Home has its library and recent entries (and a second more),
  `p` is sent and
  `tmux capture-pane` is polled every ~5 ms until the practice summary ("Practised on")
  is on screen. Yardstick: 500 ms. The range "All" (every entry of three years) is timed
  the same way after `r` `r`, for information.
- Report: `cbt report` as whole processes, interleaved: today's 14-day Markdown report
  (the default) is the yardstick; the 12-week HTML report (with its charts) should take
  at most 2x as long.

The journal: the store benchmark's realistic entries (thought records, craving surfs with
their waves, experiments, over three years), plus a daily check-in most days and a scored
weekly recovery check each week, completed by the real run rules. The machine is shared:
the load average is printed with the figures. Benchmarks print; they never assert.
"""

from __future__ import annotations

import os
import random
import shlex
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.bench_store import realistic_entries
from benchmarks.bench_tui import POLL_SECONDS, SIZE, TIMEOUT_SECONDS, Tmux
from benchmarks.timing import command_medians_ms
from cbt_tui.domain.entries import Entry
from cbt_tui.domain.run import ExerciseRun, new_entry
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.store import open_store

ENTRIES = 10_000
RUNS = 7
SCREEN_TARGET_MS = 500
SETTLE_SECONDS = 1.0
REPORT_RATIO = 2.0


def check_ins(days: int, seed: int = 11) -> list[Entry]:
    """A daily check-in on most of the last `days` days and a weekly check each week."""
    catalog = load_catalog()
    rng = random.Random(seed)
    entries = []

    def done(exercise: str, moment: datetime, answers: dict) -> Entry:
        pack, found = catalog.find(exercise)
        run = ExerciseRun(
            pack, found, new_entry(pack, found).model_copy(update={"started_at": moment}), now=lambda: moment
        )
        run.answers.update(answers)
        return run.complete(moment).model_copy(update={"updated_at": moment})

    today = date.today()
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        moment = datetime(day.year, day.month, day.day, 21, rng.randrange(60)).astimezone()
        if rng.random() < 0.8:
            used = "Yes" if rng.random() < 0.05 else "No"
            answers = {
                "mood": rng.randrange(11),
                "craving": rng.randrange(11),
                "sleep": 7,
                "used_today": used,
                "win": "w",
            }
            entries.append(done("daily-check-in", moment, answers))
        if back % 7 == 0:
            answers = {
                "cravings": rng.choice(["none", "mild", "strong", "very-strong"]),
                "low_mood": rng.choice(["not-at-all", "some-days", "most-days"]),
                "sleep": rng.choice(["well", "okay", "badly"]),
                "confidence": rng.choice(["very-sure", "fairly-sure", "a-bit-unsure"]),
                "support": rng.choice(["most-days", "some-days", "once"]),
                "used": "no",
            }
            entries.append(done("weekly-recovery-check", moment - timedelta(hours=1), answers))
    return entries


def prepare_home(folder: Path) -> Path:
    home = folder / "home"
    extra = check_ins(3 * 365)
    entries = realistic_entries(ENTRIES - len(extra)) + extra
    imported, _ = open_store(home).import_entries(entries)
    print(f"prepared a {imported:,}-entry home ({len(extra):,} of them check-ins)")
    return home


def _wait_for(tmux: Tmux, session: str, text: str, start: float) -> float:
    while True:
        screen = tmux._run("capture-pane", "-p", "-t", session, capture=True)
        elapsed = (time.perf_counter() - start) * 1000
        if text in screen:
            return elapsed
        if elapsed > TIMEOUT_SECONDS * 1000:
            raise RuntimeError(f"{text!r} not seen in {TIMEOUT_SECONDS:.0f} s; screen:\n{screen}")
        time.sleep(POLL_SECONDS)


def measure_screen(home: Path) -> None:
    from cbt_tui.trends import load_progress

    all_days = load_progress(open_store(home), load_catalog(), None).practice.days
    cbt = str(Path(sys.executable).parent / "cbt")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), "CBT_HOME": str(home)}
    shell = shlex.join(["env", *(f"{k}={v}" for k, v in env.items()), cbt])
    tmux = Tmux()
    four_weeks, everything = [], []
    try:
        for run in range(RUNS + 1):  # the first warms the file cache
            session = f"progress{run}"
            tmux._run("new-session", "-d", "-s", session, "-x", str(SIZE[0]), "-y", str(SIZE[1]), shell)
            try:
                # Home is drawn (its greeting as the last start left it); the journal
                # opens within the second a person looks at Home first.
                _wait_for(tmux, session, "Welcome back", time.perf_counter())
                time.sleep(SETTLE_SECONDS)
                start = time.perf_counter()
                tmux._run("send-keys", "-t", session, "p")
                shown = _wait_for(tmux, session, "Practised on", start)
                tmux._run("send-keys", "-t", session, "r")  # 12 weeks
                _wait_for(tmux, session, "of 84 days", time.perf_counter())
                start = time.perf_counter()
                tmux._run("send-keys", "-t", session, "r")  # all
                all_shown = _wait_for(tmux, session, f"of {all_days} days", start)
                if run:
                    four_weeks.append(shown)
                    everything.append(all_shown)
            finally:
                tmux.close_window(session)  # the next run starts once this one has ended
    finally:
        tmux.close()
    median = statistics.median(four_weeks)
    print(f"\nProgress screen in tmux {SIZE[0]}x{SIZE[1]}, {ENTRIES:,} entries, median of {RUNS} runs (min-max):")
    print(
        f"  p -> 4 weeks drawn: {median:.0f} ms ({min(four_weeks):.0f}-{max(four_weeks):.0f}); "
        f"yardstick {SCREEN_TARGET_MS} ms: {median / SCREEN_TARGET_MS:.2f}x"
    )
    print(
        f"  r -> all {all_days:,} days drawn: {statistics.median(everything):.0f} ms "
        f"({min(everything):.0f}-{max(everything):.0f}), for information"
    )


def measure_report(home: Path) -> None:
    cbt = str(Path(sys.executable).parent / "cbt")
    env = {**os.environ, "CBT_HOME": str(home)}
    twelve_weeks = (date.today() - timedelta(days=7 * 12 - 1)).isoformat()
    commands = {
        "14-day report (md, the default)": [cbt, "report"],
        "14-day report (html)": [cbt, "report", "--format", "html"],
        "12-week report (html)": [cbt, "report", "--format", "html", "--since", twelve_weeks],
        "cbt progress (4 weeks)": [cbt, "progress"],
    }
    medians = command_medians_ms(commands, repeat=RUNS, env=env)
    print(f"\nreports and cbt progress, whole processes, {ENTRIES:,} entries, median of {RUNS} interleaved runs:")
    for name, ms in medians.items():
        print(f"  {name:<34} {ms:7.0f} ms")
    ratio = medians["12-week report (html)"] / medians["14-day report (md, the default)"]
    print(f"  12-week html / 14-day report: {ratio:.2f}x (target <= {REPORT_RATIO}x)")


def main() -> None:
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="bench-progress-") as tmp:
        home = prepare_home(Path(tmp))
        measure_screen(home)
        measure_report(home)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
