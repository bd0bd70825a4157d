"""Paths and small helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from cbt_tui.domain.packs.models import Exercise, OptionsStep, Pack, TimerStep
from cbt_tui.packs.catalog import pack_sources
from cbt_tui.packs.loader import load_pack

TESTS = Path(__file__).parent
PACKS = TESTS / "packs"
EXERCISES = TESTS.parent / "exercises"


def builtin_exercises() -> Iterator[tuple[Pack, Exercise]]:
    """Every built-in (pack, exercise), in catalog order (the packs under exercises/)."""
    for source in pack_sources(EXERCISES):
        result = load_pack(source)
        assert result.pack is not None, "\n".join(str(e) for e in result.errors)
        for exercise in result.pack.exercises:
            yield result.pack, exercise


def exercise_texts(pack: Pack, exercise: Exercise) -> list[tuple[str, str]]:
    """(where, text) for everything a person reads in one exercise.

    Title, summary, prompts, help, info text, placeholders, examples, scale labels,
    timer check prompts, and each option's label and help (from `options` or the
    pack list that `options_from` names).
    """
    texts = [("title", exercise.title), ("summary", exercise.summary)]
    for index, step in enumerate(exercise.steps):
        here = f"steps[{index}]"
        for field in ("prompt", "help", "text", "placeholder"):
            value = getattr(step, field, None)
            if value:
                texts.append((f"{here}.{field}", value))
        texts += [(f"{here}.examples[{i}]", e) for i, e in enumerate(getattr(step, "examples", None) or [])]
        texts += [(f"{here}.labels.{k}", v) for k, v in (getattr(step, "labels", None) or {}).items()]
        if isinstance(step, TimerStep) and step.checks is not None:
            texts.append((f"{here}.checks.prompt", step.checks.prompt))
        if isinstance(step, OptionsStep) and (step.options or step.options_from):
            for option in pack.options_of(step):
                texts.append((f"{here}.options[{option.value}]", option.shown))
                if option.help:
                    texts.append((f"{here}.options[{option.value}].help", option.help))
    return texts


#: Issue 11's safety wording, word for word wherever it appears (it may start a sentence,
#: so compare with `says`, which ignores the case of the first letter).
OVERDOSE_RISK = (
    "after a break, an amount used before can now cause an overdose; this includes anything that might "
    "contain fentanyl (pills not from a pharmacy, cocaine); don't use alone; use less; don't mix with "
    "alcohol or pills; keep naloxone where someone with you can find it."
)
MEDICATION = (
    "don't stop or change a medicine without your prescriber; after stopping naltrexone, tolerance to opioids is low."
)


def says(text: str, wording: str) -> bool:
    """Does `text` carry `wording` word for word (line breaks and the first letter's case aside)?"""
    flat = " ".join(text.split())
    return wording in flat or wording[0].upper() + wording[1:] in flat


def without(text: str, *wordings: str) -> str:
    """`text` with each wording taken out, its line breaks elsewhere kept (to measure or
    count the words around a wording that is given, not ours to change)."""
    import re

    for wording in wordings:
        pattern = r"\s+".join(re.escape(word) for word in wording.split())
        text = re.sub(pattern, "", text, flags=re.IGNORECASE)
    return text


def seeded_journal(today, weeks: int = 4):
    """A few weeks of a person's practice, ending `today` (a date), each entry completed at
    noon UTC by the real run rules (so scores and flags are stored as the trainer stores
    them): daily check-ins with two days of use, craving surfs every third day, a thought
    record every fourth, a weekly recovery check each week, and a reward plan 10 days ago."""
    from datetime import UTC, datetime, timedelta

    from cbt_tui.domain.run import ExerciseRun, new_entry
    from cbt_tui.packs.catalog import load_catalog

    catalog = load_catalog()

    def done(exercise: str, day, hour: int, answers: dict):
        pack, found = catalog.find(exercise)
        moment = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
        entry = new_entry(pack, found).model_copy(update={"started_at": moment - timedelta(minutes=5)})
        run = ExerciseRun(pack, found, entry, now=lambda: moment)
        run.answers.update(answers)
        return run.complete(moment).model_copy(update={"updated_at": moment})

    weekly = ["strong", "mild", "strong", "mild", "none"]
    moods = ["some-days", "most-days", "some-days", "not-at-all", "not-at-all"]
    entries = []
    for back in range(weeks * 7 - 1, -1, -1):
        day = today - timedelta(days=back)
        if back % 5 != 3:
            used = "Yes" if back in (9, 17) else "No"
            answers = {"mood": 3 + back % 5, "craving": 2 + back % 6, "sleep": 7, "used_today": used, "win": "Walked"}
            entries.append(done("daily-check-in", day, 12, answers))
        if back % 3 == 0:
            peak = 6 + back % 4
            ratings = [peak - 1, peak, peak - 1, peak - 3, peak - 4, max(0, peak - 6)]
            checks = [{"at": 60 * (i + 1), "value": v} for i, v in enumerate(ratings)]
            timer = {"planned_seconds": 1200, "elapsed_seconds": 360, "ended": "early", "checks": checks}
            answers = {"trigger": "Payday", "urge_before": peak - 1, "surf": timer, "urge_after": 1 + back % 3}
            entries.append(done("craving-surf", day, 11, answers))
        if back % 4 == 1:
            before = 90 - back
            answers = {
                "situation": "Argument at work",
                "emotions": {"anxious": 80 - back},
                "automatic_thoughts": ["I always mess up"],
                "hot_thought": "I always mess up",
                "hot_belief": before,
                "balanced_thought": "I made one mistake",
                "balanced_belief": 60,
                "emotions_after": {"anxious": 40},
                "hot_belief_after": before - 30 + back % 3 * 5,
            }
            entries.append(done("thought-record", day, 10, answers))
        if back % 7 == 2:
            week = back // 7
            answers = {
                "cravings": weekly[week % 5],
                "low_mood": moods[week % 5],
                "sleep": "okay",
                "confidence": "fairly-sure",
                "support": "some-days",
                "used": "yes" if week == 1 else "no",
            }
            entries.append(done("weekly-recovery-check", day, 13, answers))
    plan = {
        "day_kept": "A day with no drink",
        "days_so_far": 3,
        "reward_7": "A takeaway with my kids",
        "reward_14": "A trip to the cinema",
        "reward_30": "A haircut",
        "reward_60": "A new jacket",
        "reward_90": "A weekend away",
    }
    entries.append(done("reward-plan", today - timedelta(days=10), 9, plan))
    return sorted(entries, key=lambda entry: entry.completed_at)


def saved_entry(answers: dict, at=None, **fields):
    """A finished entry (a thought record unless `fields` say otherwise), saved at `at`
    (default: now), for tests that put entries straight into a store."""
    from cbt_tui.domain.entries import Entry, EntryStatus, now

    moment = at or now()
    defaults = {
        "pack": "core",
        "pack_version": "1.0.0",
        "exercise": "thought-record",
        "exercise_title": "Thought record",
        "kind": "thought_record",
        "status": EntryStatus.COMPLETE,
        "started_at": moment,
        "updated_at": moment,
        "completed_at": moment,
    }
    return Entry(**{**defaults, **fields, "answers": answers})


def on_a_terminal(home: Path, *args: str, columns: int = 100) -> str:
    """stdout of `cbt ARGS` written to a real pty (NO_COLOR), as text: what a person sees."""
    import os
    import pty
    import select
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "CBT_HOME": str(home), "COLUMNS": str(columns), "TERM": "xterm", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cbt_tui", *args], stdout=follower, stderr=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks = []
    while select.select([leader], [], [], 30)[0]:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=30)
    os.close(leader)
    import re

    text = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)  # the words, not the bold


