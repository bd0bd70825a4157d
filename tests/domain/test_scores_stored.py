"""Scores and flags are computed when an entry is completed and stored with it (issue 13.2)."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import PACKS

from cbt_tui.domain.answers import score_rows, score_text
from cbt_tui.domain.entries import Entry, EntryScore
from cbt_tui.domain.run import ExerciseRun, new_entry
from cbt_tui.packs.loader import load_pack

MEASURE = load_pack(PACKS / "valid" / "measure.yaml").pack
CHECK = MEASURE.exercise("weekly-check")
DONE = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
ANSWERS = {
    "craving": 6,
    "low_mood": "most-days",
    "sleep": "badly",
    "helped": ["nothing"],
    "used_today": "yes",
    "confidence": 2,
}


def run_with(answers: dict) -> ExerciseRun:
    run = ExerciseRun(MEASURE, CHECK, new_entry(MEASURE, CHECK), now=lambda: DONE)
    run.answers.update(answers)
    return run


def test_completing_stores_each_score_with_its_band_and_the_flags_raised() -> None:
    entry = run_with(ANSWERS).complete()
    assert entry.scores == {
        "total": EntryScore(value=11, band="High", missing=[]),
        "confidence": EntryScore(value=2, band=None, missing=[]),
    }
    assert entry.flags == ["Weekly check total: 11 (High)", "Confidence: 2", "Used this week", "Nothing helped"]
    stored = entry.to_json()
    assert stored["scores"]["total"] == {"value": 11, "band": "High", "missing": []}
    assert Entry.from_json(stored) == entry


def test_the_review_shows_the_scores_that_completing_will_store() -> None:
    run = run_with(ANSWERS)
    assert run.scoring() == (run.complete().scores, run.entry.flags)


def test_a_skipped_item_leaves_the_score_without_a_value_and_says_which() -> None:
    entry = run_with({k: v for k, v in ANSWERS.items() if k not in ("craving", "low_mood")}).complete()
    assert entry.scores["total"] == EntryScore(value=None, band=None, missing=["craving", "low_mood"])
    [row, _] = score_rows(entry.scores, CHECK)
    assert (row.label, row.text) == ("Weekly check total", "not added up: 2 answers missing (craving, low mood)")


def test_an_exercise_without_scores_stores_none_and_old_entries_still_load() -> None:
    minimal = load_pack(PACKS / "valid" / "minimal.yaml").pack
    entry = ExerciseRun(minimal, minimal.exercises[0], new_entry(minimal, minimal.exercises[0])).complete()
    assert (entry.scores, entry.flags) == ({}, [])
    older = {k: v for k, v in entry.to_json().items() if k not in ("scores", "flags")}  # written before scores
    assert Entry.from_json(older).scores == {} and Entry.from_json(older).flags == []


def test_scores_read_by_their_labels_in_the_exercises_order() -> None:
    scores = {
        "confidence": EntryScore(value=7.5),
        "total": EntryScore(value=3, band="Low"),
        "gone": EntryScore(value=1),
    }
    rows = score_rows(scores, CHECK)
    assert [(r.label, r.text) for r in rows] == [
        ("Weekly check total", "3 (Low)"),
        ("Confidence", "7.5"),
        ("gone", "1"),
    ]
    assert [r.label for r in score_rows(scores, None)] == ["confidence", "total", "gone"]  # the pack is gone
    assert score_text(EntryScore(value=None, missing=["sleep"])) == "not added up: 1 answer missing (sleep)"
