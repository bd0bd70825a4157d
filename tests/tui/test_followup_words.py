"""A follow-up reads as ahead or behind, from now (issue 16, point 10), and its wait can
be chosen where the pack offers a choice (`after_options`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pilot_helpers import settle, store_at
from textual.widgets import OptionList, RadioButton, Static

from cbt_tui.domain.answers import due_words
from cbt_tui.domain.entries import Entry, EntryStatus, now
from cbt_tui.packs.loader import load_pack
from cbt_tui.tui.screens.home import HomeScreen

MOMENT = datetime(2026, 12, 7, 21, 0, tzinfo=UTC)  # a Monday evening

PACK = """\
format: 1
id: waits
title: Waits
version: 1.0.0
exercises:
  - id: plan
    title: A plan to try
    kind: behavioral_experiment
    summary: Plan it, try it, look back.
    steps:
      - {type: text, id: plan, prompt: What will you try?}
      - {type: followup, id: wait, after: 1 day, after_options: [1 hour, 3 days]}
      - {type: text, id: result, prompt: How did it go?}
"""


def test_due_words_read_ahead_and_behind() -> None:
    at = MOMENT.replace
    assert due_words(at(hour=21, minute=30), MOMENT) == "due today, 21:30"
    assert due_words(at(day=8, minute=30), MOMENT) == "due tomorrow, Tue 08 Dec, 21:30"
    assert due_words(at(day=10, hour=9), MOMENT) == "due Thu 10 Dec, 09:00"
    assert due_words(at(hour=8, minute=45), MOMENT) == "due since today, 08:45"
    assert due_words(at(day=6, minute=30), MOMENT) == "due since yesterday, Sun 06 Dec, 21:30"
    assert due_words(at(day=1), MOMENT) == "due since Tue 01 Dec, 21:00"


def test_a_pack_offers_waits_that_are_real_durations(tmp_path: Path) -> None:
    good = tmp_path / "waits.yaml"
    good.write_text(PACK, encoding="utf-8")
    result = load_pack(good)
    assert not result.errors
    assert result.pack.exercise("plan").step("wait").waits == ["1 day", "1 hour", "3 days"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(PACK.replace("[1 hour, 3 days]", "[1 hour, soon]"), encoding="utf-8")
    errors = [str(e) for e in load_pack(bad).errors]
    assert len(errors) == 1 and "after_options[1]" in errors[0] and "'soon' is not a duration" in errors[0]


def waiting_entry(due: datetime) -> Entry:
    return Entry(
        pack="waits",
        pack_version="1.0.0",
        exercise="plan",
        exercise_title="A plan to try",
        kind="behavioral_experiment",
        status=EntryStatus.AWAITING_FOLLOWUP,
        started_at=due - timedelta(days=1),
        updated_at=due - timedelta(days=1),
        followup_due=due,
        answers={"plan": "Go to the meeting", "wait": due.isoformat()},
        position="result",
    )


async def test_home_says_due_tomorrow_or_due_since(make_app, cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True)
    (cbt_home / "packs" / "waits.yaml").write_text(PACK, encoding="utf-8")
    ahead = (now() + timedelta(days=1)).replace(second=0, microsecond=0)
    behind = (now() - timedelta(days=3)).replace(second=0, microsecond=0)
    store_at(cbt_home).import_entries([waiting_entry(ahead), waiting_entry(behind)])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        waiting = app.screen.query_one("#open-entries", OptionList)
        rows = [str(waiting.get_option_at_index(i).prompt) for i in range(waiting.option_count)]
        assert any(f"follow-up due tomorrow, {ahead:%a %d %b, %H:%M} · I've done it now" in row for row in rows), rows
        assert any(row.endswith(f"follow-up due since {behind:%a %d %b, %H:%M}") for row in rows), rows


async def test_the_wait_can_be_chosen_and_is_kept(make_app, cbt_home: Path) -> None:
    (cbt_home / "packs").mkdir(parents=True)
    (cbt_home / "packs" / "waits.yaml").write_text(PACK, encoding="utf-8")
    app = make_app(start_exercise="waits/plan")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"go to the meeting", "enter")
        await settle(pilot)
        assert app.screen.run.step.id == "wait"
        view = app.screen.view
        assert [str(b.label) for b in view.query(RadioButton)] == ["1 day", "1 hour", "3 days"]
        assert "due tomorrow, " in str(view.query_one("#followup-note", Static).render())
        view.query(RadioButton).last().value = True  # 3 days
        await pilot.pause()
        note = str(view.query_one("#followup-note", Static).render())
        assert "after 3 days" in note and "due " in note and "tomorrow" not in note
        entry_id = app.screen.run.entry.id
        before = now()
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    saved = store_at(cbt_home).get(entry_id)
    assert saved.status is EntryStatus.AWAITING_FOLLOWUP
    assert timedelta(days=3) <= saved.followup_due - before < timedelta(days=3, minutes=1)
    assert saved.prompts["wait"] == "Follow-up after 3 days"