def write_plan_pack(folder: Path, assignments: str, pack_id: str = "plan") -> Path:
    """A pack `plan` with the given `assignments:` lines and two exercises, `walk` and
    `letter` (whose title holds Rich markup and an escape sequence)."""
    path = folder / f"{pack_id}.yaml"
    path.write_text(
        f"format: 1\nid: {pack_id}\ntitle: Plan\nversion: 1.0.0\nassignments:\n{assignments}"
        "exercises:\n"
        "  - id: walk\n    title: Evening walk\n    kind: skill\n    summary: s\n    steps: [{type: info, text: Walk.}]\n"
        '  - id: letter\n    title: "Letter [/bold] to \\x1b[31myourself"\n    kind: skill\n    summary: s\n    steps: [{type: info, text: Write.}]\n'
    )
    return path


def record_done(cbt_home: Path, exercise: str, when: datetime, pack: str = "plan") -> None:
    """A finished entry of `exercise` at `when`, straight into the store."""
    from cbt_tui.domain.entries import Entry, EntryStatus
    from cbt_tui.store import open_store

    entry = Entry(
        pack=pack,
        pack_version="1.0.0",
        exercise=exercise,
        exercise_title=exercise,
        kind="skill",
        status=EntryStatus.COMPLETE,
        started_at=when - timedelta(minutes=3),
        completed_at=when,
    )
    open_store(cbt_home).import_entries([entry])
