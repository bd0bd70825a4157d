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
from helpers import MEDICATION, OVERDOSE_RISK, says
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
            if isinstance(first, TimerStep) and first.ask_first:  # the craving moment: the timer at once
                assert re.search(r"\d+ minutes?", first.help or ""), exercise.id
                continue
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
        "excited",
        "relieved",
    ):
        assert name in emotions
    traps = {o.value: o for o in lists["thinking_traps"]}
    assert list(traps) == [
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
    ]
    for option in emotions.values():
        assert option.label and option.help, option.value
        assert "\n" not in option.help.strip(), option.value


@pytest.mark.parametrize("list_name", ["thinking_traps", "permission_thoughts"])
def test_each_trap_and_permission_thought_has_a_one_line_definition_and_an_example(
    packs: dict[str, Pack], list_name: str
) -> None:
    """The option's help shows under the list while the person picks: what it is, then an example."""
    for option in (packs["core"].lists or {})[list_name]:
        definition, example = option.help.split("\n")
        assert definition.endswith(".") and not definition.startswith("For example"), option.value
        assert re.fullmatch(r'For example: ".+[.?!]"', example), option.value


def test_one_set_of_permission_giving_thoughts_shared_by_both_packs(packs: dict[str, Pack]) -> None:
    permission = (packs["core"].lists or {})["permission_thoughts"]
    assert {o.value for o in permission} == {
        "i-deserve-it",
        "just-one",
        "no-one-will-know",
        "already-blown-it",
        "can-handle-it",
        "special-occasion",
        "need-it-to-cope",
        "start-tomorrow",
    }
    assert "permission_thoughts" not in (packs["recovery"].lists or {})  # worded once, in core
    core_step = _exercise(packs, "core", "restructuring").step("permission")
    recovery_step = _exercise(packs, "recovery", "urge-voice").step("permission")
    assert (core_step.options_from, recovery_step.options_from) == ("permission_thoughts", "core/permission_thoughts")
    assert packs["recovery"].options_of(recovery_step) == packs["core"].options_of(core_step)


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


def test_restructuring_uses_thinking_traps_and_rates_before_and_after(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "restructuring")
    traps = exercise.step("traps")
    assert traps.type == "choice" and traps.multiple and traps.options_from == "thinking_traps"
    for socratic in ("evidence", "other_explanations", "worst_case", "most_likely", "friend"):
        assert exercise.step(socratic).type == "text", socratic
    assert _rerates(exercise) == {"belief_after": "belief_before", "feelings_after": "feelings"}
    feelings = exercise.step("feelings")
    assert isinstance(feelings, RatingsStep) and feelings.options_from == "emotions"
    balanced = exercise.step("balanced_belief")
    assert isinstance(balanced, ScaleStep) and balanced.better == "higher"


def test_restructuring_asks_first_if_the_thought_pushes_toward_using(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "restructuring")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    assert ids.index("pushes_to_use") == ids.index("thought") + 1
    assert [o.value for o in packs["core"].options_of(exercise.step("pushes_to_use"))] == ["yes", "no"]

    def shown_when(step_id: str) -> str | None:
        when = exercise.step(step_id).when
        assert when is not None and when.step == "pushes_to_use", step_id
        return when.equals

    # On yes, playing the tape forward takes the place of "the best that could happen".
    assert shown_when("best_case") == "no" and shown_when("act_on_it") == "no"
    assert shown_when("tape_forward") == "yes" and shown_when("permission") == "yes"
    assert ids.index("worst_case") < ids.index("tape_forward") < ids.index("most_likely")
    assert "play the tape forward" in exercise.step("tape_forward").prompt.lower()


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
    # One number and the timer runs: the urge before is the opening check, at 0 s.
    assert timer.ask_first and timer.checks.prompt.startswith("How strong is")
    assert timer.endings is not None and timer.endings.completed
    urge = exercise.step("urge_after")
    assert isinstance(urge, ScaleStep) and (urge.min, urge.max) == (0, 10)
    assert urge.labels and urge.labels[0] == "no urge" and urge.labels[10] == "strongest ever"
    assert exercise.step("urge_before") is None and _rerates(exercise) == {}


def test_craving_surf_can_finish_early_and_explains_the_wave(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "craving-surf")
    timer = next(s for s in exercise.steps if isinstance(s, TimerStep))
    assert timer.stop_when_at_most == 2
    assert exercise.steps[0] is timer and "wave" in timer.prompt and "F2" in timer.prompt  # one line, F2 for more
    intro = _flat(timer.help).lower()
    for phrase in ("wave", "20 to 30", "stop", "press **f1** for help now", "coping card"):
        assert phrase in intro, phrase
    ids = [getattr(s, "id", None) for s in exercise.steps]
    assert ids.index("surf") < ids.index("trigger")  # the trigger is asked after the wave


def test_before_the_craving_surf_timer_move_away_and_let_thoughts_pass(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "core", "craving-surf")
    timer = next(i for i, s in enumerate(exercise.steps) if isinstance(s, TimerStep))
    before = _flat(exercise.steps[timer].help)
    for phrase in (
        "If you can, move away from any alcohol or drugs",
        "or just breathe naturally",
        "Notice thoughts about using and let them pass",
    ):
        assert phrase in before, phrase
    assert "breathe" in exercise.steps[timer].prompt


