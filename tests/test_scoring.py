"""Scores and flags of an entry, computed from a loaded measure and its answers."""

from __future__ import annotations

import json

import pytest
from helpers import PACKS

from cbt_tui.domain.packs.scoring import Scoring, score_entry
from cbt_tui.packs.loader import load_pack

MEASURE = load_pack(PACKS / "valid" / "measure.yaml").pack
assert MEASURE is not None
CHECK = MEASURE.exercise("weekly-check")
assert CHECK is not None

ALL_ANSWERED = {
    "craving": 6,
    "low_mood": "most-days",  # 2, from the pack's list
    "sleep": "so-so",  # 1.5
    "helped": ["meeting", "sponsor"],  # -1 and -1, added
    "used_today": "no",
    "confidence": 5,
}


def score(**changes: object) -> Scoring:
    answers = {**ALL_ANSWERED, **changes}
    return score_entry(MEASURE, CHECK, {k: v for k, v in answers.items() if v is not None})


def test_a_complete_entry_has_each_score_with_its_band_and_no_flags() -> None:
    result = score()
    assert result == Scoring(
        scores={
            "total": {"value": 7.5, "band": "Some", "missing": []},
            "confidence": {"value": 5, "band": None, "missing": []},
        },
        flags=[],
    )
    json.dumps(result.scores)  # the shape the entry stores


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        ({"craving": 0, "low_mood": "not-at-all", "sleep": "well", "helped": ["nothing"]}, 0, "Low"),
        ({"craving": 4, "low_mood": "not-at-all", "sleep": "well", "helped": []}, 4, "Low"),  # up to and including max
        ({"craving": 5, "low_mood": "not-at-all", "sleep": "well", "helped": []}, 5, "Some"),
        ({"craving": 10, "low_mood": "every-day", "sleep": "badly", "helped": []}, 16, "High"),  # the last band
    ],
)
def test_bands_take_each_value_up_to_and_including_their_max(changes: dict, total: float, band: str) -> None:
    assert score(**changes).scores["total"] == {"value": total, "band": band, "missing": []}


def test_a_score_whose_items_were_not_all_answered_is_missing_never_guessed() -> None:
    result = score(craving=None, helped=["meeting", "my own words"])  # unanswered; an "other" has no score
    assert result.scores["total"] == {"value": None, "band": None, "missing": ["craving", "helped"]}
    assert score(craving=None, confidence=None).flags == []  # no value, no flag


@pytest.mark.parametrize(
    "wrong",
    [{"craving": "7"}, {"craving": True}, {"craving": float("nan")}, {"sleep": ["well"]}, {"helped": "meeting"}],
)
def test_an_answer_of_the_wrong_shape_counts_as_missing(wrong: dict) -> None:
    [step_id] = wrong
    assert score(**wrong).scores["total"]["missing"] == [step_id]


def test_score_flags_then_the_exercises_flags_in_order() -> None:
    result = score(craving=10, low_mood="every-day", sleep="badly", helped=["nothing"], confidence=3, used_today="yes")
    assert result.flags == ["Weekly check total: 16 (High)", "Confidence: 3", "Used this week", "Nothing helped"]


def test_an_exercise_without_scores_or_flags_scores_nothing() -> None:
    pack = load_pack(PACKS / "valid" / "minimal.yaml").pack
    assert score_entry(pack, pack.exercises[0], {"anything": 1}) == Scoring({}, [])
