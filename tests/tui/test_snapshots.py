"""Snapshots of every screen at 80x24: Home, a step of each type, review, history, help now.

Review a changed SVG before accepting it (`pytest tests/tui/test_snapshots.py
--snapshot-update`, then look at the files in `__snapshots__/test_snapshots/`).

What keeps the SVGs identical run to run:
- a fresh data home under tmp_path and the textual `MockClock` (`now=`) for the timer;
- entries written with fixed ids and timestamps (`import_entries` keeps `updated_at`,
  which `save()` would stamp with the wall clock), so every date on screen is fixed;
- `animation_level = "none"`, and no cursor blink on any Input or TextArea: Textual 8.2.8
  has no setting or TEXTUAL_* variable for blink, so `freeze` sets `cursor_blink = False`
  on each, after the last key (a widget mounted later would blink again);
- stored dates lie in the past (see `at`): Home compares follow-up due times with now();
- the follow-up step's "waits for you ... from <date>" is computed from the wall clock
  (`cbt_tui.domain.entries.now`), so that test pins it with monkeypatch.
Everything a test does happens in `run_before`, which ends by waiting for the workers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilot_helpers import settle, type_text
from textual.pilot import Pilot

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.store import open_store
from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen
from cbt_tui.tui.screens.safety import SafetyScreen

SIZE = (80, 24)
UTC = UTC
EVERYTHING = "every-step/everything"


# -- making the app still ------------------------------------------------------------------


@pytest.fixture
def still_app(make_app):
    """The trainer with animations off (cursor blink is frozen in `freeze`)."""

    def make(**kwargs):
        app = make_app(**kwargs)
        app.animation_level = "none"
        return app

    return make


async def freeze(pilot: Pilot) -> None:
    """Wait for workers, then stop every cursor blinking, on every screen in the stack."""
    await settle(pilot)
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False
    await settle(pilot)


def scenario(*actions: Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for action in actions:
            await action(pilot)
        await freeze(pilot)

    return run_before


# -- fixed entries -------------------------------------------------------------------------


def at(day: int, hour: int, minute: int) -> datetime:
    """A fixed time in November 2026, all before these tests were written: the app compares
    follow-up due times with the wall clock, and a past time reads the same on any day."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


EVERYTHING_ANSWERS = {
    "situation": "Alone at home after a long shift",
    "story": "Line one\nLine two",
    "thoughts": ["I can't cope", "Nobody cares"],
    "belief": 65,
    "feelings": {"anxious": 70, "sad": 20, "jittery": 35},
    "answer": "yes",
    "traps": ["mind-reading", "my own trap"],
    "plain": "b",
    "surf": {
        "planned_seconds": 30,
        "elapsed_seconds": 20,
        "ended": "early",
        "checks": [{"at": 10, "value": 5}, {"at": 20, "value": 1}],
    },
    "later": at(9, 10, 2).isoformat(),
    "belief_after": 30,
    "feelings_after": {"anxious": 40},
    "next_week": at(16, 9, 0).isoformat(),
    "learned": "Thoughts are not facts",
}
EVERYTHING_PROMPTS = {
    "situation": "What happened?",
    "story": "Everything",
    "thoughts": "Thoughts about Alone at home after a long shift",
    "belief": "Everything",
    "feelings": "Everything",
    "answer": "Everything",
    "traps": "Everything",
    "plain": "Everything",
    "surf": "Everything",
    "later": "Come back after you try it.",
    "belief_after": "Everything",
    "feelings_after": "Everything",
    "next_week": "Follow-up after 1 week",
    "learned": "You first thought 'I can't cope; Nobody cares'. What did you learn?",
}


def everything_entry(**changes) -> Entry:
    entry = Entry(
        id="01KAPQ0000EVERYTHING00001",
        pack="every-step",
        pack_version="2.0.0-beta.1+build.5",
        exercise="everything",
        exercise_title="Everything",
        kind="thought_record",
        status=EntryStatus.COMPLETE,
        started_at=at(9, 9, 30),
        updated_at=at(16, 9, 12),
        completed_at=at(16, 9, 12),
        answers=EVERYTHING_ANSWERS,
        prompts=EVERYTHING_PROMPTS,
    )
    return entry.model_copy(update=changes, deep=True)


def craving_entry() -> Entry:
    return Entry(
        id="01KAPQ0000CRAVINGSURF0002",
        pack="core",
        pack_version="1.0.0",
        exercise="craving-surf",
        exercise_title="Craving surf",
        kind="craving_surf",
        status=EntryStatus.COMPLETE,
        started_at=at(7, 21, 5),
        updated_at=at(7, 21, 31),
        completed_at=at(7, 21, 31),
        answers={
            "trigger": "Walked past my old bar.",
            "urge_before": 8,
            "surf": {
                "planned_seconds": 1200,
                "elapsed_seconds": 1200,
                "ended": "completed",
                "checks": [{"at": 60 * m, "value": v} for m, v in enumerate([8, 9, 9, 7, 6, 5, 4, 4, 3, 2], 1)],
            },
            "urge_after": 3,
            "noticed": "It peaked after about 3 minutes, then slowly eased off.",
        },
        prompts={
            "trigger": "What set off this urge?",
            "urge_before": "How strong is the urge right now?",
            "surf": "Breathe with the guide and watch the urge like a wave.",
            "urge_after": "How strong is the urge now?",
            "noticed": "What did you notice while you watched the urge?",
        },
    )


