"""The safety steps of the built-in exercises, in the real runner at 80x24: what each
thinking trap means shows where it is picked, and feeling hopeless brings up Help now."""

from __future__ import annotations

from pilot_helpers import settle, type_text
from textual.widgets import Static

from cbt_tui.tui.screens.runner import RunnerScreen


async def answer_until(pilot, step_id: str) -> None:
    """Answer each step plainly (first option, a middle rating) until `step_id` is on screen."""
    for _ in range(30):
        screen = pilot.app.screen
        assert isinstance(screen, RunnerScreen)
        step = screen.run.step
        if getattr(step, "id", None) == step_id:
            return
        if step.type == "text":
            await type_text(pilot, "A thought")
        elif step.type == "scale":
            await pilot.press("5")
        elif step.type == "ratings":
            await pilot.press("end")
        elif step.type == "choice":
            await pilot.press("enter" if not step.multiple else "space")
        await pilot.press("ctrl+n")
        await settle(pilot)
    raise AssertionError(f"never reached {step_id}")


async def test_each_thinking_trap_shows_what_it_means_under_the_list_at_80x24(make_app) -> None:
    app = make_app(start_exercise="core/restructuring")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_until(pilot, "traps")
        for _ in range(10):  # down to "Personalising", the eleventh of twelve
            await pilot.press("down")
        await settle(pilot)
        help_box = app.screen.query_one("#option-help", Static)
        assert str(help_box.render()) == (
            "Blaming yourself for things that were not all down to you.\n"
            'For example: "My brother is using pills again, and it\'s my fault."'
        )
        visible = app.screen.query_one("#step-scroll").region
        assert visible.contains_region(help_box.region)


async def test_rating_hopeless_in_a_thought_record_points_to_help_now(make_app) -> None:
    app = make_app(start_exercise="core/thought-record")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_until(pilot, "emotions")
        hopeless = next(row for row in app.screen.query("RatingRow") if row.option.value == "hopeless")
        hopeless.scale.focus()
        await pilot.press("end")
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert screen.run.step.type == "info"
        assert "If you are thinking of ending your life or hurting yourself" in screen.run.prompt()
        await pilot.press("f1")
        await settle(pilot)
        assert type(app.screen).__name__ == "SafetyScreen"


async def test_the_breathing_space_timers_ask_nothing_of_the_breath(make_app) -> None:
    """No pacer and no "breathe slowly": the first part says you don't have to change anything."""
    app = make_app(start_exercise="recovery/breathing-space")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer_until(pilot, "noticing")
        view = app.screen.view
        assert not view.query("BreathPacer")
        assert str(view.query_one("#timer-calm", Static).render()) == "Breathe at your own pace."
        assert "You don't have to change anything" in app.screen.run.exercise.step("noticing").help
