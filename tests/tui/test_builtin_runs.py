"""Every built-in exercise, run by keys from its first step to a saved entry.

A small driver answers each step the way a person would (typing, arrow keys, Enter,
the timer's digits) and notes what it entered; the stored entry must hold exactly that.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import bring_followup_due, resume_from_home, settle, store_at, type_text

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen

BUILTIN = [(p.id, e.id) for p, e in load_catalog().exercises()]


async def answer_step(pilot, clock, expected: dict) -> None:
    """Answer the step on screen by keys and note the answer it should store."""
    screen = pilot.app.screen
    step, view = screen.run.step, screen.view
    sid = getattr(step, "id", None)
    if step.type == "text":
        await type_text(pilot, f"My answer to {sid} 😊")
        expected[sid] = f"My answer to {sid} 😊"
    elif step.type == "list":
        await type_text(pilot, f"item for {sid}")
        await pilot.press("enter")
        expected[sid] = [f"item for {sid}"]
    elif step.type == "scale":
        await pilot.press("end")
        expected[sid] = view.query_one("ScaleInput").maximum
    elif step.type == "ratings":
        await pilot.press("end")
        first = next(iter(view.query("RatingRow")))
        expected[sid] = {first.option.value: first.scale.maximum}
    elif step.type == "choice":
        await pilot.press("enter" if not step.multiple else "space")
        first = screen.run.pack.options_of(step)[0].value
        expected[sid] = first if not step.multiple else [first]
    elif step.type == "timer":
        checks = []
        every = step.checks.every_seconds if step.checks else step.minutes * 60
        while view.ended is None:
            clock.set_time(clock.time + every)
            view.tick()
            await pilot.pause()
            if view.asking:
                await pilot.press("3", "enter")
                checks.append({"at": round(view.timer.elapsed), "value": 3})
        planned = round(step.minutes * 60)
        expected[sid] = {"planned_seconds": planned, "elapsed_seconds": planned, "ended": "completed", "checks": checks}


@pytest.mark.parametrize(("pack_id", "exercise_id"), BUILTIN, ids=[f"{p}/{e}" for p, e in BUILTIN])
async def test_builtin_exercise_runs_to_a_saved_entry(make_app, cbt_home: Path, clock, pack_id, exercise_id) -> None:
    app = make_app(start_exercise=f"{pack_id}/{exercise_id}")
    expected: dict = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        entry_id = app.screen.run.entry.id
        for _ in range(200):
            screen = app.screen
            if isinstance(screen, ReviewScreen):
                await pilot.press("ctrl+s")
                await settle(pilot)
                break
            if isinstance(screen, HomeScreen):  # a follow-up is waiting
                await bring_followup_due(pilot, cbt_home, entry_id)
                await resume_from_home(pilot)
                continue
            assert isinstance(screen, RunnerScreen)
            await answer_step(pilot, clock, expected)
            if screen.run.step.type == "followup":
                expected[screen.run.step.id] = None  # the time it fell due, checked below
            await pilot.press("ctrl+n")
            await settle(pilot)
            if app.screen is screen:  # still here: it must have moved on, not refused
                assert str(screen.query_one("#problem").render()) == "", screen.run.step
        assert isinstance(app.screen, HomeScreen)

    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    stored = dict(entry.answers)
    for step_id in [k for k, v in expected.items() if v is None]:
        assert isinstance(stored.pop(step_id), str)
        expected.pop(step_id)
    assert stored == expected
    assert set(entry.prompts) == set(entry.answers)
