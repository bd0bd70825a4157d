"""Shared fixtures. Every test runs with its own data home, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def cbt_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CBT_HOME at a fresh folder so no test touches real data."""
    home = tmp_path / "home"
    monkeypatch.setenv("CBT_HOME", str(home))
    return home
