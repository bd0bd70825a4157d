"""The journal store: the only code in the project that touches TinyDB or the data files.

    store = open_store()              # the data home, or open_store(path)
    entry = store.save(entry)         # drafts, follow-ups and finished entries alike
    store.drafts(), store.recent(), store.history(since=..., exercise=...)

Writes are blocking and thread-safe: call them from worker threads. Failures raise a
`StoreError` whose text tells the user what happened and what to do; nothing is
half-written, so keep the entry in memory and offer to retry.
"""

from cbt_tui.store.errors import (
    BadFile,
    DiskFull,
    LockTimeout,
    NewerStore,
    NotWritable,
    StoreError,
    StoreProblem,
)
from cbt_tui.store.store import PackRecord, RestoreReport, Store, open_store

__all__ = [
    "BadFile",
    "DiskFull",
    "LockTimeout",
    "NewerStore",
    "NotWritable",
    "PackRecord",
    "RestoreReport",
    "Store",
    "StoreError",
    "StoreProblem",
    "open_store",
]