def write_entries(home: Path, *entries: Entry) -> None:
    """Straight into the store, timestamps as given (`save()` would stamp `updated_at`)."""
    imported, _ = open_store(home).import_entries(list(entries))
    assert imported == len(entries)


# -- driving the every-step exercise -------------------------------------------------------


def position(pilot: Pilot) -> str:
    return pilot.app.screen.run.entry.position


async def next_step(pilot: Pilot) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)


def advance(clock, seconds: float) -> None:
    clock.set_time(clock.time + seconds)


def fill_in(clock) -> dict[str, Callable[[Pilot], Awaitable[None]]]:
    """How to answer each step of every-step/everything, as a person would by keys."""

    async def situation(pilot: Pilot) -> None:
        await type_text(pilot, "Alone at home after a long shift")

    async def story(pilot: Pilot) -> None:
        await type_text(pilot, "Line one\nLine two")

    async def thoughts(pilot: Pilot) -> None:
        await type_text(pilot, "I can't cope")
        await pilot.press("enter")
        await type_text(pilot, "Nobody cares")
        await pilot.press("enter")

    async def belief(pilot: Pilot) -> None:
        await pilot.press("6", "0", "right")  # 60, then one step up: 65

    async def feelings(pilot: Pilot) -> None:
        await pilot.press("7", "0", "tab", "2", "0")

    async def answer(pilot: Pilot) -> None:
        await pilot.press("enter")  # "yes"

    async def traps(pilot: Pilot) -> None:
        await pilot.press("down", "space")  # mind-reading

    async def plain(pilot: Pilot) -> None:
        await pilot.press("down", "enter")

    async def surf(pilot: Pilot) -> None:
        view = pilot.app.screen.view
        advance(clock, 10)
        view.tick()
        await pilot.press("5", "enter")
        advance(clock, 10)
        view.tick()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("f")

    async def nothing(pilot: Pilot) -> None:
        await pilot.pause()

    return {
        "#0": nothing,
        "situation": situation,
        "story": story,
        "thoughts": thoughts,
        "belief": belief,
        "feelings": feelings,
        "answer": answer,
        "traps": traps,
        "plain": plain,
        "surf": surf,
        "later": nothing,
    }


def run_to(clock, target: str, *, answer_it: bool = True):
    """From the exercise's first step to `target`, answering every step on the way."""
    steps = fill_in(clock)

    async def action(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, RunnerScreen)
        for _ in range(len(steps)):
            here = position(pilot)
            if here == target:
                break
            await steps[here](pilot)
            await next_step(pilot)
        assert position(pilot) == target
        if answer_it:
            await steps[target](pilot)
            await settle(pilot)

    return action


async def press_f1(pilot: Pilot) -> None:
    await pilot.press("f1")
    await settle(pilot)


async def press_h(pilot: Pilot) -> None:
    await pilot.press("h")
    await settle(pilot)


# -- Home, help now ------------------------------------------------------------------------


def test_home_fresh(snap_compare, still_app) -> None:
    app = still_app()

    async def check(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, HomeScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(check))


def test_home_with_open_and_recent_entries(snap_compare, still_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("every-step.yaml")
    draft = everything_entry(
        id="01KAPQ0000DRAFT0000000003",
        status=EntryStatus.DRAFT,
        updated_at=at(16, 18, 40),
        completed_at=None,
        answers={"situation": "Alone at home after a long shift"},
        prompts={"situation": "What happened?"},
        position="story",
    )
    due = everything_entry(
        id="01KAPQ0000WAITING00000004",
        status=EntryStatus.AWAITING_FOLLOWUP,
        updated_at=at(15, 8, 15),
        completed_at=None,
        followup_due=at(15, 8, 45),  # in the past: "due now" on any day after it
        position="belief_after",
    )
    write_entries(cbt_home, everything_entry(), craving_entry(), draft, due)
    app = still_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=scenario())


def test_help_now(snap_compare, still_app) -> None:
    app = still_app()

    async def check(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, SafetyScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(press_f1, check))


def test_help_now_in_the_uk_with_a_person(snap_compare, still_app, cbt_home: Path) -> None:
    store = open_store(cbt_home)
    store.change_setting("region", "GB")
    store.set_contacts([{"name": "Sam (sponsor)", "contact": "07700 900123", "note": "Any time"}])
    app = still_app()

    async def check(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, SafetyScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(press_f1, check))


# -- one step of each type -----------------------------------------------------------------


@pytest.fixture
def every_step_app(still_app, install_test_pack):
    install_test_pack("every-step.yaml")
    return lambda: still_app(start_exercise=EVERYTHING)


