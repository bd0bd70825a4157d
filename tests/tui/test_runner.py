"""The runner, driven by keys alone, through every step type to a saved entry."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_helpers import bring_followup_due, resume_from_home, settle, store_at, type_text
from textual.widgets import OptionList

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen


def step_id(app) -> str:
    return app.screen.run.step.id


async def next_step(pilot) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)


async def test_every_step_type_by_keyboard(make_app, install_test_pack, cbt_home: Path, clock) -> None:
    install_test_pack("every-step.yaml")
    app = make_app(start_exercise="every-step/everything")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.step.type == "info"
        await next_step(pilot)

        assert step_id(app) == "situation"
        await pilot.press("enter")  # required: refused with a message
        await settle(pilot)
        assert step_id(app) == "situation"
        assert "needs an answer" in str(app.screen.query_one("#problem").render())
        await type_text(pilot, "Alone at home")
        await pilot.press("enter")
        await settle(pilot)

        assert step_id(app) == "story"
        await type_text(pilot, "Line one\nLine two")
        await next_step(pilot)

        assert step_id(app) == "thoughts"
        await type_text(pilot, "I can't cope")
        await pilot.press("enter")
        await type_text(pilot, "Nobody cares")
        await pilot.press("enter")
        await next_step(pilot)

        assert step_id(app) == "belief"
        await pilot.press("6", "0", "right")  # 60, then one step (5) up
        await next_step(pilot)

        assert step_id(app) == "feelings"
        await pilot.press("7", "0", "tab", "2", "0")
        await type_text(pilot, "jittery", into=app.screen.query_one("#other"))
        await pilot.press("enter", "3", "5")
        await next_step(pilot)

        assert step_id(app) == "answer"
        await pilot.press("enter")  # the first radio button: "yes"
        await next_step(pilot)

        assert step_id(app) == "traps"
        await pilot.press("down", "space")  # mind-reading
        await type_text(pilot, "my own trap", into=app.screen.query_one("#other"))
        await next_step(pilot)

        assert step_id(app) == "plain"  # shown: answer equals "yes"
        await pilot.press("down", "enter")
        await next_step(pilot)

        assert step_id(app) == "surf"
        view = app.screen.view
        clock.advance(10) if hasattr(clock, "advance") else clock.set_time(clock.time + 10)
        view.tick()
        await pilot.pause()
        assert view.asking
        await pilot.press("5", "enter")
        clock.set_time(clock.time + 10)
        view.tick()
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("f")
        await next_step(pilot)

        assert step_id(app) == "later"
        entry_id = app.screen.run.entry.id
        await next_step(pilot)
        assert isinstance(app.screen, HomeScreen)
        waiting = app.screen.query_one("#open-entries", OptionList)
        assert "I've done it now" in str(waiting.get_option_at_index(0).prompt)  # not due for 30 minutes

        await bring_followup_due(pilot, cbt_home, entry_id)
        await resume_from_home(pilot)
        assert step_id(app) == "belief_after"
        assert "Before: 65" in str(app.screen.query_one("#scale-before").render())
        await pilot.press("3", "0")
        await next_step(pilot)

        assert step_id(app) == "feelings_after"
        rows = [str(r.option.value) for r in app.screen.view.query("RatingRow")]
        assert rows == ["anxious", "sad", "jittery"]
        await pilot.press("4", "0")
        await next_step(pilot)

        assert step_id(app) == "next_week"
        await next_step(pilot)
        await bring_followup_due(pilot, cbt_home, entry_id)
        await resume_from_home(pilot)

        assert step_id(app) == "learned"
        assert "I can't cope; Nobody cares" in app.screen.run.prompt()
        await type_text(pilot, "Thoughts are not facts")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    answers = dict(entry.answers)
    later, next_week = answers.pop("later"), answers.pop("next_week")
    assert later < next_week  # the times each follow-up fell due
    assert answers == {
        "situation": "Alone at home",
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
        "belief_after": 30,
        "feelings_after": {"anxious": 40},
        "learned": "Thoughts are not facts",
    }
    assert entry.prompts["learned"].startswith("You first thought 'I can't cope; Nobody cares'")


async def test_a_look_past_an_intro_page_keeps_no_draft(make_app, cbt_home: Path) -> None:
    """Nothing written, nothing kept: moving past an exercise's intro and leaving left an
    empty draft ("Pick up" on Home, and history enough to say "Welcome back")."""
    app = make_app(start_exercise="measures/craving-check")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("enter")  # past the intro
        await settle(pilot)
        assert app.screen.run.index == 1
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert store_at(cbt_home).drafts() == []


async def test_words_typed_and_then_deleted_are_gone_from_the_draft(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "kept at the bus stop")
        await settle(pilot)
        await pilot.press(*["backspace"] * len("kept at the bus stop"))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert "bus stop" not in json.dumps([d.answers for d in store_at(cbt_home).drafts()])
