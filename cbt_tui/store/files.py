"""The store's JSON files on disk: atomic replacement, private modes, change detection.

TinyDB's own JSONStorage rewrites a file in place, so a crash can leave it cut short.
Here every write goes to a temp file in the same folder, is fsynced, `os.replace`d over
the old one and the folder fsynced: a reader sees the old file or the new, never a mix.

Each write also stamps the file's mtime strictly after the previous version's, so
(inode, size, mtime_ns) changes on every write, even two in one clock tick; a process
compares that signature to its cached copy and re-reads what another process changed.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from cbt_tui.store.errors import StoreProblem, os_failure

_CACHED_FILES = 8
"""Parsed files kept in memory: state, the months being written or read, no more."""


@dataclass(frozen=True, slots=True)
class Signature:
    """Identifies one version of a file without reading it."""

    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Signature | None:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(info.st_ino, info.st_size, info.st_mtime_ns)

    def to_json(self) -> dict[str, int]:
        return {"ino": self.ino, "size": self.size, "mtime_ns": self.mtime_ns}


def make_private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents inside an existing one) as 0700."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        with suppress(FileExistsError):
            path.mkdir(mode=0o700)


def write_atomically(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `payload` in one step, as a 0600 file; raises OSError.

    With `durable`, the data and the rename are on disk before this returns.
    """
    previous = Signature.of(path)
    stamp = time.time_ns()
    if previous is not None and stamp <= previous.mtime_ns:
        stamp = previous.mtime_ns + 1
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            write_all(fd, payload)
            os.utime(fd, ns=(stamp, stamp))
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        fsync_folder(path.parent)


def write_all(fd: int, payload: bytes) -> None:
    """Write every byte to an open file (`os.write` may write only part)."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temp_files(folder: Path) -> None:
    """Delete temp files left by writers killed mid-write (call with the store lock held)."""
    if folder.is_dir():
        for leftover in folder.glob(".*.tmp"):
            with suppress(FileNotFoundError):
                leftover.unlink()


Encodings = dict[int, tuple[dict[str, Any], str]]
"""id(document) → (document, its JSON text), from the last write of one file."""


def encode(data: dict[str, Any], known: Encodings | None = None) -> tuple[bytes, Encodings]:
    """Compact ASCII JSON of TinyDB tables (so any Python string, even a lone surrogate,
    round-trips), and the encodings of its documents for the next write.

    Documents found in `known` (the very same objects) are not encoded again: a save
    re-encodes only the entries it changed, not its whole month. This is sound because
    the store never changes a document in place once written; it replaces it.
    """
    known = known or {}
    encodings: Encodings = {}
    tables = []
    for name, table in data.items():
        documents = []
        for doc_id, document in table.items():
            found = known.get(id(document))
            if found is None or found[0] is not document:
                found = (document, _dumps(document))
            encodings[id(document)] = found
            documents.append(f"{_dumps(doc_id)}:{found[1]}")
        tables.append(f"{_dumps(name)}:{{{','.join(documents)}}}")
    return ("{" + ",".join(tables) + "}").encode("ascii"), encodings


_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode


def is_tinydb_layout(data: Any) -> bool:
    """TinyDB's shape: {table: {doc_id: {field: value}}}."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values()
    )


def parse_store_json(raw: bytes) -> dict[str, Any] | None:
    """Parse a store file's bytes; None when empty; ValueError when it is not TinyDB JSON."""
    if not raw.strip():
        return None
    data = json.loads(raw)
    if not isinstance(data, dict) or not is_tinydb_layout(data):
        raise ValueError("not a TinyDB file: expected {table: {id: {...}}}")
    return data


