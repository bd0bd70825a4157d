"""Steps show what they refer to (issue 16, point 8): the thought record offers the
thoughts just listed to pick the hot thought from (writing one still works), and the
balanced thought shows both lists of facts; the cost-benefit's last step shows all
four boxes. Read-only: what is shown is not an answer of the step."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle
from textual.widgets import Input, RadioButton, Static

from cbt_tui.domain.run import new_entry
from cbt_tui.tui.screens.runner import RunnerScreen

THOUGHTS = ["I'll never get this right", "They think I'll use again"]


async def open_at(app, pilot, pack_id: str, exercise_id: str, position: str, answers: dict) -> RunnerScreen:
    pack, exercise = app.catalog.find(exercise_id, pack_id)
    entry = new_entry(pack, exercise)
    entry.answers.update(answers)
    entry.position = position
    app.open_entry(entry)
    await settle(pilot)
    assert isinstance(app.screen, RunnerScreen)
    assert app.screen.run.step.id == position
    return app.screen


def shown(screen) -> str:
    box = screen.query_one("#shown", Static)
    return str(box.render()) if box.display else ""


async def test_the_hot_thought_is_picked_from_the_thoughts_just_listed(make_app, cbt_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_at(
            app,
            pilot,
            "core",
            "thought-record",
            "hot_thought",
            {"situation": "At home", "automatic_thoughts": THOUGHTS},
        )
        radios = [str(button.label) for button in screen.view.query(RadioButton)]
        assert radios == THOUGHTS
        await pilot.press("down", "enter")  # the second thought
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.run.answers["hot_thought"] == THOUGHTS[1]
        assert THOUGHTS[1] in str(screen.run.prompt())  # "How much do you believe ...?"


async def test_a_hot_thought_can_still_be_written(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_at(app, pilot, "core", "thought-record", "hot_thought", {"automatic_thoughts": THOUGHTS})
        screen.view.query_one("#other", Input).value = "Nobody would miss me if I used"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.run.answers["hot_thought"] == "Nobody would miss me if I used"


async def test_the_balanced_thought_shows_both_lists(make_app, cbt_home: Path) -> None:
    answers = {
        "automatic_thoughts": THOUGHTS,
        "hot_thought": THOUGHTS[0],
        "evidence_for": ["I used last month"],
        "evidence_against": ["Six weeks sober before that", "I went to group twice"],
    }
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_at(app, pilot, "core", "thought-record", "balanced_thought", answers)
        text = shown(screen)
        assert f'What facts support "{THOUGHTS[0]}"?' in text
        assert "What facts don't fit with" in text
        for item in answers["evidence_for"] + answers["evidence_against"]:
            assert item in text
        box = screen.query_one("#shown")
        assert box.region.y < screen.view.region.y  # above where the answer is written
        assert screen.query_one("#step-scroll").scroll_y == 0  # the question stays in view at 80x24
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert "balanced_thought" not in screen.run.answers  # nothing shown became an answer


async def test_the_last_step_of_weighing_it_up_shows_all_four_boxes(make_app) -> None:
    boxes = {
        "good_using": ["It helps me relax"],
        "not_so_good_using": ["Lost my licence"],
        "good_not_using": ["My kids trust me"],
        "not_so_good_not_using": ["Evenings feel long"],
    }
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_at(app, pilot, "recovery", "cost-benefit", "stands_out", boxes)
        text = shown(screen)
        for items in boxes.values():
            assert items[0] in text
        assert text.index("It helps me relax") < text.index("Evenings feel long")  # in the order of the boxes


async def test_a_step_that_shows_nothing_has_no_box(make_app) -> None:
    app = make_app(start_exercise="core/thought-record")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(app.screen) == ""
