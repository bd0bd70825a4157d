"""`options_from: PACK/LIST`: a step may use a list of a built-in pack, worded once there."""

from __future__ import annotations

from pathlib import Path

from cbt_tui.domain.packs.models import as_option
from cbt_tui.packs.loader import load_pack

PACK = """\
format: 1
id: clinic
title: Clinic pack
version: 1.0.0
lists:
  feelings: [calm, tense]
exercises:
  - id: check
    title: Check
    kind: skill
    summary: A check.
    steps:
      - id: traps
        type: choice
        multiple: true
        options_from: {name}
      - id: feelings
        type: ratings
        options_from: feelings
"""


def write_pack(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "clinic.yaml"
    path.write_text(PACK.format(name=name), encoding="utf-8")
    return path


def test_a_step_uses_a_builtin_packs_list_as_it_is_worded_there(tmp_path: Path) -> None:
    core = load_pack(Path(__file__).resolve().parents[1] / "exercises" / "core").pack
    result = load_pack(write_pack(tmp_path, "core/thinking_traps"))
    assert result.errors == []
    pack = result.pack
    step = pack.exercise("check").step("traps")
    assert pack.options_of(step) == [as_option(item) for item in core.lists["thinking_traps"]]
    assert set(pack.lists) == {"feelings", "core/thinking_traps"}


def test_a_misspelt_or_not_builtin_shared_list_is_one_located_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "core/thinking_trap")
    result = load_pack(path)
    assert result.pack is None
    assert [str(e) for e in result.errors] == [
        f"{path}:16:23: exercises[0].steps[0].options_from: unknown list 'core/thinking_trap', "
        "did you mean 'core/thinking_traps'?"
    ]
    other = load_pack(write_pack(tmp_path, "other-clinic/feelings"))  # only built-in packs lend lists
    assert other.pack is None and "unknown list 'other-clinic/feelings'" in str(other.errors[0])
