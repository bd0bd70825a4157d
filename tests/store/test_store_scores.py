"""Scores and flags in the journal: `cbt import` holds them to the stored shapes, and the
md and csv exports show them as words."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from store_helpers import make_entry, raw_documents
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import EntryScore

runner = CliRunner()
SCORED = {
    "total": {"value": 11, "band": "Some", "missing": []},
    "mood": {"value": None, "band": None, "missing": ["low"]},
}


def scored_doc(**changes: Any) -> dict[str, Any]:
    return make_entry(1).to_json() | {"scores": SCORED, "flags": ["Used this week"]} | changes


REFUSED = {
    "scores is a list": (scored_doc(scores=[1]), "scores: expected an object of score id → {value, band, missing}"),
    "a score is a number": (scored_doc(scores={"total": 11}), "scores.total: expected {value, band, missing}"),
    "value is text": (
        scored_doc(scores={"total": {"value": "11", "band": None, "missing": []}}),
        "scores.total.value: expected a number, or null",
    ),
    "value is true": (
        scored_doc(scores={"total": {"value": True, "band": None, "missing": []}}),
        "scores.total.value: expected a number, or null",
    ),
    "value is huge": (
        scored_doc(scores={"total": {"value": 1e300, "band": None, "missing": []}}),
        "scores.total.value: expected a number from -1,000,000 to 1,000,000, or null",
    ),
    "no value": (scored_doc(scores={"total": {"band": "Low"}}), "scores.total.value: required field is missing"),
    "band is a number": (
        scored_doc(scores={"total": {"value": 1, "band": 3, "missing": []}}),
        "scores.total.band: expected text or null",
    ),
    "missing is text": (
        scored_doc(scores={"total": {"value": None, "band": None, "missing": "sleep"}}),
        "scores.total.missing: expected a list of step ids",
    ),
    "a score has more keys": (
        scored_doc(scores={"total": {"value": 1, "band": None, "missing": [], "max": 9}}),
        "scores.total.max: unknown field",
    ),
    "flags is text": (scored_doc(flags="Used this week"), "flags: expected a list of text"),
    "a flag is a number": (scored_doc(flags=["ok", 3]), "flags[1]: expected text"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_scores_and_flags_of_the_wrong_shape_are_refused_with_one_line(case: str, export_file, cbt_home: Path) -> None:
    document, message = REFUSED[case]
    path = export_file([make_entry(0), document])
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"{path}: entries[1].{message}\n"), result.output
    assert not cbt_home.exists()  # nothing was written


def test_scores_and_flags_import_as_they_were_stored_and_show_in_the_exports(export_file, cbt_home: Path) -> None:
    path = export_file([make_entry(0), scored_doc()])  # and one from before scores were stored
    assert runner.invoke(app, ["import", str(path)]).stdout == "imported 2, skipped 0\n"
    [older, scored] = sorted(raw_documents(cbt_home), key=lambda doc: doc["started_at"])
    assert (older["scores"], older["flags"]) == ({}, [])
    assert (scored["scores"], scored["flags"]) == (SCORED, ["Used this week"])

    markdown = runner.invoke(app, ["export", "--format", "md"]).stdout
    assert "### Scores\n\n- total: 11 (Some)\n- mood: not added up: 1 answer missing (low)\n" in markdown
    assert "### Worth talking about\n\n- ⚑ Used this week\n" in markdown
    assert markdown.count("### Scores") == 1

    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["export", "--format", "csv"]).stdout)))
    assert [row["flags"] for row in rows] == ["", "Used this week"]
    assert [row["thought-record.scores.total"] for row in rows] == ["", "11 (Some)"]
    assert rows[1]["thought-record.scores.mood"] == "not added up: 1 answer missing (low)"


def test_the_store_keeps_scores_as_entries(store) -> None:
    saved = store.save(make_entry(0, scores={"total": {"value": 2.5, "band": None, "missing": []}}, flags=["x"]))
    again = store.get(saved.id)
    assert again.scores == {"total": EntryScore(value=2.5)} and again.flags == ["x"]
