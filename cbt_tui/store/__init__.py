"""The journal store: the only code in the project that touches TinyDB or the data files.

    store = open_store()              # the data home, or open_store(path)
    entry = store.save(entry)         # drafts, follow-ups and finished entries alike
    store.drafts(), store.recent(), store.history(since=..., exercise=...)
    store.discard(draft_id), store.delete(entry_id)   # gone from every file, backups too
    store.check()                     # problems found: files moved aside, a home others can read

When the store cannot take a draft (at quit, the lock held elsewhere, a full disk):

    path = write_rescue(entry, home)  # no lock; StoreError if even that fails
    store.rescues()                   # next launch: [Rescue(path, entries)], oldest first
    store.take_rescue(path)           # into the store, newer copy wins; the file goes

Writes are blocking and thread-safe: call them from worker threads. Failures raise a
`StoreError` whose text tells the user what happened and what to do; nothing is
half-written, so keep the entry in memory and offer to retry.
"""

from cbt_tui.store.errors import (
    BadFile,
    BadVersion,
    DiskFull,
    LockTimeout,
    NewerStore,
    NotWritable,
    StoreError,
    StoreProblem,
)
from cbt_tui.store.rescue import write_rescue
from cbt_tui.store.store import PackRecord, Rescue, RestoreReport, Store, open_store

__all__ = [
    "BadFile",
    "BadVersion",
    "DiskFull",
    "LockTimeout",
    "NewerStore",
    "NotWritable",
    "PackRecord",
    "Rescue",
    "RestoreReport",
    "Store",
    "StoreError",
    "StoreProblem",
    "open_store",
    "write_rescue",
]
