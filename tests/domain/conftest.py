"""Real pack models for the headless run tests: small YAML packs written under tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cbt_tui.domain.packs.models import Pack
from cbt_tui.packs.loader import load_pack


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., Pack]:
    """Write a pack file (YAML text, dedented) and load it as the app does."""

    def load(text: str, name: str = "pack.yaml") -> Pack:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        result = load_pack(path)
        assert result.pack is not None and not result.errors, [str(e) for e in result.errors]
        return result.pack

    return load
