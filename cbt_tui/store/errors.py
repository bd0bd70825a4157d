"""What can go wrong with the store, said so that a person knows what to do next.

Every failure the caller can meet is a `StoreError`; its text names what happened, the
file, and the next step. A failed write changes nothing on disk, so the caller keeps the
entry in memory and offers to try again.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


class StoreError(Exception):
    """A store operation failed; `str(error)` is the message for the user."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class DiskFull(StoreError):
    """No space left: the write was abandoned before it replaced anything."""


class NotWritable(StoreError):
    """The data folder is read-only or not ours to write."""


class LockTimeout(StoreError):
    """Another process held the store's lock for too long."""


class NewerStore(StoreError):
    """The data was written by a newer version of the app."""


class BadVersion(StoreError):
    """A data file's version is not a version at all (edited by hand or damaged)."""


class BadFile(StoreError):
    """An import or backup file was refused whole; `problems` are `PATH: MESSAGE` lines."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems), path)
        self.problems = problems


_FULL = {errno.ENOSPC, errno.EDQUOT}
_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM}


def os_failure(error: OSError, path: Path, doing: str) -> StoreError:
    """Turn an OSError met while `doing` (e.g. "save to") `path` into a StoreError."""
    if error.errno in _FULL:
        return DiskFull(
            f"The disk is full: could not {doing} {path}. Nothing was changed; free some space and try again.",
            path,
        )
    if error.errno in _DENIED:
        return NotWritable(
            f"{path.parent} is read-only or not yours ({error.strerror}): could not {doing} "
            f"{path}. Nothing was changed; make the folder writable, or set CBT_HOME to one "
            "that is, and try again.",
            path,
        )
    return StoreError(
        f"Could not {doing} {path}: {error.strerror or error}. Nothing was changed; try again.",
        path,
    )


@dataclass(frozen=True)
class StoreProblem:
    """Something found wrong with a store file, and what was done about it."""

    path: Path
    reason: str
    moved_to: Path | None = None
    backup: Path | None = None

    @property
    def message(self) -> str:
        if self.moved_to is None:
            return f"{self.path}: {self.reason}."
        text = (
            f"{self.path} could not be read ({self.reason}). It was moved aside to "
            f"{self.moved_to}; nothing in it was overwritten."
        )
        if self.backup is None:
            return text + " There is no backup of it."
        return text + f" The newest backup is {self.backup}: `cbt restore {self.backup}` brings it back."

    def __str__(self) -> str:
        return self.message
