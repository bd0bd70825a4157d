"""The moment of a craving: `c` and one digit start the timer; the timer's own keys; its
end words; and a craving timer that survives a quit. The real app on a real store under
tmp_path, the clock injected (`clock`), no fixed sleeps."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pytest
from pilot_helpers import resume_from_home, settle, store_at
from textual.clock import MockClock
from textual.content import Content
from textual.widgets import Static

from cbt_tui.tui.screens.confirm import ConfirmScreen
from cbt_tui.tui.screens.coping_card import CopingCardScreen
from cbt_tui.tui.screens.runner import RunnerScreen
from cbt_tui.tui.widgets.chart import UrgeChart
from cbt_tui.tui.widgets.steps.timer import TimerStepView


def shown(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


def footer_actions(app) -> set[str]:
    return {b.binding.action for b in app.screen.active_bindings.values() if b.enabled and b.binding.show}


async def move(app, pilot, clock: MockClock, seconds: float) -> None:
    clock.set_time(clock.time + seconds)
    app.screen.view.tick()
    await pilot.pause()


async def test_c_opens_the_timer_asking_the_urge_and_a_digit_starts_it(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        view = app.screen.view
        assert isinstance(view, TimerStepView)
        assert view.asking and view.asking_first and not view.timer.started
        assert shown(app, "#timer-check-prompt") == "How strong is the urge right now? 0-10"
        prompt = app.screen.query_one("#prompt")
        assert "F2" in prompt.source and "\n" not in prompt.source
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        assert sum("F2" in line or "wave" in line for line in lines[:6]) == 1  # one line at 80 columns
        await pilot.press("8")
        await pilot.pause()
        assert view.timer.running and not view.asking
        assert view.timer.checks == [{"at": 0, "value": 8}]
        assert view.query_one(UrgeChart).checks == [{"at": 0, "value": 8}]  # the opening rating on the chart
        await move(app, pilot, clock, 30)
        assert view.timer.elapsed == 30


async def test_c_and_a_digit_typed_at_once_at_launch_reach_the_opening_rating(make_app) -> None:
    """From the first frame: the packs may still be loading when `c` and `8` arrive."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "8")
        await settle(pilot)
        view = app.screen.view
        assert isinstance(view, TimerStepView)
        assert view.timer.running
        assert view.timer.checks == [{"at": 0, "value": 8}]


