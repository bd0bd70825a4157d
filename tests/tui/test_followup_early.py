"""A follow-up done early: from Home, one that is not due yet can be done now ("I've
done it now"), and the entry notes that it was done early."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import resume_from_home, settle, store_at
from textual.widgets import OptionList

from cbt_tui.domain.answers import followup_text
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen


async def test_a_followup_not_yet_due_can_be_done_now_and_is_noted_as_early(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/later")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"it will go badly", "enter")
        await settle(pilot)
        assert app.screen.run.step.id == "wait"
        entry_id = app.screen.run.entry.id
        await pilot.press("ctrl+n")  # save for later: due in a day
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        waiting = app.screen.query_one("#open-entries", OptionList)
        row = waiting.get_option_at_index(0)
        assert "follow-up due tomorrow, " in str(row.prompt) and "I've done it now" in str(row.prompt)

        await resume_from_home(pilot)
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.run.step.id == "result"
        assert "did it early" in str(app.screen.query_one("#runner-notice").render())
        await pilot.press(*"it went fine", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)

    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    assert entry.answers["result"] == "it went fine"
    done = entry.followups_done["wait"]
    assert done < entry.followup_due
    assert "done early" in followup_text(entry.answers["wait"], done)
