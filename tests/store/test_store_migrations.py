"""Schema versions: a store written before versioning (v0) is upgraded on open."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import UTC, timedelta
from pathlib import Path

from cbt_tui.store import open_store
from cbt_tui.store.migrations import MIGRATIONS, SCHEMA_VERSION, upgrade

V0 = Path(__file__).parent / "fixtures" / "v0"


def test_every_older_version_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_a_v0_store_is_upgraded_on_open(cbt_home: Path) -> None:
    shutil.copytree(V0, cbt_home)
    store = open_store()
    assert store.check() == []

    state = json.loads((cbt_home / "state.json").read_text())
    assert state["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    [draft] = store.drafts()
    assert draft.started_at.utcoffset() == timedelta(0) and draft.prompts == {} and draft.position is None
    surf = store.get("01JXV0DONE00000000000000001")
    assert surf.completed_at.tzinfo is not None and surf.answers == {"urge_before": 8, "urge_after": 3}
    untouched = store.get("01JXV0DONE00000000000000002")
    assert untouched.started_at.utcoffset() == timedelta(hours=2)
    assert [s.id for s in store.history()] == [draft.id, untouched.id, surf.id]
    assert store.contacts() == [{"name": "Sponsor", "contact": "+1 555 0100", "note": "any time"}]
    assert store.setting("theme") == "dark"

    backups = list((cbt_home / "backups").rglob("*.json"))
    assert {path.name for path in backups} == {"state.json", "2025-06.json"}
    assert "schema_version" not in next(p for p in backups if p.name == "state.json").read_text()


def test_migrations_are_idempotent_so_an_interrupted_upgrade_can_rerun(cbt_home: Path) -> None:
    tables = json.loads((V0 / "journal" / "2025-06.json").read_text())
    once = copy.deepcopy(tables)
    upgrade(once, 0)
    twice = copy.deepcopy(once)
    upgrade(twice, 0)
    assert once == twice != tables

    shutil.copytree(V0, cbt_home)
    (cbt_home / "journal" / "2025-06.json").write_text(json.dumps(once))  # upgraded before a crash
    store = open_store()
    assert len(store.history()) == 3 and store.check() == []
    assert store.get("01JXV0DONE00000000000000001").started_at.tzinfo == UTC
