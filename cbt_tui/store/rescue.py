"""Rescue files: a draft kept beside the store when the store cannot take it.

When a draft cannot be saved at quit (the store's lock held by a stuck process, a full
disk, a read-only data home), the trainer calls `write_rescue`. It writes the entry as an
export file (what `cbt import` reads) straight into the data home, under a new name each
time (`rescue-YYYYMMDD-HHMMSS-XXXXXXXX.json`, 0600), without the store's lock: the lock
may be the very problem. The next launch finds them (`Store.rescues()`); once their
entries are in the store (`Store.take_rescue`, or `cbt import FILE`), a file is removed.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

from cbt_tui.domain.entries import Entry, now
from cbt_tui.store.errors import StoreError, os_failure
from cbt_tui.store.exchange import export_json
from cbt_tui.store.files import fsync_folder, make_private_folder, write_all
from cbt_tui.store.layout import RESCUE_PREFIX, RESCUE_SUFFIX


def write_rescue(entry: Entry, home: Path | None = None) -> Path:
    """Write `entry` to a new rescue file in `home` (default: the data home) and return
    its path; StoreError, saying what failed, when even that cannot be done.

    The copy is stamped as updated now, so that taking it back replaces the older copy
    the store may hold.
    """
    if home is None:
        from cbt_tui.paths import data_home

        home = data_home()
    stamp = now()
    payload = export_json([entry.touched(entry.updated_at)], stamp).encode("ascii")
    wanted = home / f"{RESCUE_PREFIX}{stamp:%Y%m%d-%H%M%S}{RESCUE_SUFFIX}"
    try:
        make_private_folder(home)
        fd, name = tempfile.mkstemp(prefix=f"{RESCUE_PREFIX}{stamp:%Y%m%d-%H%M%S}-", suffix=RESCUE_SUFFIX, dir=home)
    except OSError as error:
        raise _not_written(error, wanted) from None
    path = Path(name)
    try:
        try:
            write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_folder(home)
    except OSError as error:
        with suppress(OSError):
            path.unlink()
        raise _not_written(error, path) from None
    return path


def _not_written(error: OSError, path: Path) -> StoreError:
    reason = os_failure(error, path, "write the rescue file")
    return type(reason)(f"Not even a rescue file could be written: {reason}", path)
