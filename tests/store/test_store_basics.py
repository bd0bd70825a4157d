"""The Store's interface on real files: where entries go, what each view returns."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from store_helpers import START, make_entry, raw_documents
from tinydb import TinyDB

from cbt_tui.domain.entries import EntryStatus
from cbt_tui.store import Store, open_store
from cbt_tui.store.migrations import SCHEMA_VERSION


def test_a_new_store_is_private_plain_tinydb(store: Store, cbt_home: Path) -> None:
    store.save(make_entry())
    assert cbt_home.stat().st_mode & 0o777 == 0o700
    for folder in (cbt_home / "journal", cbt_home / "journal" / "index"):
        assert folder.stat().st_mode & 0o777 == 0o700
    files = [
        cbt_home / "state.json",
        cbt_home / "journal" / "2026-03.json",
        cbt_home / "journal" / "index" / "2026-03.json",
    ]
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600
        with TinyDB(path) as db:
            assert db.tables()
    with TinyDB(cbt_home / "state.json") as db:
        assert db.table("meta").all() == [{"schema_version": SCHEMA_VERSION}]


def test_draft_lives_in_state_and_moves_to_its_month_when_complete(store: Store, cbt_home: Path) -> None:
    draft = store.save(make_entry(status=EntryStatus.DRAFT, completed_at=None, position="emotions"))
    assert [e.id for e in store.drafts()] == [draft.id]
    assert not (cbt_home / "journal" / "2026-03.json").exists()

    done = store.save(draft.model_copy(update={"status": EntryStatus.COMPLETE}))
    assert store.drafts() == []
    assert store.get(draft.id) == done
    assert done.updated_at > draft.updated_at
    assert [doc["id"] for doc in raw_documents(cbt_home)] == [draft.id]
    with TinyDB(cbt_home / "journal" / "2026-03.json") as db:
        assert db.table("entries").all()[0]["status"] == "complete"


def test_save_replaces_by_id_and_follows_a_changed_start_month(store: Store, cbt_home: Path) -> None:
    entry = store.save(make_entry())
    moved = store.save(entry.model_copy(update={"started_at": START + timedelta(days=60), "answers": {"a": "new"}}))
    assert store.get(entry.id) == moved
    assert [(doc["id"], doc["answers"]) for doc in raw_documents(cbt_home)] == [(entry.id, {"a": "new"})]
    assert [s.id for s in store.history()] == [entry.id]


def test_reopening_a_finished_entry_makes_it_a_draft_again(store: Store, cbt_home: Path) -> None:
    entry = store.save(make_entry())
    store.save(entry.model_copy(update={"status": EntryStatus.DRAFT}))
    assert [e.id for e in store.drafts()] == [entry.id]
    assert len(raw_documents(cbt_home)) == 1


def test_awaiting_followup_soonest_first(store: Store) -> None:
    later = store.save(make_entry(1, status=EntryStatus.AWAITING_FOLLOWUP, followup_due=START + timedelta(days=9)))
    sooner = store.save(make_entry(2, status=EntryStatus.AWAITING_FOLLOWUP, followup_due=START + timedelta(days=3)))
    store.save(make_entry(3, status=EntryStatus.DRAFT))
    assert [e.id for e in store.awaiting_followup()] == [sooner.id, later.id]


def test_history_newest_first_with_filters(store: Store) -> None:
    entries = [
        store.save(make_entry(days, exercise=exercise))
        for days, exercise in [(0, "a"), (40, "b"), (80, "a"), (400, "a")]
    ]
    draft = store.save(make_entry(500, status=EntryStatus.DRAFT))
    assert [s.id for s in store.history()] == [draft.id] + [e.id for e in reversed(entries)]
    assert [s.id for s in store.history(exercise="a", since=START.date() + timedelta(days=1))] == [
        entries[3].id,
        entries[2].id,
    ]
    assert [s.id for s in store.history(until=date(2026, 4, 23))] == [entries[1].id, entries[0].id]
    assert [e.id for e in store.export_entries(exercise="b")] == [entries[1].id]
    assert [e.id for e in store.export_entries()][:2] == [entries[0].id, entries[1].id]


def test_recent_gives_the_newest_complete_entries(store: Store) -> None:
    saved = [store.save(make_entry(days)) for days in (0, 35, 70, 71, 72)]
    store.save(make_entry(90, status=EntryStatus.DRAFT))
    assert [e.id for e in store.recent(limit=2)] == [saved[4].id, saved[3].id]
    assert [e.id for e in store.recent()] == [e.id for e in reversed(saved)]


def test_contacts_packs_settings(store: Store, cbt_home: Path) -> None:
    store.set_contacts(
        [{"name": "Sam", "contact": "+1 555 0100", "note": "sponsor"}, {"name": "Ana", "contact": "ana@x"}]
    )
    assert store.contacts() == [
        {"name": "Sam", "contact": "+1 555 0100", "note": "sponsor"},
        {"name": "Ana", "contact": "ana@x", "note": ""},
    ]
    store.set_contacts([])
    assert store.contacts() == []

    store.record_pack("recovery-basics", "1.0.0", cbt_home / "packs" / "recovery-basics")
    store.record_pack("recovery-basics", "1.1.0", cbt_home / "packs" / "recovery-basics")
    store.record_pack("other", "0.1.0", cbt_home / "packs" / "other", installed_at=START)
    assert [(p.id, p.version) for p in store.installed_packs()] == [("recovery-basics", "1.1.0"), ("other", "0.1.0")]
    store.forget_pack("recovery-basics")
    assert [(p.id, p.installed_at) for p in store.installed_packs()] == [("other", START)]

    store.set_setting("theme", {"dark": True})
    store.set_setting("theme", "light")
    assert store.setting("theme") == "light"
    assert store.setting("missing", 7) == 7


def test_bad_contacts_and_settings_are_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.set_contacts([{"name": "", "contact": "x"}])
    with pytest.raises(ValueError):
        store.set_setting("when", START)


def test_two_stores_see_each_others_writes(cbt_home: Path) -> None:
    first, second = open_store(), open_store()
    draft = first.save(make_entry(status=EntryStatus.DRAFT))
    assert [e.id for e in second.drafts()] == [draft.id]
    second.save(draft.model_copy(update={"status": EntryStatus.COMPLETE}))
    assert first.drafts() == []
    assert [s.status for s in first.history()] == [EntryStatus.COMPLETE]
    first.set_setting("x", 1)
    assert second.setting("x") == 1


def test_threads_saving_at_once_lose_nothing(store: Store) -> None:
    def work(offset: int) -> None:
        for number in range(offset, offset + 15):
            saved = store.save(make_entry(number, status=EntryStatus.DRAFT))
            store.save(saved.model_copy(update={"status": EntryStatus.COMPLETE}))

    threads = [threading.Thread(target=work, args=(offset,)) for offset in (0, 100, 200, 300)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.history()) == 60
    assert store.drafts() == []


def test_a_stale_summary_is_rebuilt_from_its_month(store: Store, cbt_home: Path) -> None:
    first = store.save(make_entry(0))
    summary = cbt_home / "journal" / "index" / "2026-03.json"
    stale = summary.read_bytes()
    second = store.save(make_entry(1))
    summary.write_bytes(stale)  # as if a crash came between the month write and this one
    assert {s.id for s in open_store().history()} == {first.id, second.id}
    summary.write_text("{not json")
    assert {s.id for s in open_store().history()} == {first.id, second.id}


def test_copies_left_by_an_interrupted_move_resolve_to_the_newest(store: Store, cbt_home: Path) -> None:
    month = cbt_home / "journal" / "2026-03.json"
    entry = store.save(make_entry())
    old_month = month.read_bytes()
    draft = store.save(entry.model_copy(update={"status": EntryStatus.DRAFT}))
    month.write_bytes(old_month)  # crash after state.json got the draft, before the month lost it

    reopened = open_store()
    assert reopened.get(entry.id) == draft
    assert [e.id for e in reopened.drafts()] == [entry.id]
    assert [s.status for s in reopened.history()] == [EntryStatus.DRAFT]
    reopened.save(make_entry(5))
    assert sorted(doc["status"] for doc in raw_documents(cbt_home)) == ["complete", "draft"]


def test_an_interrupted_completion_shows_the_completed_copy(store: Store, cbt_home: Path) -> None:
    state = cbt_home / "state.json"
    draft = store.save(make_entry(status=EntryStatus.DRAFT))
    old_state = state.read_bytes()
    done = store.save(draft.model_copy(update={"status": EntryStatus.COMPLETE}))
    state.write_bytes(old_state)  # crash after the month got the entry, before state.json lost it

    reopened = open_store()
    assert reopened.drafts() == []
    assert reopened.get(draft.id) == done
    reopened.save(make_entry(40))
    assert [doc["status"] for doc in raw_documents(cbt_home)].count("draft") == 0
    assert json.loads(state.read_text())["open"] == {}


def test_invalid_entry_in_a_month_is_reported_and_left_alone(store: Store, cbt_home: Path) -> None:
    good = store.save(make_entry(0))
    month = cbt_home / "journal" / "2026-03.json"
    data = json.loads(month.read_text())
    data["entries"]["99"] = {"id": "01BROKEN", "started_at": "never"}
    month.write_text(json.dumps(data))
    reopened = open_store()
    assert [s.id for s in reopened.history()] == [good.id]
    assert f"{month}: entries[99].started_at: expected an ISO date-time; the file was left as it is." in [
        str(problem) for problem in reopened.check()
    ]
    reopened.save(make_entry(1))
    assert "01BROKEN" in month.read_text()


def test_backup_folder_copy_is_a_usable_home(store: Store, tmp_path: Path) -> None:
    entry = store.save(make_entry())
    copy = store.backup(tmp_path / "copy")
    shutil.rmtree(copy / "journal" / "index", ignore_errors=True)
    assert open_store(copy).get(entry.id) == entry
