"""A scored check-in by keys: the review shows the total with its band before saving,
and the entry in history shows the same, with what it flagged."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle, store_at

from cbt_tui.domain.entries import EntryScore
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.history import EntryScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen

#: The weekly recovery check answered by arrow keys: (step id, how many options down).
CHOICES = [("cravings", 2), ("low_mood", 3), ("sleep", 1), ("confidence", 1), ("support", 0), ("used", 1)]


def texts(screen, selector: str) -> list[str]:
    return [str(widget.render()) for widget in screen.query(selector)]


async def test_the_weekly_check_total_and_band_show_in_review_and_history(make_app, cbt_home: Path) -> None:
    app = make_app(start_exercise="measures/weekly-recovery-check")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chosen = dict(CHOICES)
        for _ in range(20):
            screen = app.screen
            if isinstance(screen, ReviewScreen):
                break
            assert isinstance(screen, RunnerScreen)
            step_id = getattr(screen.run.step, "id", None)
            if step_id in chosen:
                await pilot.press(*["down"] * chosen[step_id], "enter")
            await pilot.press("ctrl+n")
            await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        shown = texts(review, ".review-prompt, .review-answer")
        # strong (2) + every day (3) + okay (1) + fairly sure (1) + most days (0) = 7
        assert shown[-4:] == [
            "Weekly recovery check",
            "7 (Some strain)",
            "Worth talking about",
            "⚑ Used this week\n⚑ Felt low every day",
        ]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # a week with use offers the lapse response
        assert "I used. What now?" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        [entry] = [e for e in store_at(cbt_home).recent(1)]
        assert entry.scores == {"total": EntryScore(value=7, band="Some strain", missing=[])}
        assert entry.flags == ["Used this week", "Felt low every day"]
        app.push_screen(EntryScreen(entry.id))
        await settle(pilot)
        assert texts(app.screen, ".review-prompt, .review-answer")[-4:] == shown[-4:]
