"""The built-in exercise packs in `exercises/`: they load cleanly and keep their promises.

These tests pin the clinical shape of the shipped exercises (before/after ratings,
follow-ups, the craving-surf timer) and the things that make text readable in a
terminal (no word too long to wrap, plain non-judging words).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from cbt_tui.domain.packs.models import (
    Exercise,
    FollowupStep,
    InfoStep,
    Pack,
    RatingsStep,
    ScaleStep,
    TimerStep,
)
from cbt_tui.packs.loader import load_pack

EXERCISES = Path(__file__).resolve().parents[1] / "exercises"
SCHEMA_LINE = "# yaml-language-server: $schema=../../cbt_tui/domain/packs/pack-format.schema.json"
WIDTH = 78

EXPECTED = {
    "core": {
        "thought-record": "thought_record",
        "restructuring": "restructuring",
        "behavioral-experiment": "behavioral_experiment",
        "craving-surf": "craving_surf",
        "craving-surf-practice": "craving_surf",
    },
    "recovery": {
        "urge-log": "skill",
        "cost-benefit": "skill",
        "change-plan": "skill",
        "urge-voice": "restructuring",
        "relapse-prevention-plan": "skill",
        "coping-card": "skill",
        "problem-solving": "skill",
        "breathing-space": "skill",
        "imagery-rehearsal": "skill",
        "rewarding-activities": "skill",
        "daily-check-in": "skill",
    },
}


def builtin_pack_paths() -> list[Path]:
    """Every pack under exercises/: folders with a pack.yaml, and single-file packs."""
    folders = [p for p in sorted(EXERCISES.iterdir()) if p.is_dir() and (p / "pack.yaml").is_file()]
    files = [p for p in sorted(EXERCISES.iterdir()) if p.is_file() and p.suffix in (".yaml", ".yml")]
    return folders + files


def _load(path: Path) -> Pack:
    result = load_pack(path)
    assert not result.errors, "\n".join(str(e) for e in result.errors)
    assert result.pack is not None
    return result.pack


@pytest.fixture(scope="module")
def packs() -> dict[str, Pack]:
    loaded = [_load(path) for path in builtin_pack_paths()]
    return {pack.id: pack for pack in loaded}


def _exercise(packs: dict[str, Pack], pack_id: str, exercise_id: str) -> Exercise:
    exercise = packs[pack_id].exercise(exercise_id)
    assert exercise is not None, f"{pack_id}/{exercise_id} is missing"
    return exercise


def _texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every piece of text a person reads: prompts, help, info text, labels, examples."""
    readable = {"title", "summary", "description", "prompt", "help", "text", "placeholder", "label", "note"}
    if isinstance(node, BaseModel):
        # walk fields directly: model_dump() warns on the callable-discriminated unions
        node = {name: getattr(node, name) for name in type(node).model_fields if getattr(node, name) is not None}
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key in readable and isinstance(value, str):
                yield here, value
            elif key == "examples" and isinstance(value, list):
                yield from ((f"{here}[{i}]", v) for i, v in enumerate(value) if isinstance(v, str))
            elif key == "labels" and isinstance(value, dict):
                yield from ((f"{here}.{k}", v) for k, v in value.items())
            else:
                yield from _texts(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{where}[{index}]")
        # plain-string options are read too
        yield from ((f"{where}[{i}]", v) for i, v in enumerate(node) if isinstance(v, str))


def _all_texts(packs: dict[str, Pack]) -> Iterator[tuple[str, str]]:
    for pack_id, pack in packs.items():
        yield from _texts(pack, pack_id)


# --- loading ---------------------------------------------------------------------


@pytest.mark.parametrize("path", builtin_pack_paths(), ids=lambda p: p.name)
def test_builtin_pack_loads_without_errors(path: Path) -> None:
    result = load_pack(path)
    assert result.errors == []
    assert result.pack is not None
    assert result.pack.version == "1.0.0"
    assert result.pack.author == "cbt-tui"
    assert result.pack.language == "en"


def test_the_two_builtin_packs_exist(packs: dict[str, Pack]) -> None:
    assert set(EXPECTED) <= set(packs)


def test_every_yaml_file_starts_with_the_schema_line_and_format_1() -> None:
    files = sorted(EXERCISES.rglob("*.yaml")) + sorted(EXERCISES.rglob("*.yml"))
    assert len(files) >= 18
    for file in files:
        lines = file.read_text(encoding="utf-8").splitlines()
        assert lines[0] == SCHEMA_LINE, file
        assert lines[1] == "format: 1", file


def test_exercise_files_are_named_after_their_ids() -> None:
    for pack_id in EXPECTED:
        folder = EXERCISES / pack_id
        stems = {p.stem for p in folder.glob("*.yaml")} - {"pack"}
        assert stems == set(EXPECTED[pack_id]), pack_id


# --- the library -----------------------------------------------------------------


def test_expected_exercises_with_their_kinds(packs: dict[str, Pack]) -> None:
    for pack_id, expected in EXPECTED.items():
        kinds = {e.id: e.kind for e in packs[pack_id].exercises}
        assert kinds == expected, pack_id


def test_at_least_twelve_exercises_spanning_the_cbt_kinds(packs: dict[str, Pack]) -> None:
    exercises = [e for pack in packs.values() for e in pack.exercises]
    assert len(exercises) >= 12
    kinds = {e.kind for e in exercises}
    assert {"thought_record", "restructuring", "behavioral_experiment", "craving_surf"} <= kinds


def test_every_exercise_has_summary_minutes_and_tags(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        for exercise in pack.exercises:
            assert exercise.summary.strip(), exercise.id
            assert exercise.minutes is not None and exercise.minutes > 0, exercise.id
            assert exercise.tags, exercise.id


def test_every_exercise_opens_with_an_info_step_saying_how_long(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        for exercise in pack.exercises:
            first = exercise.steps[0]
            assert isinstance(first, InfoStep), exercise.id
            assert re.search(r"\d+ minutes?", first.text), exercise.id


def test_core_lists(packs: dict[str, Pack]) -> None:
    lists = packs["core"].lists or {}
    emotions = {o.value: o for o in lists["emotions"]}
    for name in (
        "anxious",
        "sad",
        "angry",
        "ashamed",
        "guilty",
        "lonely",
        "bored",
        "restless",
        "hopeless",
        "irritable",
        "overwhelmed",
    ):
        assert name in emotions
    traps = {o.value: o for o in lists["thinking_traps"]}
    for name in (
        "all-or-nothing",
        "overgeneralising",
        "mental-filter",
        "discounting-positive",
        "mind-reading",
        "fortune-telling",
        "catastrophising",
        "emotional-reasoning",
        "should-statements",
        "labelling",
        "personalising",
        "blaming",
        "i-deserve-it",
        "just-one",
        "no-one-will-know",
        "already-blown-it",
    ):
        assert name in traps
    for option in [*emotions.values(), *traps.values()]:
        assert option.label and option.help, option.value
        assert "\n" not in option.help.strip(), option.value


# --- text that reads well ----------------------------------------------------------


def test_every_text_wraps_within_78_columns(packs: dict[str, Pack]) -> None:
    checked = 0
    for where, text in _all_texts(packs):
        for paragraph in text.splitlines():
            for line in textwrap.wrap(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False):
                assert len(line) <= WIDTH, f"{where}: {line!r}"
        checked += 1
    assert checked > 200


def test_every_prompt_fits_a_short_line_or_two(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        for exercise in pack.exercises:
            for step in exercise.steps:
                if step.prompt:
                    assert len(textwrap.wrap(step.prompt, WIDTH)) <= 2, (exercise.id, step.prompt)


BANNED = re.compile(
    r"\b(addicts?|addict's|junkies?|junkie|clean|dirty|the patient|patients?|failures?|failed|relapsed)\b",
    re.IGNORECASE,
)


def test_no_judging_or_labelling_words(packs: dict[str, Pack]) -> None:
    for where, text in _all_texts(packs):
        assert not BANNED.search(text), f"{where}: {text!r}"


# --- clinical shape ------------------------------------------------------------------


def _rerates(exercise: Exercise) -> dict[str, str]:
    return {s.id: s.rerate for s in exercise.steps if isinstance(s, (ScaleStep, RatingsStep)) and s.rerate is not None}


def test_thought_record_has_the_seven_columns_and_rerates(packs: dict[str, Pack]) -> None:
    record = _exercise(packs, "core", "thought-record")
    ids = [getattr(s, "id", None) for s in record.steps]
    order = [
        "situation",
        "emotions",
        "automatic_thoughts",
        "hot_thought",
        "hot_belief",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
        "balanced_belief",
        "emotions_after",
        "hot_belief_after",
    ]
    assert [i for i in ids if i in order] == order
    emotions = record.step("emotions")
    assert isinstance(emotions, RatingsStep)
    assert emotions.options_from == "emotions" and emotions.allow_other
    belief = record.step("hot_belief")
    assert isinstance(belief, ScaleStep) and (belief.min, belief.max, belief.unit) == (0, 100, "%")
    assert _rerates(record) == {"emotions_after": "emotions", "hot_belief_after": "hot_belief"}
    assert "{hot_thought}" in record.step("hot_belief_after").prompt


def test_restructuring_uses_thinking_traps_and_rerates_belief(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "restructuring")
    traps = exercise.step("traps")
    assert traps.type == "choice" and traps.multiple and traps.options_from == "thinking_traps"
    for socratic in ("evidence", "other_explanations", "worst_case", "best_case", "most_likely", "friend", "act_on_it"):
        assert exercise.step(socratic).type == "text", socratic
    assert _rerates(exercise) == {"belief_after": "belief_before"}


def test_behavioral_experiment_plans_then_follows_up(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "behavioral-experiment")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    followup = next(s for s in exercise.steps if isinstance(s, FollowupStep))
    assert followup.after == "1 day"
    split = ids.index(followup.id)
    assert {"belief", "belief_before", "prediction", "plan", "obstacles", "safety_behaviours"} <= set(ids[:split])
    assert {"outcome", "belief_after", "learned"} <= set(ids[split:])
    assert _rerates(exercise) == {"belief_after": "belief_before"}


@pytest.mark.parametrize(("exercise_id", "minutes"), [("craving-surf", 20), ("craving-surf-practice", 5)])
def test_craving_surf_timer(packs: dict[str, Pack], exercise_id: str, minutes: float) -> None:
    exercise = _exercise(packs, "core", exercise_id)
    timers = [s for s in exercise.steps if isinstance(s, TimerStep)]
    assert len(timers) == 1
    timer = timers[0]
    assert timer.minutes == minutes
    assert timer.checks is not None
    assert timer.checks.every_seconds == 60
    assert (timer.checks.min, timer.checks.max) == (0, 10)
    assert timer.pacer is not None
    assert timer.pacer.exhale > timer.pacer.inhale
    urge = exercise.step("urge_before")
    assert isinstance(urge, ScaleStep) and (urge.min, urge.max) == (0, 10)
    assert urge.labels and urge.labels[0] == "no urge" and urge.labels[10] == "strongest ever"
    assert _rerates(exercise) == {"urge_after": "urge_before"}


def test_craving_surf_can_finish_early_and_explains_the_wave(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "craving-surf")
    timer = next(s for s in exercise.steps if isinstance(s, TimerStep))
    assert timer.stop_when_at_most == 2
    intro = " ".join(s.text for s in exercise.steps if isinstance(s, InfoStep)).lower()
    for phrase in ("wave", "20 to 30", "stop", "help screen"):
        assert phrase in intro, phrase


@pytest.mark.parametrize(
    ("exercise_id", "after"),
    [("problem-solving", "3 days"), ("rewarding-activities", "1 week")],
)
def test_recovery_followups(packs: dict[str, Pack], exercise_id: str, after: str) -> None:
    exercise = _exercise(packs, "recovery", exercise_id)
    followups = [s for s in exercise.steps if isinstance(s, FollowupStep)]
    assert [f.after for f in followups] == [after]
    assert followups[0] is not exercise.steps[-1]


def test_recovery_rerates(packs: dict[str, Pack]) -> None:
    assert _rerates(_exercise(packs, "recovery", "urge-voice")) == {"belief_after": "belief_before"}
    assert _rerates(_exercise(packs, "recovery", "imagery-rehearsal")) == {"distress_after": "distress_before"}
    assert _rerates(_exercise(packs, "recovery", "rewarding-activities")) == {"actual": "expected"}


def test_cost_benefit_has_four_boxes(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "cost-benefit")
    boxes = [s for s in exercise.steps if s.type == "list"]
    assert [s.id for s in boxes] == ["good_using", "not_so_good_using", "good_not_using", "not_so_good_not_using"]


def test_breathing_space_timer_is_one_paced_minute_without_checks(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "breathing-space")
    timer = next(s for s in exercise.steps if isinstance(s, TimerStep))
    assert timer.minutes == 1 and timer.pacer is not None and timer.checks is None


def test_daily_check_in(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "daily-check-in")
    sleep = exercise.step("sleep")
    assert isinstance(sleep, ScaleStep)
    assert (sleep.min, sleep.max, sleep.step, sleep.unit) == (0, 14, 0.5, "hours")
    used = exercise.step("used_today")
    assert [str(o) for o in used.options] == ["No", "Yes", "I'd rather not say"]
    gentle = [s for s in exercise.steps if s.when is not None and s.when.step == "used_today"]
    assert gentle and all(s.when.equals == "Yes" for s in gentle)


def test_conditions_are_used_in_recovery(packs: dict[str, Pack]) -> None:
    log = _exercise(packs, "recovery", "urge-log")
    strong = [s for s in log.steps if s.when is not None and s.when.step == "strength"]
    assert strong and strong[0].when.at_least == 7
    assert "Craving surf" in strong[0].text


def test_urge_voice_uses_its_own_permission_list(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "urge-voice")
    assert exercise.step("permission").options_from == "permission_thoughts"
    values = {o.value for o in (packs["recovery"].lists or {})["permission_thoughts"]}
    assert {"i-deserve-it", "just-one", "no-one-will-know", "already-blown-it"} <= values


def test_no_assignments_in_builtin_packs(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        assert not pack.assignments, pack.id
