"""Help now (F1) on the real app and a real store: the region's numbers in order, the
overdose steps in view at 80x24, the person's own people, its keys, and a busy store."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilot_helpers import settle, store_at, type_text
from textual.widgets import Digits, Input, OptionList, Static

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.store import open_store
from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.coping_card import CopingCardScreen
from cbt_tui.tui.screens.region import RegionScreen
from cbt_tui.tui.screens.runner import RunnerScreen
from cbt_tui.tui.screens.safety import SafetyScreen

US_NUMBERS = ("911", "988", "1-800-662-4357")


def set_region(home: Path, region: str) -> None:
    open_store(home).change_setting("region", region)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def people(screen) -> list[str]:
    options = screen.query_one("#my-people", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def whole_screen(screen) -> str:
    """Every text of Help now, top to bottom."""
    parts = [shown(screen, "#emergency-call"), shown(screen, "#overdose"), *people(screen)]
    parts += [shown(screen, "#pack-contacts"), str(screen.query_one("#lines-title").render()), shown(screen, "#lines")]
    return "\n".join(parts)


async def open_help_now(pilot) -> SafetyScreen:
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SafetyScreen)
    return screen


async def test_gb_shows_999_first_then_samaritans_and_no_us_number(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "GB")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert screen.query_one("#emergency-number", Digits).value == "999"
        text = whole_screen(screen)
        assert text.index("call emergency services now: 999") < text.index("Samaritans  116 123")
        assert text.index("Samaritans") < text.index("FRANK  0300 123 6600")
        for number in US_NUMBERS:
            assert number not in text, number


async def test_us_shows_911_then_988(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "US")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert screen.query_one("#emergency-number", Digits).value == "911"
        text = whole_screen(screen)
        assert text.index("911") < text.index("988 Suicide & Crisis Lifeline  988") < text.index("SAMHSA")
        assert "not a crisis line" in text
        assert "999" not in text and "116 123" not in text


async def test_somewhere_else_shows_112_and_findahelpline(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "other")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert screen.query_one("#emergency-number", Digits).value == "112"
        text = whole_screen(screen)
        assert "works on mobile phones in many countries" in text
        assert "findahelpline.com" in text
        assert "911" not in text


async def test_without_a_region_every_emergency_number_and_how_to_choose(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert not screen.query_one("#emergency-number", Digits).display  # no guessed number, large
        call = shown(screen, "#emergency-call")
        for region_number in ("United States 911", "United Kingdom 999", "Australia 000", "Somewhere else 112"):
            assert region_number in call
        assert "Press r to choose where you are" in call


async def test_the_overdose_steps_are_in_view_under_the_emergency_line_at_80x24(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "AU")
    store = open_store(cbt_home)
    store.set_contacts([{"name": f"Friend {n}", "contact": f"0400 000 00{n}", "note": ""} for n in range(6)])
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        emergency, overdose = screen.query_one("#emergency"), screen.query_one("#overdose")
        footer_top = 24 - 1
        assert emergency.region.y == 0
        assert emergency.region.bottom <= overdose.region.y
        assert overdose.region.bottom <= footer_top  # all of it, without scrolling
        text = shown(screen, "#overdose")
        for phrase in ("Opioids", "naloxone", "on their side", "2-3 minutes", "Stimulants", "seizure", "Alcohol"):
            assert phrase in text
        assert screen.query_one("#safety").scroll_y == 0


async def test_focus_lands_on_the_first_thing_to_act_on(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert pilot.app.focused is screen.query_one("#my-people", OptionList)
        await pilot.press("enter")  # "+ Add someone you trust"
        await settle(pilot)
        assert pilot.app.focused is screen.query_one("#person-name", Input)


async def test_adding_a_person_by_keys_and_they_come_before_pack_contacts_and_lines(
    make_app, install_test_pack, cbt_home: Path
) -> None:
    set_region(cbt_home, "NZ")
    install_test_pack("every-step.yaml")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Sam [/bold] (sponsor)")
        await pilot.press("enter")
        await type_text(pilot, "021 555 0101")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SafetyScreen)  # the letters went into the fields, not to keys
        assert people(screen)[0] == "Sam [/bold] (sponsor)  021 555 0101"
        packs = shown(screen, "#pack-contacts")
        assert packs.startswith("Crisis line  988") and "from Every step" in packs
        mine, pack, lines = (screen.query_one(s).region.y for s in ("#my-people", "#pack-contacts", "#lines"))
        assert screen.query_one("#emergency").region.bottom <= mine < pack < lines
    assert store_at(cbt_home).contacts() == [{"name": "Sam [/bold] (sponsor)", "contact": "021 555 0101", "note": ""}]


async def test_removing_a_person_asks_once(make_app, cbt_home: Path) -> None:
    store = open_store(cbt_home)
    store.set_contacts(
        [{"name": "Jo", "contact": "555-0111", "note": ""}, {"name": "Ray", "contact": "555-0122", "note": ""}]
    )
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        await pilot.press("delete")  # Jo is highlighted
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Remove Jo from your people?" in str(pilot.app.screen.query_one(Static).render())
        await pilot.press("n")
        await settle(pilot)
        assert [p.split("  ")[0] for p in people(screen)[:2]] == ["Jo", "Ray"]
        await pilot.press("delete", "y")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert people(screen)[0].startswith("Ray")
    assert [c["name"] for c in store_at(cbt_home).contacts()] == ["Ray"]


async def test_the_keys_craving_surf_coping_card_and_region_are_in_the_footer(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        footer_keys = {key.key for key in screen.query("FooterKey")}
        assert {"escape", "c", "m", "r", "a", "delete", "f1"} <= footer_keys
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunnerScreen)
        assert pilot.app.screen.run.exercise.id == "craving-surf"


def coping_card(**answers) -> Entry:
    when = datetime(2026, 11, 20, 19, 30, tzinfo=UTC)
    return Entry(
        pack="recovery",
        pack_version="1.0.0",
        exercise="coping-card",
        exercise_title="Coping card",
        kind="skill",
        status=EntryStatus.COMPLETE,
        started_at=when,
        updated_at=when,
        completed_at=when,
        answers=answers,
        prompts={key: f"Prompt for {key}" for key in answers},
    )


async def test_m_shows_the_latest_finished_coping_card(make_app, cbt_home: Path) -> None:
    older = coping_card(reasons=["an older card"])
    newest = coping_card(reasons=["my kids", "my health"], kind_words="This will pass.\x1b]0;x\x07")
    newest = newest.model_copy(update={"started_at": datetime(2026, 11, 25, 8, 0, tzinfo=UTC)})
    draft = coping_card(reasons=["not finished"]).model_copy(
        update={"status": EntryStatus.DRAFT, "completed_at": None, "started_at": datetime(2026, 11, 26, tzinfo=UTC)}
    )
    open_store(cbt_home).import_entries([older, newest, draft])
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_help_now(pilot)
        await pilot.press("m")
        await settle(pilot)
        card = pilot.app.screen
        assert isinstance(card, CopingCardScreen)
        text = "\n".join(str(s.render()) for s in card.query("#coping-card Static"))
        assert "my kids" in text and "my health" in text and "This will pass.␛]0;x␇" in text
        assert "an older card" not in text and "not finished" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SafetyScreen)


async def test_with_no_coping_card_m_offers_to_make_one(make_app) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_help_now(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert "You haven't made a coping card yet" in shown(pilot.app.screen, "#card-status")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RunnerScreen)
        assert pilot.app.screen.run.exercise.id == "coping-card"


async def test_r_changes_the_region_by_keys_and_it_is_stored(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "US")
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RegionScreen)
        await pilot.press("down", "down", "enter")  # from United States to United Kingdom
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.query_one("#emergency-number", Digits).value == "999"
        assert "Samaritans" in shown(screen, "#lines")
    assert store_at(cbt_home).settings().region == "GB"


async def test_the_region_picker_works_with_the_mouse_and_esc_changes_nothing(make_app) -> None:
    results: list[str | None] = []
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(RegionScreen(), results.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        pilot.app.push_screen(RegionScreen(), results.append)
        await settle(pilot)
        regions = pilot.app.screen.query_one("#regions", OptionList)
        await pilot.click(regions, offset=(3, 4))  # the fifth row: Australia
        await settle(pilot)
    assert results == [None, "AU"]


async def test_hostile_names_are_shown_as_text(make_app, cbt_home: Path) -> None:
    open_store(cbt_home).set_contacts([{"name": "[bold]Jo[/i] \x1b[2J", "contact": "555\x07", "note": "[link=x]"}])
    async with make_app().run_test(size=(80, 24)) as pilot:
        screen = await open_help_now(pilot)
        assert people(screen)[0] == "[bold]Jo[/i] ␛[2J  555␇  ·  [link=x]"


@pytest.mark.skipif(shutil.which("flock") is None, reason="needs flock(1)")
async def test_a_busy_store_is_a_plain_message_and_the_numbers_still_show(make_app, cbt_home: Path) -> None:
    set_region(cbt_home, "GB")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.store = open_store(cbt_home, lock_timeout=0.2)  # the real store, quicker to give up
        # flock(1) holds the lock for its child `sleep`: both in a session of their own, ended together
        holder = subprocess.Popen(["flock", str(cbt_home / ".store.lock"), "sleep", "60"], start_new_session=True)
        try:
            await _wait_for_lock(cbt_home)
            screen = await open_help_now(pilot)
            notice = shown(screen, "#safety-notice")
            assert screen.query_one("#safety-notice").display
            assert "could not be read just now" in notice and "held the journal's lock" in notice
            assert "call emergency services now" in shown(screen, "#emergency-call")
            assert "Opioids" in shown(screen, "#overdose")
            await pilot.press("a")  # people that could not be read are never overwritten
            await settle(pilot)
            assert not screen.query_one("#add-person").display
            await pilot.press("r", "down", "enter")
            await settle(pilot)
            assert "could not be saved just now" in shown(screen, "#safety-notice")
            assert pilot.app.is_running and pilot.app.screen is screen
        finally:
            os.killpg(holder.pid, signal.SIGKILL)
            holder.wait()
    assert store_at(cbt_home).settings().region == "GB"


async def _wait_for_lock(home: Path) -> None:
    """Until flock(1) holds the store's lock (a store with no patience says so)."""
    from cbt_tui.store import LockTimeout

    for _ in range(200):
        try:
            open_store(home, lock_timeout=0).settings()
        except LockTimeout:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("flock never took the lock")
