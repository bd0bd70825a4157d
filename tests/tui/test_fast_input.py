"""Fast input goes where it was typed: keys in a burst (a paste then a hotkey, `tmux
send-keys 'words' C-n`) land in the step they were typed in, and Tab or Down then digits
rate the item moved to. The stored answer of a step is everything typed before the key
that left it."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import burst, settle, store_at

from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen


async def test_words_then_next_in_one_burst_stay_in_their_step(make_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/words")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "some words", "ctrl+n", "a story", "ctrl+n", "first", "enter", "second", "enter", "third")
        assert app.screen.run.step.id == "thoughts"
        await burst(pilot, "ctrl+b", " told", "ctrl+b", " here", "enter", "ctrl+n", "ctrl+n")
        assert isinstance(app.screen, ReviewScreen)
        entry_id = app.screen.run.entry.id
        await burst(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)

    assert store_at(cbt_home).get(entry_id).answers == {
        "one": "some words here",
        "story": "a story told",
        "thoughts": ["first", "second", "third"],
    }


async def test_tab_or_down_then_digits_rate_the_item_moved_to(make_app, install_test_pack, cbt_home: Path) -> None:
    install_test_pack("typing.yaml")
    app = make_app(start_exercise="typing/numbers")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await burst(pilot, "4", "0", "enter", "7", "enter")
        assert app.screen.run.step.id == "feelings"
        await burst(pilot, "7", "0", "tab", "2", "0", "down", "5", "tab", "restless", "enter", "3", "enter")
        assert isinstance(app.screen, ReviewScreen)
        entry_id = app.screen.run.entry.id
        await burst(pilot, "ctrl+s")

    assert store_at(cbt_home).get(entry_id).answers == {
        "belief": 40,
        "urge": 7,
        "feelings": {"anxious": 70, "sad": 20, "angry": 5, "restless": 3},
    }
