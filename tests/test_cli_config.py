"""`cbt config get | set | list` over the real store in CBT_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.store import open_store

runner = CliRunner()


def cbt(*args: str):
    return runner.invoke(app, list(args))


def test_list_shows_every_setting_with_its_default(cbt_home: Path) -> None:
    result = cbt("config", "list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["region=", "theme=", "reduced_motion=off", "name="]


@pytest.mark.parametrize(
    ("key", "typed", "stored", "shown"),
    [
        ("region", "GB", "GB", "GB"),
        ("region", "uk", "GB", "GB"),
        ("region", "other", "ZZ", "ZZ"),
        ("theme", "high-contrast", "high-contrast", "high-contrast"),
        ("reduced_motion", "on", True, "on"),
        ("name", "  Alex   R. ", "Alex R.", "Alex R."),
    ],
)
def test_set_stores_the_value_and_get_prints_it(cbt_home: Path, key: str, typed: str, stored, shown: str) -> None:
    result = cbt("config", "set", key, typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{key}={shown}\n"
    assert getattr(open_store(cbt_home).settings(), key) == stored
    assert cbt("config", "get", key).stdout == f"{shown}\n"


def test_none_unsets_and_get_prints_nothing(cbt_home: Path) -> None:
    assert cbt("config", "set", "region", "AU").exit_code == 0
    result = cbt("config", "set", "region", "none")
    assert (result.exit_code, result.stdout) == (0, "region=\n")
    assert open_store(cbt_home).settings().region is None
    assert cbt("config", "get", "region").stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("get", "colour"), "unknown setting 'colour'; settings: region, theme, reduced_motion, name"),
        (("set", "colour", "red"), "unknown setting 'colour'; settings: region, theme, reduced_motion, name"),
        (("set", "region", "Narnia"), "region: 'Narnia' is not a region code; use two letters like US, GB or AU"),
        (("set", "reduced_motion", "maybe"), "reduced_motion: expected on or off, got 'maybe'"),
        (("set", "theme", "sparkly"), "theme: 'sparkly' is not a theme; themes: textual-dark"),
    ],
)
def test_an_unknown_key_or_value_is_one_line_exit_1_and_nothing_changes(
    cbt_home: Path, args: tuple[str, ...], message: str
) -> None:
    assert cbt("config", "set", "region", "NZ").exit_code == 0
    result = cbt("config", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(message)
    assert open_store(cbt_home).settings().region == "NZ"


def test_a_control_character_in_a_value_is_shown_not_obeyed(cbt_home: Path) -> None:
    result = cbt("config", "set", "region", "\x1b]0;owned\x07")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "␛" in result.stderr


@pytest.mark.parametrize("args", [("config", "set", "region"), ("config", "get"), ("config", "frobnicate")])
def test_missing_or_wrong_words_are_usage_errors(args: tuple[str, ...]) -> None:
    assert cbt(*args).exit_code == 2