def test_help_is_always_named_by_its_key(packs: dict[str, Pack]) -> None:
    for where, text in _all_texts(packs):
        assert "help screen" not in text.lower(), where


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
    assert _rerates(_exercise(packs, "recovery", "imagery-rehearsal")) == {
        "distress_after": "distress_before",
        "urge_after": "urge_before",
    }
    assert _rerates(_exercise(packs, "recovery", "rewarding-activities")) == {"actual": "expected"}


def test_cost_benefit_has_four_boxes(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "cost-benefit")
    boxes = [s for s in exercise.steps if s.type == "list"]
    assert [s.id for s in boxes] == ["good_using", "not_so_good_using", "good_not_using", "not_so_good_not_using"]


def test_breathing_space_times_each_part_without_a_pacer_and_ends_with_a_next_step(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "breathing-space")
    timers = [s for s in exercise.steps if isinstance(s, TimerStep)]
    assert [t.id for t in timers] == ["noticing", "gathering", "widening"]
    assert all(t.minutes == 1 and t.pacer is None and t.checks is None for t in timers)
    for number, timer in enumerate(timers, start=1):
        assert timer.prompt.startswith(f"**{number}. "), timer.id
    last = exercise.steps[-1]
    assert last.id == "next_step" and last.type == "text" and last.required
    assert "helpful thing you'll do next" in last.prompt


def test_daily_check_in(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "daily-check-in")
    sleep = exercise.step("sleep")
    assert isinstance(sleep, ScaleStep)
    assert (sleep.min, sleep.max, sleep.step, sleep.unit) == (0, 24, 0.5, "hours")
    used = exercise.step("used_today")
    assert [str(o) for o in used.options] == ["No", "Yes", "I'd rather not say"]
    assert 'Taking methadone or buprenorphine as prescribed is not "using"' in _flat(used.help)
    gentle = [s for s in exercise.steps if s.when is not None and s.when.step == "used_today"]
    assert gentle and all(s.when.equals == "Yes" for s in gentle)
    medicines = exercise.step("medicines")
    assert medicines.type == "choice" and not medicines.required
    assert [o.label for o in packs["recovery"].options_of(medicines)] == [
        "As planned",
        "Not today",
        "I don't take any",
    ]
    mood = exercise.step("mood")
    assert "comedown" in mood.help and "passes" in mood.help and "F1" in mood.help


def _hopeless_info(exercise: Exercise, step_id: str) -> InfoStep:
    found = [s for s in exercise.steps if isinstance(s, InfoStep) and s.when is not None and s.when.step == step_id]
    assert len(found) == 1, exercise.id
    text = _flat(found[0].text)
    assert "If you are thinking of ending your life or hurting yourself, press **F1** now" in text
    return found[0]


def test_hopelessness_is_answered_with_help_now(packs: dict[str, Pack]) -> None:
    record = _exercise(packs, "core", "thought-record")
    info = _hopeless_info(record, "emotions")
    assert info.when.includes == "hopeless"
    assert record.steps.index(info) == record.steps.index(record.step("emotions")) + 1
    check_in = _exercise(packs, "recovery", "daily-check-in")
    mood = check_in.step("mood")
    info = _hopeless_info(check_in, "mood")
    assert info.when.at_most == mood.min + 1  # the lowest two values
    assert "comedown" in info.text


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_overdose_wording_is_the_same_everywhere_it_appears(packs: dict[str, Pack]) -> None:
    for where, text in _all_texts(packs):
        if re.search(r"\b(fentanyl|naloxone|an overdose)\b|after a break, an amount", text, re.IGNORECASE):
            assert says(text, OVERDOSE_RISK), where
    steps_with_it = {
        exercise.id: step
        for exercise in packs["recovery"].exercises
        for step in exercise.steps
        if says(getattr(step, "text", "") or "", OVERDOSE_RISK)
    }
    assert set(steps_with_it) == {"daily-check-in", "relapse-prevention-plan", "urge-log", "coping-card"}
    used = steps_with_it["urge-log"].when  # the "I used" branch
    assert used is not None and (used.step, used.includes) == ("actions", "used")
    lapse = steps_with_it["daily-check-in"].when
    assert lapse is not None and (lapse.step, lapse.equals) == ("used_today", "Yes")


def test_wherever_medication_appears_so_does_the_prescriber_wording(packs: dict[str, Pack]) -> None:
    medication = re.compile(r"medicine|methadone|buprenorphine|naltrexone|prescri", re.IGNORECASE)
    with_medication = set()
    for pack in packs.values():
        for exercise in pack.exercises:
            texts = [text for _, text in _texts(exercise)]
            if any(medication.search(text) for text in texts):
                with_medication.add(exercise.id)
                assert any(says(text, MEDICATION) for text in texts), exercise.id
    assert {"daily-check-in", "change-plan"} <= with_medication
    helpers = _flat(_exercise(packs, "recovery", "change-plan").step("helpers").help)
    for support in ("doctor", "naltrexone", "buprenorphine", "methadone"):
        assert support in helpers


