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
        first = screen.run.pack.options_of(step, screen.run.answers)[0].value
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


# --- The recovery library, part two (issue 15): second runs -----------------------------
# The driver above picks the first option and the top of each scale, so some `when`
# branches of the new exercises never show. Each second run below gives other answers
# where it must (by keys: arrows, Space, Enter, digits) and the driver's answers
# elsewhere; the stored entry must hold exactly those answers.

NEW_PACKS = ("recovery-support", "tough-moments")
SECOND_RUNS: dict[str, dict] = {
    "recovery-support/lapse-response": {"safe_now": "not-sure", "blown_it_after": 20},
    "recovery-support/decision-chain": {"used": "yes"},
    "recovery-support/refusal-skills": {"rehearsed": "not-yet", "confidence_after": 30},
    "recovery-support/medication-check-in": {"as_planned": "not-this-week", "side_effects": "yes"},
    "recovery-support/support-network": {"first_call_knows": "not-yet", "did_it": "not-yet"},
    "recovery-support/halt-check": {"halt": ["hungry", "angry", "lonely", "tired"]},
    "recovery-support/values": {"did_it": "not-yet"},
    "recovery-support/meeting-log": {"go_back": "no"},
    "recovery-support/sleep-diary": {"quality": 2},
    "tough-moments/tipp": {"fast_part": "exercise"},
    "tough-moments/abcde": {"belief_kind": ["cant-stand-it", "self-downing"], "feelings": {"hopeless": 8}},
}
NEW_EXERCISES = [(p, e) for p, e in load_catalog().exercises() if p.id in NEW_PACKS]


def driver_answer(pack, exercise, step):
    """The answer the driver gives a step that a `when` can test (see answer_step)."""
    if step.type == "scale":
        return (exercise.step(step.rerate) if step.rerate else step).max
    first = pack.options_of(step)[0].value
    if step.type == "ratings":
        return {first: step.max}
    if step.type == "choice":
        return [first] if step.multiple else first
    raise AssertionError(f"no `when` in these packs looks at a {step.type} step")


async def answer_with(pilot, clock, expected: dict, overrides: dict) -> None:
    """Answer as `overrides` says where it names the step, else as the driver does."""
    screen = pilot.app.screen
    step, view = screen.run.step, screen.view
    if getattr(step, "id", None) not in overrides:
        await answer_step(pilot, clock, expected)
        return
    wanted = overrides[step.id]
    if step.type == "scale":
        await pilot.press(*str(wanted))
    elif step.type == "choice":
        values = [o.value for o in screen.run.pack.options_of(step)]
        at = 0
        for value in wanted if step.multiple else [wanted]:
            await pilot.press(*["down"] * (values.index(value) - at), "space" if step.multiple else "enter")
            at = values.index(value)
    elif step.type == "ratings":
        rows = [row.option.value for row in view.query("RatingRow")]
        at = 0
        for item, value in wanted.items():
            await pilot.press(*["tab"] * (rows.index(item) - at), *str(value))
            at = rows.index(item)
    else:
        raise AssertionError(f"no override for {step.type} steps")
    expected[step.id] = wanted


def test_every_branch_of_the_new_exercises_is_reached() -> None:
    """Each `when` step holds on the driver's answers or on its second run's."""
    for pack, exercise in NEW_EXERCISES:
        key = f"{pack.id}/{exercise.id}"
        for index, step in enumerate(exercise.steps):
            if step.when is None:
                continue
            source = exercise.step(step.when.step)
            answers = [driver_answer(pack, exercise, source)]
            if step.when.step in SECOND_RUNS.get(key, {}):
                answers.append(SECOND_RUNS[key][step.when.step])
            assert any(step.when.holds(a) for a in answers), f"{key}: steps[{index}] is never shown"


@pytest.mark.parametrize("key", sorted(SECOND_RUNS))
async def test_new_exercise_second_run(make_app, cbt_home: Path, clock, key: str) -> None:
    overrides = SECOND_RUNS[key]
    app = make_app(start_exercise=key)
    expected: dict = {}
    shown: set[int] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        run = app.screen.run
        entry_id = run.entry.id
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
            shown.add(screen.run.index)
            await answer_with(pilot, clock, expected, overrides)
            if screen.run.step.type == "followup":
                expected[screen.run.step.id] = None
            await pilot.press("ctrl+n")
            await settle(pilot)
            if app.screen is screen:
                assert str(screen.query_one("#problem").render()) == "", screen.run.step
        assert isinstance(app.screen, HomeScreen)

    exercise = run.exercise
    branches = {
        i
        for i, s in enumerate(exercise.steps)
        if s.when is not None and s.when.step in overrides and s.when.holds(overrides[s.when.step])
    }
    assert branches and branches <= shown
    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    stored = dict(entry.answers)
    for step_id in [k for k, v in expected.items() if v is None]:
        assert isinstance(stored.pop(step_id), str)
        expected.pop(step_id)
    assert stored == expected
    assert set(entry.prompts) == set(entry.answers)
