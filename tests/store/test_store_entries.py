"""The Entry model: ids, JSON shape, validation messages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError
from store_helpers import HOSTILE, START, make_entry

from cbt_tui.domain.entries import Entry, EntryStatus, EntrySummary, describe_errors, new_entry_id


def test_ids_are_ulids_that_sort_by_time() -> None:
    earlier = new_entry_id(START)
    later = new_entry_id(START + timedelta(milliseconds=1))
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{26}", earlier)
    assert earlier < later
    assert len({new_entry_id(START) for _ in range(1000)}) == 1000


def test_json_round_trip_keeps_every_field_and_offset() -> None:
    entry = make_entry(
        answers={"hostile": HOSTILE, "timer": {"planned_seconds": 60, "checks": [{"at": 30, "value": 4}]}}
    )
    data = entry.to_json()
    assert data["started_at"] == "2026-03-14T09:30:00+01:00"
    assert set(data) == {
        "id", "pack", "pack_version", "exercise", "exercise_title", "kind", "status", "started_at",
        "updated_at", "completed_at", "followup_due", "answers", "prompts", "position", "followups_done",
        "scores", "flags",
    }  # fmt: skip
    assert Entry.from_json(data) == entry
    assert entry.month == "2026-03"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("started_at", "yesterday", "started_at: expected an ISO date-time"),
        ("started_at", 1700000000, "started_at: expected an ISO date-time"),
        (
            "completed_at",
            "2026-01-01T10:00:00",
            "completed_at: expected an ISO date-time with a UTC offset (e.g. +00:00)",
        ),
        ("status", "done", "status: expected one of draft, awaiting_followup, complete, discarded"),
        ("id", "has space", "id: expected an id of letters, digits, '-' and '_' (at most 64)"),
        ("prompts", {"a": 1}, "prompts.a: expected text"),
        ("surprise", 1, "surprise: unknown field"),
    ],
)
def test_validation_names_the_field(field: str, value: object, message: str) -> None:
    data = make_entry().to_json() | {field: value}
    with pytest.raises(ValidationError) as caught:
        Entry.from_json(data)
    assert describe_errors(caught.value, "entries[3]") == [f"entries[3].{message}"]


def test_missing_field_is_named() -> None:
    data = make_entry().to_json()
    del data["pack"]
    with pytest.raises(ValidationError) as caught:
        Entry.from_json(data)
    assert describe_errors(caught.value) == ["pack: required field is missing"]


def test_touched_is_strictly_after_the_previous_update() -> None:
    future = datetime.now(UTC) + timedelta(hours=1)
    assert make_entry().touched(future).updated_at > future
    assert make_entry().touched(None).updated_at.utcoffset() is not None


def test_summary_round_trip() -> None:
    summary = EntrySummary.of(make_entry(status=EntryStatus.DRAFT, completed_at=None))
    assert EntrySummary.from_row(summary.to_row()) == summary
    assert summary.to_json()["started_at"] == "2026-03-14T09:30:00+01:00"
