"""The file layer: encoding, change detection, the TinyDB storage on its own."""

from __future__ import annotations

import json
from pathlib import Path

from store_helpers import HOSTILE
from tinydb import TinyDB

from cbt_tui.store.files import AtomicJSONStorage, Signature, StoreFiles, encode, write_atomically


def test_encoding_matches_json_and_reuses_only_unchanged_documents() -> None:
    unchanged = {"text": HOSTILE, "surrogate": "\ud800"}
    data = {"entries": {"1": unchanged, "2": {"n": 1}}, "meta": {}}
    payload, known = encode(data)
    assert payload == json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    assert json.loads(payload) == data

    replaced = {"entries": {"1": unchanged, "3": {"n": 2}}}
    again, _ = encode(replaced, known)
    assert again == json.dumps(replaced, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def test_every_write_changes_the_signature_even_within_one_clock_tick(tmp_path: Path) -> None:
    path = tmp_path / "file.json"
    seen = set()
    for _ in range(50):
        write_atomically(path, b"{}", durable=False)
        seen.add(Signature.of(path))
    assert len(seen) == 50
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_storage_works_as_a_plain_tinydb_storage(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    files = StoreFiles(lambda _: None, lambda _: None, lambda: None)
    with TinyDB(path, files, storage=AtomicJSONStorage) as db:
        assert db.storage.read() is None
        db.insert({"a": 1})
        db.table("other").insert({"b": 2})
    with TinyDB(path) as plain:
        assert plain.all() == [{"a": 1}] and plain.table("other").all() == [{"b": 2}]
    path.write_text("")
    assert AtomicJSONStorage(path, files).read() is None


def test_a_batch_is_one_write_or_none(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    files = StoreFiles(lambda _: None, lambda _: None, lambda: None)
    with files.database(path) as db:
        db.table("a").insert({"x": 1})
        db.table("a").truncate()
        db.table("a").insert({"x": 2})
        assert not path.exists()
    assert json.loads(path.read_text()) == {"a": {"1": {"x": 2}}}
    try:
        with files.database(path) as db:
            db.table("a").insert({"x": 3})
            raise RuntimeError("interrupted")
    except RuntimeError:
        pass
    assert json.loads(path.read_text()) == {"a": {"1": {"x": 2}}}
    assert files.read(path) == {"a": {"1": {"x": 2}}}