async def test_enter_starts_the_timer_without_an_opening_rating(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.view
        assert isinstance(app.screen, RunnerScreen) and view.timer.running and view.timer.checks == []


async def test_x_asks_once_and_f_shows_only_when_finishing_early_is_offered(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "7")
        await settle(pilot)
        view = app.screen.view
        assert "finish_early" not in footer_actions(app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert view.timer.running and app.focused is view
        await move(app, pilot, clock, 60)
        await pilot.press("2")
        await pilot.pause()
        assert "finish_early" in footer_actions(app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert view.timer.ended == "stopped"
        assert view.timer.checks == [{"at": 0, "value": 7}, {"at": 60, "value": 2}]


async def test_the_end_offers_another_wave_and_the_coping_card_one_key_away(make_app, clock: MockClock) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "9")
        await settle(pilot)
        view = app.screen.view
        await move(app, pilot, clock, 1200)
        assert view.timer.ended == "completed"
        assert shown(app, "#timer-state").startswith("Done. You rode it out.")  # the exercise's words
        assert {"another_wave", "coping_card"} <= footer_actions(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, CopingCardScreen)
        app.screen.dismiss()
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert view.timer.running and view.timer.ended is None
        assert view.timer.remaining == 1200
        await move(app, pilot, clock, 60)
        await pilot.press("5")
        await pilot.pause()
        assert view.timer.checks == [{"at": 0, "value": 9}, {"at": 1260, "value": 5}]


async def test_the_breathing_space_ends_in_its_own_neutral_words(make_app, clock: MockClock) -> None:
    app = make_app(start_exercise="recovery/breathing-space")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(5):
            if isinstance(app.screen.view, TimerStepView):
                break
            await pilot.press("ctrl+n")
            await settle(pilot)
        await move(app, pilot, clock, 60)
        words = shown(app, "#timer-state")
        assert words.startswith("Done. The time is up.")
        assert "rode it out" not in words and "surf" not in words
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.answers["noticing"]["ended"] == "completed"


async def test_a_craving_timer_survives_sigterm_and_resumes_where_it_was(make_app, clock: MockClock, cbt_home: Path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 45)
        app._close_on_signal(signal.SIGTERM)  # what SIGTERM runs
        await settle(pilot)
    surf = next(iter(store_at(cbt_home).drafts())).answers["surf"]
    assert surf["elapsed_seconds"] == 45 and surf["checks"] == [{"at": 0, "value": 8}]

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await resume_from_home(pilot)
        view = again.screen.view
        assert isinstance(view, TimerStepView)
        assert view.timer.elapsed == 45 and view.timer.paused
        assert shown(again, "#timer-state").startswith("Paused at 19:15 — p goes on, w starts a fresh wave.")
        await pilot.press("p")
        await move(again, pilot, clock, 15)
        assert view.timer.elapsed == 60 and view.asking  # the next check, where it was due
        await pilot.press("6")
        await pilot.pause()
        assert view.timer.checks == [{"at": 0, "value": 8}, {"at": 60, "value": 6}]


async def test_a_resumed_craving_timer_can_start_a_fresh_wave_keeping_its_checks(make_app, clock: MockClock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 300)
        await pilot.press("escape")  # a check is open: Esc skips it
        await pilot.press("escape")  # leave: kept as a draft
        await settle(pilot)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await resume_from_home(pilot)
        view = again.screen.view
        await pilot.press("w")
        await pilot.pause()
        assert view.timer.running and view.timer.remaining == 1200
        assert view.timer.checks == [{"at": 0, "value": 8}]


async def test_the_timer_keeps_elapsed_time_in_the_draft_as_it_runs(make_app, clock: MockClock, cbt_home: Path):
    """Every few seconds of running time reach the draft, not only at a rating or a quit."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await move(app, pilot, clock, 10)
        kept = app.drafts.unsaved() or store_at(cbt_home).drafts()[0]
        assert kept.answers["surf"]["elapsed_seconds"] >= 10
        app.exit()


def test_c_and_8_in_one_burst_on_a_real_terminal_start_the_countdown(cbt_home: Path) -> None:
    """As tmux `send-keys c 8` delivers them, the moment Home shows: both reach the app
    before it handles the first, and the 8 is still the opening rating."""
    import sys

    from pilot_helpers import Terminal

    terminal = Terminal([sys.executable, "-m", "cbt_tui"], cbt_home)
    try:
        terminal.wait_for(b"Craving now")
        terminal.send(b"c8")
        terminal.wait_for(b"Running")
        terminal.send(b"\x1b")  # leave: the draft keeps the rating
        terminal.wait_for(b"Pick up")
        terminal.send(b"\x11")  # Ctrl+Q
        assert terminal.finish() == 0
    finally:
        terminal.close()
    surf = store_at(cbt_home).drafts()[0].answers["surf"]
    assert surf["checks"] == [{"at": 0, "value": 8}]


async def test_when_the_packs_cannot_be_read_the_keys_after_c_are_not_kept(make_app, monkeypatch) -> None:
    import cbt_tui.packs.catalog

    def broken():
        raise OSError("the disk went away")

    monkeypatch.setattr(cbt_tui.packs.catalog, "load_catalog", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        assert not app.check_action("keep_craving_key", ())  # digits and Enter work as ever


def _fill_the_cache(home: Path) -> None:
    from cbt_tui.packs.cache import write_listing
    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.paths import pack_folders

    write_listing(home, pack_folders(), load_catalog())


def test_with_the_cache_c_and_8_start_the_countdown_before_any_pack_is_read(cbt_home: Path, tmp_path: Path) -> None:
    """On a real terminal, with the packs as they were last validated: `c` `8` at launch
    start the countdown while ruamel cannot even be imported (no pack is read until the
    timer runs); the packs are read afterwards, and the draft keeps the 8."""

    from pilot_helpers import Terminal, holding_import

    _fill_the_cache(cbt_home)
    release = tmp_path / "let-ruamel-in"
    terminal = Terminal(holding_import("ruamel", release), cbt_home)
    try:
        terminal.wait_for(b"Craving now")
        terminal.send(b"c8")
        terminal.wait_for(b"Running")  # before: it never shows, the catalog waits for ruamel
        release.touch()
        terminal.send(b"\x1b")  # leave: the draft keeps the rating
        terminal.wait_for(b"Pick up")
        terminal.send(b"\x11")  # Ctrl+Q
        assert terminal.finish() == 0
    finally:
        release.touch()
        terminal.close()
    surf = store_at(cbt_home).drafts()[0].answers["surf"]
    assert surf["checks"] == [{"at": 0, "value": 8}]


@pytest.fixture
def cached(cbt_home: Path) -> None:
    """The catalog cache as the last start left it."""
    _fill_the_cache(cbt_home)


@pytest.fixture
def held_catalog(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real catalog, held back until the event is set."""
    import cbt_tui.packs.catalog

    go = threading.Event()
    load = cbt_tui.packs.catalog.load_catalog

    def later_catalog():
        go.wait(30)
        return load()

    monkeypatch.setattr(cbt_tui.packs.catalog, "load_catalog", later_catalog)
    return go


@pytest.fixture
def held(cached, held_catalog: threading.Event) -> threading.Event:
    """The real catalog held back, the cache filled before."""
    return held_catalog


async def until(pilot, condition, seconds: float = 20) -> None:
    """Until the condition holds (a bound against hanging, not a pause): `settle` would
    wait for the held catalog."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "it never happened"
        await pilot.pause(0.02)


async def test_c_opens_the_cached_craving_surf_while_the_packs_are_read(make_app, held) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "8")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.view is not None)
        await until(pilot, lambda: app.screen.view.timer.running)
        assert app.catalog is None  # still being read
        view = app.screen.view
        assert isinstance(view, TimerStepView) and view.timer.running
        assert view.timer.checks == [{"at": 0, "value": 8}]
        assert app.screen.run.exercise.id == "craving-surf" and app.screen.run.pack.id == "core"
        held.set()
        await settle(pilot)
        assert app.catalog is not None and app.screen is view.screen  # the timer runs on, not opened again
        assert sum(isinstance(screen, RunnerScreen) for screen in app.screen_stack) == 1


async def test_with_a_stale_cache_c_opens_the_shipped_craving_surf_at_once(make_app, cbt_home: Path, held) -> None:
    """A pack installed since the cache was written: the cache is not trusted, its copy
    of the craving pack included, and `c` `8` start the built-in craving surf as shipped
    (checked against its YAML: `c` opens it whatever is installed) while the packs are
    read, rather than after them (about 1.4 s with 10,000 entries)."""
    import json

    from cbt_tui.packs.cache import CACHE_FILE

    cache = cbt_home / CACHE_FILE
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["craving"]["pack"] = data["craving"]["pack"].replace('"Craving surf"', '"Stale surf"')
    cache.write_text(json.dumps(data), encoding="utf-8")
    packs = cbt_home / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.yaml").write_text(
        "format: 1\nid: mine\ntitle: My pack\nversion: 1.0.0\nexercises:\n"
        "  - id: walk\n    title: Evening walk\n    kind: skill\n    summary: A walk.\n"
        "    steps:\n      - type: info\n        text: Walk 10 minutes.\n"
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "8")
        await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.view is not None)
        await until(pilot, lambda: app.screen.view.timer.running)
        assert app.catalog is None  # still being read
        assert app.screen.run.exercise.title == "Craving surf" and app.screen.run.pack.id == "core"
        assert app.screen.view.timer.checks == [{"at": 0, "value": 8}]
        held.set()
        await settle(pilot)
        assert sum(isinstance(screen, RunnerScreen) for screen in app.screen_stack) == 1


def test_the_cached_craving_pack_is_the_validated_one_number_keyed_labels_and_all(cbt_home: Path, cached) -> None:
    from cbt_tui.packs.cache import craving_exercise, craving_pack, read_listing
    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.paths import pack_folders

    folders = pack_folders()
    listing = read_listing(cbt_home, folders)
    assert listing is not None
    pack, exercise = craving_pack(listing, folders)
    validated_pack, validated_exercise = craving_exercise(load_catalog())
    assert pack.model_dump() == validated_pack.model_dump() and exercise.model_dump() == validated_exercise.model_dump()
    assert any(getattr(step, "labels", None) for e in pack.exercises for step in e.steps)  # number keys came back


async def test_on_a_brand_new_home_c_and_8_start_the_countdown_before_any_pack_is_read(
    make_app, cbt_home: Path, held_catalog: threading.Event
) -> None:
    """No catalog cache yet and nothing installed: `c` opens the built-in craving surf as
    validated when the package was made, while the packs are still being read."""
    from cbt_tui.packs.cache import CACHE_FILE

    go = held_catalog
    assert not (cbt_home / CACHE_FILE).exists()
    app = make_app()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "8")
            await until(pilot, lambda: isinstance(app.screen, RunnerScreen) and app.screen.view is not None)
            await until(pilot, lambda: app.screen.view.timer.running)
            assert app.catalog is None  # still being read
            assert app.screen.view.timer.checks == [{"at": 0, "value": 8}]
            assert app.screen.run.exercise.id == "craving-surf" and app.screen.run.pack.id == "core"
            go.set()
            await settle(pilot)
            assert sum(isinstance(screen, RunnerScreen) for screen in app.screen_stack) == 1
    finally:
        go.set()


async def test_back_from_a_craving_surf_opened_at_once_home_shows_its_top(make_app) -> None:
    """On a brand-new home `c` opens the timer before Home has its library; leaving it,
    Home is where it starts (the greeting and "Craving now" in view), not scrolled down to
    a list that took the focus while it was covered."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "8")
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#home").scroll_y == 0
        assert app.focused is not None
