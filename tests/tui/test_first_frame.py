"""The first frame: the library and Home's rows above it come from the cache of the last
validated catalog (read without pydantic or ruamel); the packs are validated in a worker
afterwards and the cache replaced when anything changed."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pilot_helpers import settle
from textual.widgets import OptionList

import cbt_tui.packs.catalog
import cbt_tui.store
from cbt_tui.packs.cache import CACHE_FILE
from cbt_tui.tui.screens.home import HomeScreen

BROKEN = "format: 1\nid: broken\ntitle: Broken\nversion: 1.0.0\nexercises:\n  - id: x\n    promt: typo\n"
VALID = (
    "format: 1\nid: mine\ntitle: My pack\nversion: 1.0.0\nexercises:\n"
    "  - id: walk\n    title: Evening walk\n    kind: skill\n    summary: A walk.\n"
    "    steps:\n      - type: info\n        text: Walk 10 minutes.\n"
)


def library_ids(app) -> list[str | None]:
    options = app.screen.query_one("#library", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real catalog and store, each held back until the event is set: the test sees
    what the first frame draws before either arrives."""
    go = threading.Event()
    load, open_store = cbt_tui.packs.catalog.load_catalog, cbt_tui.store.open_store

    def later_catalog():
        go.wait(30)
        return load()

    def later_store(*args, **kwargs):
        go.wait(30)
        return open_store(*args, **kwargs)

    monkeypatch.setattr(cbt_tui.packs.catalog, "load_catalog", later_catalog)
    monkeypatch.setattr(cbt_tui.store, "open_store", later_store)
    return go


async def test_the_library_and_pick_up_show_from_the_cache_before_anything_is_read(
    make_app, cbt_home: Path, held: threading.Event
) -> None:
    held.set()
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:  # a start that fills the cache
        await settle(pilot)
        await pilot.press("c", "8")
        await settle(pilot)
        await pilot.press("escape")  # a check is not open: leave, kept as a draft
        await settle(pilot)
        wanted = library_ids(first)
        waiting = first.screen.query_one("#open-entries", OptionList)
        assert waiting.option_count == 1
        await settle(pilot)
    assert (cbt_home / CACHE_FILE).is_file()

    held.clear()
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        assert second.catalog is None and second.store is None  # nothing read yet
        assert library_ids(second) == wanted
        assert second.screen.query_one("#open-entries", OptionList).option_count == 1  # its place is drawn
        library_at = second.screen.query_one("#library").region.y
        held.set()
        await settle(pilot)
        assert second.catalog is not None and library_ids(second) == wanted
        assert second.screen.query_one("#library").region.y == library_at  # nothing jumped


async def test_a_changed_pack_is_validated_again_and_a_broken_one_still_shows_its_notice(
    make_app, cbt_home: Path
) -> None:
    packs = cbt_home / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.yaml").write_text(VALID)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    cached = json.loads((cbt_home / CACHE_FILE).read_text())
    assert "mine" in [pack["id"] for pack in cached["packs"]]

    (packs / "mine.yaml").write_text(BROKEN)  # another size: the cache no longer matches
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notices = str(again.screen.query_one("#notices").render())
        assert "A pack could not be loaded" in notices and "mine.yaml" in notices
    cached = json.loads((cbt_home / CACHE_FILE).read_text())
    assert "mine" not in [pack["id"] for pack in cached["packs"]] and cached["errors"]

    third = make_app(catalog=None)
    async with third.run_test(size=(80, 24)) as pilot:  # the broken pack's notice, from the cache
        assert "mine.yaml" in str(third.screen.query_one("#notices").render())
        await settle(pilot)


def test_reading_the_cache_imports_neither_pydantic_nor_ruamel(cbt_home: Path) -> None:
    from cbt_tui.packs.cache import write_listing
    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.paths import pack_folders

    folders = pack_folders()
    write_listing(cbt_home, folders, load_catalog())
    probe = (
        "import sys; from pathlib import Path; from cbt_tui.packs.cache import read_listing; "
        "from cbt_tui.paths import pack_folders; "
        f"listing = read_listing(Path({str(cbt_home)!r}), pack_folders()); "
        "assert listing is not None and listing.packs; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'ruamel', 'textual', 'tinydb')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_home_is_the_first_screen_with_nothing_drawn_under_it(make_app) -> None:
    """Home is the app's default screen: no blank screen is styled, laid out and drawn
    under it before the first frame (about 30 ms at a start)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen]


async def test_a_first_launch_leaves_homes_rows_for_the_next(make_app, cbt_home: Path) -> None:
    """On a first launch Home's rows (its greeting included) are known before the cache
    file exists: they were lost, and the next start drew the wrong greeting, then the
    right one two lines taller."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    cached = json.loads((cbt_home / CACHE_FILE).read_text())
    assert cached["home_rows"].get("welcome") is True
