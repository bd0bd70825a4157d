"""The shipped help lines (data/help-lines.toml) and the order Help now puts things in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cbt_tui.domain.packs.models import Pack, SafetyContact
from cbt_tui.domain.safety import OVERDOSE, help_now
from cbt_tui.help_lines import HELP_LINES_FILE, HelpLinesError, read_help_lines, shipped_help_lines

CHECKED = date(2026, 12, 1)

#: /work/shared/help-lines.md, the only source: region -> (kind, contact, hours) in order.
PUBLISHED = {
    "US": [("emergency", "911", ""), ("crisis", "988", "24/7"), ("alcohol-and-drugs", "1-800-662-4357", "24/7")],
    "CA": [("emergency", "911", ""), ("crisis", "988", "24/7")],
    "GB": [("emergency", "999", ""), ("crisis", "116 123", "24/7"), ("alcohol-and-drugs", "0300 123 6600", "24 hours")],
    "IE": [
        ("emergency", "112", ""),
        ("crisis", "116 123", "24/7"),
        ("alcohol-and-drugs", "1800 459 459", "Weekdays, office hours"),
    ],
    "AU": [
        ("emergency", "000", ""),
        ("crisis", "13 11 14", "24/7"),
        ("alcohol-and-drugs", "1800 250 015", "Most state services answer 24/7; check the hours"),
    ],
    "NZ": [
        ("emergency", "111", ""),
        ("crisis", "1737", "24/7"),
        ("alcohol-and-drugs", "0800 787 797", "check the hours"),
    ],
    "ZZ": [("emergency", "112", ""), ("crisis", "findahelpline.com", "")],
}


def test_the_shipped_lines_are_exactly_the_published_ones() -> None:
    lines = shipped_help_lines()
    assert list(lines.regions) == ["US", "CA", "GB", "IE", "AU", "NZ", "ZZ"]
    shown = {region: [(line.kind, line.contact, line.hours) for line in lines.of(region)] for region in lines.regions}
    assert shown == PUBLISHED
    assert {line.checked for line in lines.lines} == {CHECKED}


def test_the_lines_say_what_the_services_say() -> None:
    lines = {(line.region, line.kind): line for line in shipped_help_lines().lines}
    assert "not a crisis line" in lines["US", "alcohol-and-drugs"].note
    assert "English and Spanish" in lines["US", "alcohol-and-drugs"].note
    assert "112 also works" in lines["GB", "emergency"].note
    assert "999 also works" in lines["IE", "emergency"].note
    assert "text 8681" in lines["NZ", "alcohol-and-drugs"].note
    assert lines["US", "crisis"].note == lines["CA", "crisis"].note == "Call or text."
    assert "many countries" in lines["ZZ", "emergency"].note


def contacts_of(pack_id: str, *names: str) -> Pack:
    return Pack(
        format=1,
        id=pack_id,
        title="A pack",
        version="1.0.0",
        safety=[SafetyContact(name=name, contact="555-0100") for name in names],
    )


def test_emergency_first_then_my_people_then_pack_contacts_then_the_regions_lines() -> None:
    now = help_now(
        "GB",
        shipped_help_lines(),
        [{"name": "Sam", "contact": "07700 900123", "note": ""}],
        [contacts_of("clinic", "Clinic duty line")],
    )
    order = [item.contact for item in now.in_order()]
    assert order == ["999", "07700 900123", "555-0100", "116 123", "0300 123 6600"]
    assert now.region_known and now.every_emergency == ()


def test_a_pack_contact_never_comes_above_the_emergency_number() -> None:
    now = help_now("US", shipped_help_lines(), [], [contacts_of("clinic", "Emergency", "Crisis line")])
    assert now.in_order()[0].contact == "911"
    assert [c.source for c in now.pack_contacts] == ["pack:clinic", "pack:clinic"]


@pytest.mark.parametrize("region", [None, "FR"])
def test_without_lines_for_the_region_elsewhere_and_every_emergency_number(region: str | None) -> None:
    now = help_now(region, shipped_help_lines(), [], [])
    assert not now.region_known and now.shown_region == "ZZ"
    assert [line.contact for line in now.in_order()] == ["112", "findahelpline.com"]
    assert [line.contact for line in now.every_emergency] == ["911", "911", "999", "112", "000", "111", "112"]


def test_somewhere_else_is_a_known_choice() -> None:
    now = help_now("ZZ", shipped_help_lines(), [], [])
    assert now.region_known and now.every_emergency == ()
    assert [line.contact for line in now.in_order()] == ["112", "findahelpline.com"]


def test_the_overdose_steps_cover_opioids_stimulants_and_alcohol() -> None:
    by_substance = {signs.substance: f"{signs.signs} {signs.steps}" for signs in OVERDOSE}
    assert list(by_substance) == ["Opioids", "Stimulants", "Alcohol"]
    for phrase in (
        "can't be woken",
        "slow or no breathing",
        "blue or grey lips",
        "Call emergency services",
        "naloxone if there is some",
        "on their side",
        "Stay with them",
        "2-3 minutes",
        "second dose",
        "wear off",
    ):
        assert phrase in by_substance["Opioids"], phrase
    for phrase in ("chest pain", "overheating", "seizure", "Call emergency services"):
        assert phrase in by_substance["Stimulants"], phrase
    for phrase in ("can't be woken", "vomiting while passed out", "Call emergency services", "sleep it off"):
        assert phrase in by_substance["Alcohol"], phrase


# -- a broken file is refused with one clear line --------------------------------------


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = HELP_LINES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "help-lines.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kind = "emergency"', 'kind = "urgent"', "line[0].kind: 'urgent' is not one of emergency, crisis"),
        ('contact = "911"', 'contact = ""', "line[0].contact: must not be empty"),
        ("checked = 2026-12-01", 'checked = "soon"', "line[0].checked: expected the date it was checked"),
        ('region = "US"', 'region = "USA"', "line[0].region: 'USA' is not a region code"),
        ('hours = ""', 'hours = ""\nphone = "1"', "line[0]: unknown key(s): phone"),
        (
            '[regions]\nUS = "United States"',
            '[regions]\nUS = "United States"\nFR = "France"',
            "[regions].FR: the region has no emergency line",
        ),
        ("[[line]]", "[[line]", "not valid TOML"),
    ],
)
def test_a_broken_help_lines_file_is_refused_with_one_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = broken(tmp_path, old, new)
    with pytest.raises(HelpLinesError) as refused:
        read_help_lines(path)
    text = str(refused.value)
    assert text.startswith(f"{path}: ") and message in text
    assert "\n" not in text
