"""Random entries, built from the entry schema's own field names, go through import,
history, export, report, progress and the entry view without a traceback (issue 10).

Each example is an export file of a few entries: every field of `Entry` may be there or
not, with a value of its own kind (an id, a known exercise, a time, a status, answers
for the exercise's steps) or anything JSON can hold (hostile text, lone surrogates, NaN,
nesting). `cbt import` takes the file or refuses it with one line per problem; what it
took is read back by every command and opened in the trainer's entry view."""

from __future__ import annotations

import asyncio
import json
import os
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.domain.entries import Entry, EntryStatus

FIELDS = list(Entry.model_fields)  # the schema's own names, in its order
STEP_IDS = ["situation", "emotions", "automatic_thoughts", "hot_belief", "surf", "trigger", "urge_before", "mood"]
EXERCISES = [
    ("core", "thought-record", "thought_record"),
    ("core", "craving-surf", "craving_surf"),
    ("gone", "x", "skill"),
]
HOSTILE = [
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x9b",
    "[/]",
    "[bold red]x[/]",
    "\ud800",
    "\u202e",
    "![i](http://e/x.png)",
    "<b>",
]

runner = CliRunner()

text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=20),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map(" ".join),
)
numbers = st.one_of(st.integers(-(10**7), 10**7), st.floats(allow_nan=True, allow_infinity=True))
json_value = st.recursive(
    st.none() | st.booleans() | numbers | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
moments = st.datetimes(min_value=datetime(2026, 10, 1), max_value=datetime(2026, 12, 1), timezones=st.just(UTC))
timestamp = moments.map(datetime.isoformat)
timer = st.fixed_dictionaries(
    {
        "planned_seconds": st.sampled_from([60, 600, 1200]),
        "elapsed_seconds": st.sampled_from([0, 30, 600]),
        "ended": st.sampled_from(["completed", "early", "stopped"]),
        "checks": st.lists(st.fixed_dictionaries({"at": st.integers(0, 600), "value": st.integers(0, 10)}), max_size=4),
    }
)
#: Answers in the shapes the store writes, for the steps of each exercise (any step of an
#: exercise that is not installed).
ANSWERS = {
    "thought-record": st.fixed_dictionaries(
        {},
        optional={
            "situation": text,
            "emotions": st.dictionaries(text, st.integers(0, 100), max_size=3),
            "automatic_thoughts": st.lists(text, max_size=3),
            "hot_belief": st.integers(0, 100),
        },
    ),
    "craving-surf": st.fixed_dictionaries(
        {}, optional={"trigger": text, "urge_before": st.integers(0, 10), "surf": timer}
    ),
    "x": st.dictionaries(
        st.sampled_from(STEP_IDS),
        st.one_of(text, st.integers(0, 100), st.lists(text, max_size=3), timer),
        max_size=4,
    ),
}
#: A value of its own kind for each field of the schema.
OWN_KIND = {
    "id": st.from_regex(r"[0-9A-Z]{26}", fullmatch=True),
    "pack_version": st.just("1.0.0"),
    "exercise_title": text,
    "status": st.sampled_from([s.value for s in EntryStatus]),
    "started_at": timestamp,
    "updated_at": timestamp,
    "completed_at": st.none() | timestamp,
    "followup_due": st.none() | timestamp,
    "prompts": st.dictionaries(st.sampled_from(STEP_IDS), text, max_size=3),
    "position": st.none() | st.sampled_from(STEP_IDS),
    "followups_done": st.dictionaries(st.sampled_from(STEP_IDS), timestamp, max_size=1),
    "scores": st.dictionaries(
        text, st.fixed_dictionaries({"value": st.none() | st.integers(0, 100), "band": st.none() | text}), max_size=2
    ),
    "flags": st.lists(text, max_size=2),
}


@st.composite
def entries(draw: st.DrawFn) -> dict:
    """An entry whose every field is of its own kind (its texts hostile), or, one time in
    three, one with fields missing or holding anything at all."""
    pack, exercise, kind = draw(st.sampled_from(EXERCISES))
    own = {"pack": pack, "exercise": exercise, "kind": kind, "answers": ANSWERS[exercise]}
    broken = draw(st.integers(0, 2)) == 0
    entry = {}
    for field in FIELDS:
        if broken and draw(st.booleans()):
            if draw(st.booleans()):
                entry[field] = draw(json_value)
            continue
        value = own.get(field, OWN_KIND.get(field))
        entry[field] = draw(value) if isinstance(value, st.SearchStrategy) else value
    return entry


#: What may never reach a terminal from data: C0 controls but line breaks and tabs, DEL, C1.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def cbt(home: Path, *args: str) -> int:
    result = runner.invoke(cli, list(args), env={"CBT_HOME": str(home)})
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"cbt {' '.join(args)}: {result.exception!r}"
    )
    assert "Traceback" not in result.output
    assert not CONTROLS.search(result.stdout + result.stderr), f"cbt {' '.join(args)} printed a control character"
    return result.exit_code


async def open_each_entry(home: Path) -> None:
    from cbt_tui.store import open_store
    from cbt_tui.tui.app import TrainerApp
    from cbt_tui.tui.screens.history import EntryScreen

    ids = [row.id for row in open_store(home).history()]
    app = TrainerApp(home=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for entry_id in ids:
            app.push_screen(EntryScreen(entry_id))
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, EntryScreen) and app.screen.entry is not None
            assert not CONTROLS.search(app.export_screenshot()), "the entry view drew a control character"
            app.screen.dismiss()
            await pilot.pause()
        assert app.is_running


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(entries(), min_size=1, max_size=3, unique_by=lambda e: str(e.get("id"))))
def test_random_entries_never_crash_a_command_or_the_entry_view(drawn: list[dict]) -> None:
    exported_at = (datetime(2026, 12, 1, tzinfo=UTC) + timedelta(hours=1)).isoformat()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        file = Path(folder) / "export.json"
        file.write_text(json.dumps({"format": 1, "exported_at": exported_at, "entries": drawn}), encoding="utf-8")
        imported = cbt(home, "import", str(file)) == 0
        for args in (
            ["history"],
            ["history", "--json"],
            ["export"],
            ["export", "--format", "csv"],
            ["export", "--format", "md"],
            ["report", "--since", "2026-09-01"],
            ["report", "--since", "2026-09-01", "--format", "html"],
            ["progress", "--since", "2026-09-01"],
            ["due"],
        ):
            cbt(home, *args)
        if imported:
            asyncio.run(open_each_entry(home))


def test_the_entries_are_built_from_the_schemas_own_fields() -> None:
    assert set(OWN_KIND) | {"pack", "exercise", "kind", "answers"} == set(FIELDS)
    assert os.path.basename(__file__) == "test_random_entries.py"
