"""The package's prebuilt craving pack (`cbt_tui/packs/craving-pack.json`): current with
the built-in YAML, and the same pack the catalog validates."""

from __future__ import annotations

import json

from cbt_tui.packs import prebuilt


def test_the_shipped_file_is_what_the_yaml_builds_now() -> None:
    """Fails when the built-in craving surf's pack changed and the file was not made again
    (`make prebuilt`)."""
    assert prebuilt.PREBUILT_FILE.read_text(encoding="utf-8") == prebuilt.build()


def test_the_prebuilt_pack_is_the_one_the_catalog_validates() -> None:
    from cbt_tui.packs.cache import craving_exercise
    from cbt_tui.packs.catalog import load_catalog

    found = prebuilt.craving_pack()
    assert found is not None
    validated = craving_exercise(load_catalog())
    assert validated is not None
    assert found[0].model_dump() == validated[0].model_dump()
    assert found[1].model_dump() == validated[1].model_dump()


def test_a_changed_source_is_not_trusted(tmp_path, monkeypatch) -> None:
    data = json.loads(prebuilt.PREBUILT_FILE.read_text(encoding="utf-8"))
    data["source"] = "0" * 64
    changed = tmp_path / "craving-pack.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(prebuilt, "PREBUILT_FILE", changed)
    assert prebuilt.craving_pack() is None
