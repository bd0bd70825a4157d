"""`suggest` and `recall` in the built-in packs: what is offered after saving, and what of
the person's own words a step recalls, always pointing at something that exists."""

from __future__ import annotations

import pytest

from cbt_tui.packs.catalog import load_catalog


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _exercise(catalog, ref: str):
    found = catalog.find(ref)
    assert found is not None, ref
    return found[1]


@pytest.mark.parametrize(
    ("ref", "answers", "offered"),
    [
        ("recovery/daily-check-in", {"used_today": "Yes"}, ["recovery-support/lapse-response"]),
        ("recovery/daily-check-in", {"used_today": "No"}, []),
        ("recovery/daily-check-in", {"used_today": "I'd rather not say"}, []),
        ("recovery/urge-log", {"actions": ["called", "used"]}, ["recovery-support/lapse-response"]),
        ("recovery/urge-log", {"actions": ["called"]}, []),
        ("recovery/urge-log", {}, []),
    ],
)
def test_a_check_in_or_urge_log_that_records_use_offers_the_lapse_response(catalog, ref, answers, offered) -> None:
    assert [item.exercise for item in _exercise(catalog, ref).suggestions(answers)] == offered


def test_every_suggestion_and_recall_of_the_built_in_packs_finds_what_it_names(catalog) -> None:
    named = 0
    for pack, exercise in catalog.exercises():
        refs = [(item.exercise, None) for item in exercise.suggest or []]
        refs += [(step.recall.exercise, step.recall.step) for step in exercise.steps if step.recall]
        for ref, step_id in refs:
            target = catalog.find(ref if "/" in ref else f"{pack.id}/{ref}")
            assert target is not None, (exercise.id, ref)
            assert step_id is None or target[1].step(step_id) is not None, (exercise.id, ref, step_id)
            named += 1
    assert named >= 3


def test_the_halt_check_recalls_the_warning_signs_of_the_persons_plan(catalog) -> None:
    recall = _exercise(catalog, "recovery-support/halt-check").step("warning_signs").recall
    assert recall is not None and (recall.exercise, recall.step) == (
        "recovery/relapse-prevention-plan",
        "warning_signs",
    )
