"""The `better:` extension of scale and ratings steps, and the YAML of the therapists' guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import TESTS
from ruamel.yaml import YAML

from cbt_tui.domain.packs.scoring import score_entry
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.packs.loader import load_pack

GUIDE = TESTS.parent / "docs" / "writing-packs.md"

PACK = """\
format: 1
id: better
title: Better
version: 1.0.0
exercises:
  - id: rate
    title: Rate
    kind: skill
    summary: s
    steps:
{steps}
"""


def load_steps(tmp_path: Path, steps: str):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.format(steps="".join(f"      {line}\n" for line in steps.splitlines())))
    return load_pack(path)


def test_better_defaults_to_lower_and_a_rerate_takes_the_first_ratings(tmp_path: Path) -> None:
    result = load_steps(
        tmp_path,
        "- {id: joy, type: scale, min: 0, max: 10, better: higher}\n- {id: joy_after, type: scale, rerate: joy}\n- {id: pain, type: ratings, options: [a]}",
    )
    assert result.ok, result.errors
    steps = result.pack.exercises[0].steps
    assert [steps[0].better, steps[2].better] == ["higher", "lower"]


def test_a_rerate_may_repeat_better_only_with_the_same_value(tmp_path: Path) -> None:
    same = load_steps(
        tmp_path,
        "- {id: joy, type: scale, better: higher}\n- {id: joy_after, type: scale, rerate: joy, better: higher}",
    )
    assert same.ok, same.errors
    other = load_steps(
        tmp_path, "- {id: joy, type: scale, better: higher}\n- {id: joy_after, type: scale, rerate: joy, better: lower}"
    )
    assert [e.message for e in other.errors] == ["a re-rating uses the same better as 'joy'; leave better out"]
    assert other.errors[0].path == "exercises[0].steps[1].better"


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ("{id: x, type: scale, better: lowr}", "unknown value 'lowr', did you mean 'lower'?"),
        ("{id: x, type: text, better: higher}", "unknown key 'better'"),
    ],
)
def test_better_is_checked_like_any_key(tmp_path: Path, step: str, message: str) -> None:
    [error] = load_steps(tmp_path, f"- {step}").errors
    assert error.path == "exercises[0].steps[0].better"
    assert error.message.startswith(message)


def test_built_in_measures_where_higher_is_better_say_so() -> None:
    catalog = load_catalog()
    better = {
        (exercise.id, step.id): step.better
        for _, exercise in catalog.exercises()
        for step in exercise.steps
        if step.type in ("scale", "ratings") and getattr(step, "rerate", None) is None
    }
    assert better[("rewarding-activities", "expected")] == "higher"
    assert better[("thought-record", "balanced_belief")] == "higher"
    assert better[("daily-check-in", "mood")] == "higher"
    assert better[("thought-record", "hot_belief")] == "lower"
    assert better[("craving-surf", "urge_after")] == "lower"


def guide_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)\n```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_the_guides_complete_example_validates(tmp_path: Path) -> None:
    path = tmp_path / "first-weeks.yaml"
    path.write_text(guide_blocks()[0] + "\n")
    result = load_pack(path)
    assert result.ok, [str(e) for e in result.errors]
    pack = result.pack
    assert {s.type for e in pack.exercises for s in e.steps} == {
        "info",
        "text",
        "list",
        "scale",
        "ratings",
        "choice",
        "timer",
        "followup",
    }
    assert {a.frequency for a in pack.assignments} == {"daily", "3/week", "once"}


def test_every_step_snippet_of_the_guide_is_valid_in_order(tmp_path: Path) -> None:
    """The step examples, one after another in one exercise, make a valid pack."""
    steps = []
    for block in guide_blocks()[1:]:
        data = YAML(typ="safe").load(block)
        if isinstance(data, list):
            steps.append(block)
    assert len(steps) >= 10
    body = "\n".join(steps)
    path = tmp_path / "snippets.yaml"
    path.write_text(
        "format: 1\nid: snippets\ntitle: S\nversion: 1.0.0\nlists:\n  feelings: [anxious, low]\n"
        "exercises:\n  - id: all\n    title: All\n    kind: skill\n    summary: s\n    steps:\n"
        + "".join(f"      {line}\n" for line in body.splitlines())
    )
    result = load_pack(path)
    assert result.ok, [str(e) for e in result.errors]


def test_the_guides_assignment_block_validates(tmp_path: Path) -> None:
    block = next(b for b in guide_blocks() if b.startswith("assignments:"))
    path = tmp_path / "assigned.yaml"
    path.write_text(
        "format: 1\nid: assigned\ntitle: A\nversion: 1.0.0\n" + block + "\n"
        "exercises:\n  - {id: evening-check-in, title: E, kind: skill, summary: s, steps: [{type: info, text: t}]}\n"
    )
    result = load_pack(path)
    assert result.ok, [str(e) for e in result.errors]


def test_the_guides_scored_check_in_validates_and_scores(tmp_path: Path) -> None:
    block = next(b for b in guide_blocks() if "kind: measure" in b)
    (tmp_path / "pack.yaml").write_text("format: 1\nid: scored\ntitle: S\nversion: 1.0.0\n")
    (tmp_path / "weekly-check.yaml").write_text(block + "\n")
    result = load_pack(tmp_path)
    assert result.ok, [str(e) for e in result.errors]
    exercise = result.pack.exercise("weekly-check")
    assert exercise.kind == "measure"
    answers = {"craving": 8, "low_mood": "most-days", "sleep": "badly", "used": "yes"}
    scores, flags = score_entry(result.pack, exercise, answers)
    assert scores == {"total": {"value": 12, "band": "High", "missing": []}}
    assert flags == ["Weekly check total: 12 (High)", "Used this week"]
    skipped = score_entry(result.pack, exercise, {"craving": 3, "used": "no"})
    assert skipped == ({"total": {"value": None, "band": None, "missing": ["low_mood", "sleep"]}}, [])
