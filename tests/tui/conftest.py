"""The real app under run_test, on a real store in tmp_path, with a clock the test moves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import PACKS
from textual.clock import MockClock

from cbt_tui.tui.app import TrainerApp


@pytest.fixture
def clock() -> MockClock:
    return MockClock(1000.0)


@pytest.fixture
def make_app(cbt_home: Path, clock: MockClock):
    def make(**kwargs) -> TrainerApp:
        return TrainerApp(home=cbt_home, now=lambda: clock.time, **kwargs)

    return make


@pytest.fixture
def install_test_pack(cbt_home: Path):
    """Copy a pack from tests/packs/valid into the data home's packs folder."""

    def install(name: str) -> None:
        target = cbt_home / "packs"
        target.mkdir(parents=True, exist_ok=True)
        source = PACKS / "valid" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)

    return install