def test_behavioral_experiment_plans_stop_safely(packs: dict[str, Pack]) -> None:
    plan = _flat(_exercise(packs, "core", "behavioral-experiment").step("plan").help)
    assert "Don't plan anything that means using, or being near alcohol or drugs you're not ready for" in plan
    assert (
        "After daily drinking or daily sleeping pills, stopping suddenly can be dangerous: talk to a doctor first"
        in plan
    )


def test_imagery_rehearsal_times_the_imagery_with_urge_checks(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "imagery-rehearsal")
    timer = next(s for s in exercise.steps if isinstance(s, TimerStep))
    assert 3 <= timer.minutes <= 5 and timer.checks is not None and timer.checks.every_seconds == 60
    ids = [getattr(s, "id", None) for s in exercise.steps]
    assert ids.index("urge_before") < ids.index(timer.id) < ids.index("urge_after")
    assert '"Say: No thanks, I don\'t drink"' in _flat(exercise.step("coping_plan").help)
    still_high = [s for s in exercise.steps if s.when is not None and s.when.step == "urge_after"]
    assert still_high and "Craving surf" in still_high[0].text


def test_relapse_prevention_plan_rates_confidence_and_names_who_notices(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "relapse-prevention-plan")
    confidence = exercise.step("high_risk_confidence")
    assert isinstance(confidence, RatingsStep)
    assert confidence.better == "higher" and confidence.allow_other and (confidence.min, confidence.max) == (0, 10)
    situations = [o.value for o in packs["recovery"].options_of(confidence)]
    assert {"Cash from the ATM", "A dealer texted me"} <= set(situations)
    assert all(len(situation) <= 21 for situation in situations)  # the width of a rating row's label
    assert exercise.step("who_notices").type == "text"
    signs = exercise.step("warning_signs").help
    assert len(re.findall(r"^- ", signs, re.M)) >= 5  # a list, not one long sentence


def test_rewarding_activities_asks_if_they_did_it_and_about_achievement(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "rewarding-activities")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    assert ids.index("week_later") < ids.index("did_it") < ids.index("actual")
    achievement = exercise.step("achievement")
    assert isinstance(achievement, ScaleStep) and achievement.better == "higher"
    intro = _flat(exercise.steps[0].text)
    assert "early weeks off stimulants" in intro and "usually eases" in intro


def test_urge_log_asks_how_long_and_what_went_through_the_mind(packs: dict[str, Pack]) -> None:
    exercise = _exercise(packs, "recovery", "urge-log")
    assert exercise.step("how_long").type == "choice"
    assert exercise.step("thoughts").type == "text"
    when = exercise.step("time")
    assert not when.required and "blank" in when.prompt  # blank means now: the entry keeps its start time


def test_coping_card_pairs_what_the_urge_says_with_an_answer(packs: dict[str, Pack]) -> None:
    pairs = _exercise(packs, "recovery", "coping-card").step("urge_answers")
    assert pairs.type == "list"
    assert "When the urge says" in pairs.placeholder and "I'll answer" in pairs.placeholder


def test_the_starter_evening_check_in_does_not_assume_they_got_through_it() -> None:
    from cbt_tui.packs.starter import STARTER

    starter = _load(STARTER)
    texts = [text for _, text in _texts(starter)]
    assert not any("you got through it" in text for text in texts)
    assert any("That was a strong urge. If it is still with you" in _flat(text) for text in texts)
    for where, text in _texts(starter):
        assert not BANNED.search(text), where


SUBSTANCES = {
    "alcohol": r"\b(drink|drinks|drinking|drank|beer|beers|wine|bar|pub|soda)\b",
    "opioids": r"\b(pills?|pain|heroin|fentanyl|opioids?|dope|withdrawal|dealer)\b",
    "stimulants": r"\b(coke|cocaine|(one|a) line|speed|meth|crack|comedowns?|stimulants?|flat)\b",
}


def test_examples_are_balanced_across_alcohol_opioids_and_stimulants(packs: dict[str, Pack]) -> None:
    examples = {  # each once: recovery shows core's permission thoughts too
        text
        for where, text in _all_texts(packs)
        if re.search(r"\.examples\[\d+\]$", where) or text.startswith("For example:") or "\nFor example:" in text
    }
    counts = {name: sum(bool(re.search(pattern, t, re.I)) for t in examples) for name, pattern in SUBSTANCES.items()}
    assert counts["opioids"] >= counts["alcohol"] - 2, counts
    assert counts["stimulants"] >= counts["alcohol"] - 2, counts


def test_conditions_are_used_in_recovery(packs: dict[str, Pack]) -> None:
    log = _exercise(packs, "recovery", "urge-log")
    strong = [s for s in log.steps if s.when is not None and s.when.step == "strength"]
    assert strong and strong[0].when.at_least == 7
    assert "Craving surf" in strong[0].text


def test_no_assignments_in_builtin_packs(packs: dict[str, Pack]) -> None:
    for pack in packs.values():
        assert not pack.assignments, pack.id