def test_step_info(snap_compare, every_step_app, clock) -> None:
    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "#0")))


def test_step_text(snap_compare, every_step_app, clock) -> None:
    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "situation")))


def test_step_text_multiline(snap_compare, every_step_app, clock) -> None:
    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "story")))


def test_step_list_two_items(snap_compare, every_step_app, clock) -> None:
    async def check(pilot: Pilot) -> None:
        assert pilot.app.screen.view.items == ["I can't cope", "Nobody cares"]

    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "thoughts"), check))


def test_step_scale_with_value(snap_compare, every_step_app, clock) -> None:
    async def check(pilot: Pilot) -> None:
        assert pilot.app.screen.view.answer() == 65

    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "belief"), check))


def test_step_ratings_two_rated(snap_compare, every_step_app, clock) -> None:
    async def check(pilot: Pilot) -> None:
        assert pilot.app.screen.view.answer() == {"anxious": 70, "sad": 20}

    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "feelings"), check))


def test_step_choice_single(snap_compare, every_step_app, clock) -> None:
    async def check(pilot: Pilot) -> None:
        assert pilot.app.screen.view.answer() == "yes"

    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "answer"), check))


def test_step_choice_multiple(snap_compare, every_step_app, clock) -> None:
    async def check(pilot: Pilot) -> None:
        assert pilot.app.screen.view.answer() == ["mind-reading"]

    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "traps"), check))


def test_step_timer_running_after_one_check(snap_compare, every_step_app, clock) -> None:
    async def one_check_then_time_passes(pilot: Pilot) -> None:
        view = pilot.app.screen.view
        advance(clock, 10)
        view.tick()
        await pilot.pause()
        assert view.asking
        await pilot.press("5", "enter")
        advance(clock, 4)
        view.tick()
        await settle(pilot)
        assert not view.asking and view.ended is None
        assert [c["value"] for c in view.timer.checks] == [5]

    assert snap_compare(
        every_step_app(),
        terminal_size=SIZE,
        run_before=scenario(run_to(clock, "surf", answer_it=False), one_check_then_time_passes),
    )


def test_step_followup(snap_compare, every_step_app, clock, monkeypatch: pytest.MonkeyPatch) -> None:
    # The note says when the exercise comes back: now() + 30 minutes, from the wall clock.
    import cbt_tui.tui.widgets.steps.simple as simple

    monkeypatch.setattr(simple, "now", lambda: at(9, 9, 32))
    assert snap_compare(every_step_app(), terminal_size=SIZE, run_before=scenario(run_to(clock, "later")))


# -- review, history, one entry ------------------------------------------------------------


def test_review(snap_compare, still_app, install_test_pack, cbt_home: Path) -> None:
    """The last step of a resumed follow-up, answered, then Review."""
    install_test_pack("every-step.yaml")
    answers = {k: v for k, v in EVERYTHING_ANSWERS.items() if k != "learned"}
    waiting = everything_entry(
        status=EntryStatus.AWAITING_FOLLOWUP,
        completed_at=None,
        followup_due=at(16, 9, 0),
        answers=answers,
        position="learned",
    )
    write_entries(cbt_home, waiting)
    app = still_app()

    async def open_and_finish(pilot: Pilot) -> None:
        waiting_list = pilot.app.screen.query_one("#open-entries")
        waiting_list.focus()
        waiting_list.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert position(pilot) == "learned"
        await type_text(pilot, "Thoughts are not facts")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(open_and_finish))


def test_history_two_entries(snap_compare, still_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("every-step.yaml")
    write_entries(cbt_home, everything_entry(), craving_entry())
    app = still_app()

    async def check(pilot: Pilot) -> None:
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert pilot.app.screen.query_one("#entries").row_count == 2

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(press_h, check))


def open_recent(index: int):
    """One entry in full, from Home's "Recently" list (History shows the same screen)."""

    async def action(pilot: Pilot) -> None:
        recent = pilot.app.screen.query_one("#recent")
        recent.focus()
        recent.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EntryScreen)

    return action


def test_entry_detail(snap_compare, still_app, install_test_pack, cbt_home: Path) -> None:
    """History, Enter on the newest entry."""
    install_test_pack("every-step.yaml")
    write_entries(cbt_home, everything_entry(), craving_entry())
    app = still_app()

    async def open_newest(pilot: Pilot) -> None:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, EntryScreen)
        assert pilot.app.screen.entry_id == everything_entry().id

    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(press_h, open_newest))


def test_entry_detail_craving_surf(snap_compare, still_app, cbt_home: Path) -> None:
    """Home's "Recently", the second entry: a stored urge wave drawn in history."""
    write_entries(cbt_home, everything_entry(), craving_entry())
    app = still_app()
    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(open_recent(1)))


def test_step_ratings_under_no_color(snap_compare, every_step_app, clock, monkeypatch) -> None:
    """Without colour, the focused rating and each value must still be plain to see."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = every_step_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=scenario(run_to(clock, "feelings")))
