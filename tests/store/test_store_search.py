"""The store's answer search keeps each month's searchable text in a private file beside
the month's summary, trusted only while it describes that very version of the month file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from store_helpers import make_entry

from cbt_tui.store import open_store


def search_file(home: Path) -> Path:
    return home / "journal" / "index" / "2026-03.search.json"


def test_a_search_index_is_kept_private_and_read_by_the_next_process(cbt_home: Path) -> None:
    party = open_store().save(make_entry(0, answers={"situation": "At Sam's PARTY"}))
    open_store().save(make_entry(1, answers={"situation": "A quiet evening"}))
    assert [row.id for row in open_store().search("party")] == [party.id]
    index = search_file(cbt_home)
    assert stat.S_IMODE(index.stat().st_mode) == 0o600

    kept = json.loads(index.read_text())  # a later process reads this file, not the month's answers
    kept["texts"]["1"][party.id] = "zebra"
    index.write_text(json.dumps(kept))
    assert [row.id for row in open_store().search("ZEBRA")] == [party.id]


def test_a_search_index_that_no_longer_describes_its_month_is_rebuilt(cbt_home: Path) -> None:
    party = open_store().save(make_entry(0, answers={"situation": "At Sam's PARTY"}))
    assert [row.id for row in open_store().search("party")] == [party.id]
    kept = json.loads(search_file(cbt_home).read_text())
    kept["texts"]["1"][party.id] = "zebra"

    later = open_store().save(make_entry(1, answers={"situation": "the party again"}))
    search_file(cbt_home).write_text(json.dumps(kept))  # as a crash could leave it: older than the month
    assert {row.id for row in open_store().search("party")} == {party.id, later.id}
    assert open_store().search("zebra") == []