class StoreFiles:
    """Reads and writes store files through a cache that notices other processes' writes.

    Call it only with the store lock held. A data file that does not parse is never
    overwritten: it is moved aside as `NAME.corrupt-TIMESTAMP` and reported in
    `problems`, and reads then treat it as missing. Derived files (the month
    summaries) are caches: unreadable means "rebuild", and they skip fsync and backups.
    """

    def __init__(
        self,
        before_change: Callable[[Path], None],
        newest_backup: Callable[[Path], Path | None],
        clock: Callable[[], datetime],
    ) -> None:
        self._before_change = before_change
        self._newest_backup = newest_backup
        self._clock = clock
        self._cache: OrderedDict[Path, tuple[Signature, dict[str, Any], Encodings]] = OrderedDict()
        self.problems: list[StoreProblem] = []

    def read(self, path: Path, *, derived: bool = False) -> dict[str, Any] | None:
        """The file's tables, or None when it is missing, empty or (moved aside) corrupt."""
        signature = Signature.of(path)
        if signature is None:
            self._cache.pop(path, None)
            return None
        cached = self._cache.get(path)
        if cached is not None and cached[0] == signature:
            self._cache.move_to_end(path)
            return cached[1]
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise os_failure(error, path, "read") from None
        try:
            data = parse_store_json(raw)
        except (ValueError, RecursionError) as error:
            if not derived:
                self._set_aside(path, str(error))
            return None
        if data is not None and not derived:
            self._remember(path, signature, data, {})
        return data

    def write(self, path: Path, data: dict[str, Any], *, derived: bool = False) -> None:
        """Atomically replace the file; StoreError (nothing changed) when that fails."""
        cached = self._cache.get(path)
        payload, encodings = encode(data, cached[2] if cached else None)
        try:
            if not derived:
                self._before_change(path)
            write_atomically(path, payload, durable=not derived)
        except OSError as error:
            self._cache.pop(path, None)
            raise os_failure(error, path, "write") from None
        if not derived and (signature := Signature.of(path)) is not None:
            self._remember(path, signature, data, encodings)

    def forget(self, path: Path) -> None:
        """Drop a cached copy that may have been changed in memory but not on disk."""
        self._cache.pop(path, None)

    @contextmanager
    def database(self, path: Path) -> Iterator[TinyDB]:
        """A TinyDB over `path` whose operations inside the block become one atomic write."""
        db = TinyDB(path, self, storage=AtomicJSONStorage)
        try:
            with cast(AtomicJSONStorage, db.storage).batch():
                yield db
        except BaseException:
            self.forget(path)
            raise

    def _remember(self, path: Path, signature: Signature, data: dict[str, Any], encodings: Encodings) -> None:
        self._cache[path] = (signature, data, encodings)
        self._cache.move_to_end(path)
        while len(self._cache) > _CACHED_FILES:
            self._cache.popitem(last=False)

    def _set_aside(self, path: Path, reason: str) -> None:
        moved_to = path.with_name(f"{path.name}.corrupt-{self._clock():%Y%m%dT%H%M%S%f}")
        try:
            os.replace(path, moved_to)
            fsync_folder(path.parent)
        except OSError as error:
            raise os_failure(error, path, "move aside the unreadable file") from None
        self._cache.pop(path, None)
        self.problems.append(StoreProblem(path, reason, moved_to, self._newest_backup(path)))


class AtomicJSONStorage(Storage):
    """TinyDB storage for one store file: atomic writes, re-reads after other processes.

    `read()` is None for a missing or empty file. Inside `batch()`, writes are kept in
    memory and land as one atomic replacement when the block ends without an error.
    """

    def __init__(self, path: Path, files: StoreFiles) -> None:
        super().__init__()
        self._path = path
        self._files = files
        self._batching = False
        self._pending: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._pending is not None:
            return self._pending
        return self._files.read(self._path)

    def write(self, data: dict[str, Any]) -> None:
        if self._batching:
            self._pending = data
        else:
            self._files.write(self._path, data)

    def close(self) -> None:
        """Nothing to release: no file stays open between operations."""

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._batching = True
        try:
            yield
        finally:
            self._batching = False
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._files.write(self._path, pending)


def replace_documents(table: Table, documents: list[dict[str, Any]], remove: Iterable[str] = ()) -> None:
    """Upsert documents by their "id" field and drop the ids in `remove`.

    Within `StoreFiles.database()` this is one write however many documents change.
    """
    replaced = {document["id"] for document in documents} | set(remove)
    stale = [document.doc_id for document in table.all() if document.get("id") in replaced]
    if stale:
        table.remove(doc_ids=stale)
    if documents:
        table.insert_multiple(documents)
