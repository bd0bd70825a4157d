"""Paths and small helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent
PACKS = TESTS / "packs"
