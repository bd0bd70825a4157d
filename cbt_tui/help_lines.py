"""The help lines shipped with the app (`data/help-lines.toml`), read and checked.

The numbers live in that one file, each with the date it was checked, so they can be
kept current without touching code. A file that does not hold what Help now needs is
refused with one line naming the place and the problem, never half-read.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from cbt_tui.domain.safety import KINDS, HelpLine, HelpLines
from cbt_tui.domain.settings import REGIONS

HELP_LINES_FILE = Path(__file__).with_name("data") / "help-lines.toml"
_TEXT_FIELDS = ("region", "kind", "name", "contact", "hours", "note")


class HelpLinesError(ValueError):
    """The help-lines file could not be used; the text says where and why."""


@cache
def shipped_help_lines() -> HelpLines:
    """The lines shipped in the package (read once per process)."""
    return read_help_lines(HELP_LINES_FILE)


def read_help_lines(path: Path) -> HelpLines:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise HelpLinesError(f"{path}: could not read the help lines ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise HelpLinesError(f"{path}: not valid TOML ({error})") from None
    regions = data.get("regions")
    if not isinstance(regions, dict) or not regions:
        raise HelpLinesError(f"{path}: [regions]: expected a table of region codes and names")
    for code, name in regions.items():
        _check_region(path, "[regions]", code)
        if not isinstance(name, str) or not name.strip():
            raise HelpLinesError(f"{path}: [regions].{code}: expected the region's name as text")
    raw_lines = data.get("line")
    if not isinstance(raw_lines, list) or not raw_lines:
        raise HelpLinesError(f"{path}: [[line]]: expected at least one line")
    lines = tuple(_line(path, index, raw) for index, raw in enumerate(raw_lines))
    for code in regions:
        if not any(line.region == code and line.kind == "emergency" for line in lines):
            raise HelpLinesError(f"{path}: [regions].{code}: the region has no emergency line")
    return HelpLines(regions=dict(regions), lines=lines)


def _line(path: Path, index: int, raw: Any) -> HelpLine:
    where = f"line[{index}]"
    if not isinstance(raw, dict):
        raise HelpLinesError(f"{path}: {where}: expected a table")
    unknown = set(raw) - {*_TEXT_FIELDS, "checked"}
    if unknown:
        raise HelpLinesError(f"{path}: {where}: unknown key(s): {', '.join(sorted(unknown))}")
    for field in _TEXT_FIELDS:
        if not isinstance(raw.get(field), str):
            raise HelpLinesError(f"{path}: {where}.{field}: expected text")
    for field in ("region", "kind", "name", "contact"):
        if not raw[field].strip():
            raise HelpLinesError(f"{path}: {where}.{field}: must not be empty")
    _check_region(path, f"{where}.region", raw["region"])
    if raw["kind"] not in KINDS:
        raise HelpLinesError(f"{path}: {where}.kind: '{raw['kind']}' is not one of {', '.join(KINDS)}")
    checked = raw.get("checked")
    if type(checked) is not date:
        raise HelpLinesError(f"{path}: {where}.checked: expected the date it was checked, like 2026-12-01")
    return HelpLine(checked=checked, **{field: raw[field] for field in _TEXT_FIELDS})


def _check_region(path: Path, where: str, code: str) -> None:
    if code not in REGIONS:
        raise HelpLinesError(f"{path}: {where}: '{code}' is not a region code (two capital letters, or ZZ)")
