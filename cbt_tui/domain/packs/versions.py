"""Semantic version precedence (semver.org §11), to tell an upgrade from a downgrade."""

from __future__ import annotations

from functools import total_ordering


@total_ordering
class Version:
    """A pack `version` that compares by precedence: 1.0.0-beta.2 < 1.0.0-rc.1 < 1.0.0.

    Build metadata (`+build.5`) is ignored, as semver says; the loader has already
    checked the text's shape.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        core, _, _build = text.partition("+")
        release, dash, pre = core.partition("-")
        self._release = tuple(int(part) for part in release.split("."))
        # A release ranks above every pre-release of it: (1,) > (0, ...).
        self._pre: tuple = (0, tuple(_identifier(part) for part in pre.split("."))) if dash else (1,)

    def _key(self) -> tuple:
        return (self._release, self._pre)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.text


def _identifier(part: str) -> tuple[int, int, str]:
    """Numeric identifiers compare as numbers and rank below alphanumeric ones."""
    return (0, int(part), "") if part.isdigit() else (1, 0, part)
