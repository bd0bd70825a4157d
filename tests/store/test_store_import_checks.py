"""`cbt import` of hostile files: each is refused with one located line, nothing is
written, and what does import shows everywhere. Exports escape what they carry."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from store_helpers import START, make_entry, raw_documents
from typer.testing import CliRunner

from cbt_tui.cli import app

runner = CliRunner()

TIMER = {"planned_seconds": 600, "elapsed_seconds": 540, "ended": "early", "checks": [{"at": 60, "value": 7}]}


def entry_doc(**changes: Any) -> dict[str, Any]:
    """A valid exported entry with these fields replaced (`answers` merged)."""
    doc = make_entry().to_json()
    doc["answers"] |= changes.pop("answers", {})
    return doc | changes


def timer(**changes: Any) -> dict[str, Any]:
    return entry_doc(answers={"surf": TIMER | changes})


REFUSED = {
    "checks are text": (timer(checks="abc"), "answers.surf.checks: expected a list of at most 1441 checks"),
    "elapsed is a list": (timer(elapsed_seconds=[1]), "answers.surf.elapsed_seconds: expected a number"),
    "planned is huge": (timer(planned_seconds=1e15), "answers.surf.planned_seconds: expected more than 0, up to 7200"),
    "planned is zero": (timer(planned_seconds=0), "answers.surf.planned_seconds: expected more than 0, up to 7200"),
    "elapsed past planned": (
        timer(elapsed_seconds=601),
        "answers.surf.elapsed_seconds: expected a number from 0 to 600",
    ),
    "check after the end": (
        timer(checks=[{"at": 900, "value": 3}]),
        "answers.surf.checks[0].at: expected a number from 0 to 600",
    ),
    "check is not a map": (timer(checks=[5]), "answers.surf.checks[0]: expected {at, value}"),
    "check has no value": (timer(checks=[{"at": 5}]), "answers.surf.checks[0]: expected {at, value}"),
    "check value is NaN": (
        timer(checks=[{"at": 5, "value": float("nan")}]),
        "answers.surf.checks[0].value: expected a number from -1,000,000 to 1,000,000",
    ),
    "ended is made up": (timer(ended="maybe"), "answers.surf.ended: expected null or one of completed, early, stopped"),
    "timer has more keys": (timer(extra=1), "answers.surf.extra: unknown field"),
    "too many checks": (
        timer(planned_seconds=7200, checks=[{"at": 1, "value": 1}] * 1442),
        "answers.surf.checks: expected a list of at most 1441 checks",
    ),
    "rating is text": (
        entry_doc(answers={"emotions": {"anxious": "high"}}),
        "answers.emotions.anxious: expected a number",
    ),
    "number is infinite": (
        entry_doc(answers={"urge": float("inf")}),
        "answers.urge: expected a number from -1,000,000 to 1,000,000",
    ),
    "list of numbers": (entry_doc(answers={"evidence": ["a", 2]}), "answers.evidence[1]: expected text"),
    "answer is true": (
        entry_doc(answers={"agree": True}),
        "answers.agree: expected text, a list of text, a number, ratings or a timer",
    ),
    "answer is null": (
        entry_doc(answers={"agree": None}),
        "answers.agree: expected text, a list of text, a number, ratings or a timer",
    ),
    "nested deeper than any answer": (
        entry_doc(answers={"deep": json.loads("[" * 150 + "]" * 150)}),
        "answers.deep[0]: expected text",
    ),
    "started in year 1": (
        entry_doc(started_at="0001-01-01T00:00:00+14:00"),
        "started_at: expected a time between 1970 and 9999",
    ),
    "updated at the very end of time": (
        entry_doc(updated_at="9999-12-31T23:59:59+00:00"),
        "updated_at: expected a time between 1970 and 9999",
    ),
    "started before 1970": (
        entry_doc(started_at="1969-12-31T23:00:00+00:00"),
        "started_at: expected a time between 1970 and 9999",
    ),
    "a hostile field name": (
        entry_doc(answers={"\x1b]0;pwned\x07": ["a", 1]}),
        "answers.␛]0;pwned␇[1]: expected text",
    ),
    "a hostile unknown field": (entry_doc(**{"\x1b[2J": 1}), "␛[2J: unknown field"),
    "no start time": (
        {key: value for key, value in entry_doc().items() if key != "started_at"},
        "started_at: required field is missing",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_entry_that_would_not_show_is_refused_with_one_line(case: str, export_file, cbt_home: Path) -> None:
    document, message = REFUSED[case]
    path = export_file([make_entry(1), document])
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"{path}: entries[1].{message}\n"), result.output
    assert result.stdout == "" and not cbt_home.exists()


def test_every_bad_entry_is_named_and_once_fixed_everything_shows(export_file, cbt_home: Path) -> None:
    answers = {
        "situation": "text\nover lines",
        "evidence": ["one", "two"],
        "distortions": [],
        "urge": 7.5,
        "emotions": {"anxious": 70, "sad": 0},
        "surf": TIMER,
        "draft_surf": TIMER | {"ended": None, "elapsed_seconds": 0, "checks": []},
    }
    good = [make_entry(0, answers=answers), make_entry(1, started_at=START.replace(year=1970, month=1, day=2))]
    path = export_file([timer(checks="abc"), *good, entry_doc(started_at="0001-01-01T00:00:00+14:00", kind=3)])
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: entries[0].answers.surf.checks: expected a list of at most 1441 checks",
        f"{path}: entries[3].kind: expected text",
        f"{path}: entries[3].started_at: expected a time between 1970 and 9999",
    ]
    assert not cbt_home.exists()

    assert runner.invoke(app, ["import", str(export_file(good))]).stdout == "imported 2, skipped 0\n"
    for command in (["history"], ["export", "--format", "md"], ["export", "--format", "csv"], ["report"], ["due"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and result.exception is None, (command, result.output)
    assert len(raw_documents(cbt_home)) == 2


def test_a_file_nested_past_what_can_be_read_gets_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": 1, "entries": [{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}]}")
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"{path}: entries[0]: nested too deeply to read (lists or maps within each other)\n",
    )


def _import(home: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """`cbt import PATH` in a subprocess: a read that hangs fails the test, not the suite."""
    env = {**os.environ, "CBT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "cbt_tui", "import", str(path)], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.mark.parametrize("kind", ["device", "pipe", "folder"])
def test_a_file_that_is_not_a_regular_file_is_refused_at_once(kind: str, tmp_path: Path, cbt_home: Path) -> None:
    path = {"device": Path("/dev/zero"), "pipe": tmp_path / "pipe", "folder": tmp_path}[kind]
    if kind == "pipe":
        os.mkfifo(path)
    result = _import(cbt_home, path)
    assert (result.returncode, result.stderr) == (
        1,
        f"{path}: not a regular file; give a file made by `cbt export`\n",
    )


def test_a_file_over_256_mib_is_refused_unread(tmp_path: Path, cbt_home: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(256 * 2**20 + 1)  # sparse: costs no disk
    result = _import(cbt_home, path)
    assert (result.returncode, result.stderr) == (
        1,
        f"{path}: 268,435,457 bytes is more than an import may be (268,435,456)\n",
    )


BROKEN = [
    ('{"format": 1, "entries": [], "entries": []}', "entries: given twice"),
    ('{"format": 1 "entries": []}', "not valid JSON (Expecting ',' delimiter: line 1 column 14 (char 13))"),
    ('{"format": 1, "entries": [] } x', "not valid JSON (Extra data: line 1 column 31 (char 30))"),
    ('{"format": 1, "entries": [{}, ]}', "not valid JSON (Expecting value: line 1 column 31 (char 30))"),
    ('{"format": 1, "entries": [{} {}]}', "not valid JSON (Expecting ',' delimiter: line 1 column 30 (char 29))"),
    (
        '{"format": 1, 2: []}',
        "not valid JSON (Expecting property name enclosed in double quotes: line 1 column 15 (char 14))",
    ),
    ('{"format" 1}', "not valid JSON (Expecting ':' delimiter: line 1 column 11 (char 10))"),
    ("{}", "format: expected 1"),
    ('{"format": 1}', "entries: expected a list"),
    ('{"format": "1", "entries": []}', "format: expected 1"),
    ("\ufeff" + '{"format": 1, "entries": [{"id": 1}]}', "entries[0].id: expected text"),
]


def test_any_json_layout_imports_and_a_broken_document_is_one_line(tmp_path: Path) -> None:
    entries = [make_entry(number).to_json() for number in range(3)]
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps({"note": {"by": "hand"}, "entries": entries, "format": 1}, indent=4))
    assert runner.invoke(app, ["import", str(pretty)]).stdout == "imported 3, skipped 0\n"
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps({"format": 1, "entries": [entries[0], entries[0]]}))
    assert runner.invoke(app, ["import", str(twice)]).stdout == "imported 0, skipped 2\n"

    path = tmp_path / "broken.json"
    for text, message in BROKEN:
        path.write_text(text)
        result = runner.invoke(app, ["import", str(path)])
        assert (result.exit_code, result.stderr.splitlines()[:1]) == (1, [f"{path}: {message}"]), text


def test_csv_headers_are_defused_like_cells(export_file) -> None:
    runner.invoke(app, ["import", str(export_file([make_entry(exercise='=HYPERLINK("http://evil/")')]))])
    result = runner.invoke(app, ["export", "--format", "csv"])
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[-3:] == [f'\'=HYPERLINK("http://evil/").{step}' for step in ("situation", "emotions", "evidence")]


def test_markdown_export_never_renders_html_or_images(export_file) -> None:
    hostile = "![img](http://evil/x.png) <img src=x onerror=alert(1)> [link](http://evil/) &amp;"
    entry = make_entry(
        exercise_title="<script>alert(1)</script>",
        answers={"situation": f"{hostile}\n# heading\n- item", "evidence": [hostile], "emotions": {hostile: 5}},
        prompts={"situation": hostile},
    )
    runner.invoke(app, ["import", str(export_file([entry]))])
    text = runner.invoke(app, ["export", "--format", "md"]).stdout
    assert re.search(r"(?<!\\)[<>\[\]&]", text) is None  # no tag, link, image or entity left live
    assert "!\\[img\\](http://evil/x.png) \\<img src=x onerror=alert(1)\\> \\[link\\](http://evil/) \\&amp;" in text
    assert "\\\n\\# heading\\\n\\- item\n" in text  # escaped, each line a hard break
    assert "## \\<script\\>alert(1)\\</script\\> — 2026-03-14 09:30+01:00" in text
