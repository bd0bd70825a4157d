"""The Progress screen (issue 13.4): `p` on Home and the palette open it; it shows a
seeded journal's practice days, craving peaks and before/after trends, with a summary
in words beside each picture; `r` and the tabs change the range."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import seeded_journal
from pilot_helpers import settle
from textual.widgets import Tabs

from cbt_tui.store import open_store
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.progress import ProgressScreen
from cbt_tui.tui.widgets.trends import PracticeCalendar, TrendChart

TODAY = date(2026, 11, 30)


def summaries(screen) -> str:
    return "\n".join(
        str(widget.render()) for widget in screen.query(".trend-summary, .trend-words, .section, .trend-label")
    )


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_p_on_home_shows_practice_cravings_and_before_after(make_app, cbt_home: Path, monkeypatch) -> None:
    import cbt_tui.tui.screens.progress as progress

    monkeypatch.setattr(progress, "local_today", lambda: TODAY)
    open_store(cbt_home).import_entries(seeded_journal(TODAY))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        words = flat(summaries(screen))
        for heading in ("Practice", "Days on track", "Cravings", "Check-in scores", "Before and after"):
            assert heading in words
        assert "Practised on 27 of 28 days (45 exercises finished)." in words
        assert "Days on track: 21 of the 23 days you checked in. 2 days with use: Fri 13 Nov, Sat 21 Nov." in words
        assert "Next milestone: 14 days, in 1 day: A trip to the cinema." in words
        assert "10 craving surfs. On average the urge peaked at" in words
        assert "The average wave:" in words
        assert "Thought record" in words and "Hot belief, rated 7 times" in words
        assert "Weekly recovery check, 4 times: latest" in words
        assert len(screen.query(PracticeCalendar)) == 1
        assert len(screen.query(TrendChart)) >= 4  # craving peaks, the score, two before/after measures
        assert "streak" not in words.lower()

        await pilot.press("r")  # 12 weeks
        await settle(pilot)
        assert app.screen.query_one(Tabs).active == "range-12"
        assert "Practised on 27 of 84 days" in flat(summaries(app.screen))
        await pilot.press("r")  # all: from the first entry
        await settle(pilot)
        assert app.screen.query_one(Tabs).active == "range-all"
        assert "Practised on 27 of 28 days" in flat(summaries(app.screen))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_opens_progress_and_an_empty_journal_is_told_kindly(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "Progress":
            await pilot.press(key)
        await settle(pilot)  # the palette searches in a worker
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert "Nothing finished in this range yet." in flat(
            summaries(app.screen) + str(app.screen.query_one(".hint").render())
        )


async def test_hostile_text_in_the_journal_shows_as_symbols(make_app, cbt_home: Path) -> None:
    """An imported entry's title, stored band and reward text never drive the terminal or
    break the screen's markup."""
    from datetime import datetime, timedelta

    from cbt_tui.domain.entries import Entry, EntryStatus

    hostile = "[/bold] \x1b]0;pwned\x07 [red]x"
    moment = datetime.now().astimezone() - timedelta(days=1)
    entries = [
        Entry(
            pack="gone",
            pack_version="1.0.0",
            exercise="check",
            exercise_title=hostile,
            kind="measure",
            status=EntryStatus.COMPLETE,
            started_at=moment,
            updated_at=moment,
            completed_at=moment,
            answers={"used_today": "no"},
            scores={"total": {"value": 3, "band": hostile}},
            flags=[hostile],
        ),
        Entry(
            pack="recovery-support",
            pack_version="1.0.0",
            exercise="reward-plan",
            exercise_title="Reward plan",
            kind="skill",
            status=EntryStatus.COMPLETE,
            started_at=moment,
            updated_at=moment,
            completed_at=moment,
            answers={"days_so_far": 2, "reward_7": hostile},
        ),
    ]
    open_store(cbt_home).import_entries(entries)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        words = summaries(app.screen)
        assert "\x1b" not in words and "␛]0;pwned␇" in words and "[/bold]" in words
        assert "latest 3 ([/bold] ␛]0;pwned␇ [red]x)" in flat(words)
