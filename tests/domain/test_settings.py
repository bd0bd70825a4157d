"""The settings model, headless: what each setting accepts, and what a bad stored value becomes."""

from __future__ import annotations

import pytest

from cbt_tui.domain.settings import MAX_NAME, SettingError, Settings, parse_setting


def test_defaults_and_stored_values() -> None:
    assert Settings() == Settings(region=None, theme=None, reduced_motion=False, name=None)
    stored = Settings.from_stored({"region": "uk", "theme": "nord", "reduced_motion": True, "old_key": 1})
    assert (stored.region, stored.theme, stored.reduced_motion) == ("GB", "nord", True)


def test_a_stored_value_that_no_longer_validates_falls_back_to_its_default() -> None:
    stored = Settings.from_stored({"region": "Atlantis", "theme": "gone-theme", "name": "Sam R."})
    assert stored == Settings(name="Sam R.")


@pytest.mark.parametrize(("typed", "code"), [("us", "US"), (" UK ", "GB"), ("other", "ZZ"), ("elsewhere", "ZZ")])
def test_regions_are_codes_with_a_few_aliases(typed: str, code: str) -> None:
    assert Settings().changed("region", typed).region == code


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("region", "XX", "region: 'XX' is not a region code; use two letters like US, GB or AU, or 'other'"),
        ("theme", "neon", "theme: 'neon' is not a theme; themes: textual-dark, "),
        ("name", "x" * (MAX_NAME + 1), f"name: a name may be at most {MAX_NAME} characters"),
        ("colour", "blue", "unknown setting 'colour'; settings: region, theme, reduced_motion, name"),
    ],
)
def test_a_bad_setting_is_one_clear_message(key: str, value: str, message: str) -> None:
    with pytest.raises(SettingError) as raised:
        Settings().changed(key, value)
    assert str(raised.value).startswith(message)


def test_a_name_is_tidied_and_an_empty_one_is_no_name() -> None:
    assert Settings().changed("name", "  Sam \n R. ").name == "Sam R."
    assert Settings(name="Sam").changed("name", "   ").name is None
    assert Settings(name="Sam").changed("name", None).name is None


@pytest.mark.parametrize(("text", "value"), [("on", True), ("Yes", True), ("1", True), ("off", False), (" NO ", False)])
def test_reduced_motion_is_typed_as_on_or_off(text: str, value: bool) -> None:
    assert parse_setting("reduced_motion", text) is value


def test_typed_values_for_the_other_settings() -> None:
    assert parse_setting("theme", "nord") == "nord"
    assert parse_setting("name", "unset") is None and parse_setting("region", "") is None
    with pytest.raises(SettingError, match="reduced_motion: expected on or off, got 'maybe'"):
        parse_setting("reduced_motion", "maybe")
