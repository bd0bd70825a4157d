"""The recovery library, part two (issue 15): the thirteen exercises keep their clinical shape.

Safety wording word for word, the standard form of each skill (ratings before and
after, which way is better, the branches), substance examples in balance in every
built-in pack, and docs/exercises.md listing exactly the built-in exercises.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import EXERCISES, MEDICATION, OVERDOSE_RISK, builtin_exercises, exercise_texts, says, without
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.packs.models import (
    ChoiceStep,
    Exercise,
    InfoStep,
    ListStep,
    Pack,
    RatingsStep,
    ScaleStep,
    TextStep,
    TimerStep,
)

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "exercises.md"

#: The new exercises by pack, with their kinds.
NEW = {
    "recovery-support": {
        "lapse-response": "skill",
        "decision-chain": "skill",
        "refusal-skills": "skill",
        "medication-check-in": "skill",
        "support-network": "skill",
        "halt-check": "skill",
        "values": "skill",
        "meeting-log": "skill",
        "sleep-diary": "skill",
        "reward-plan": "skill",
    },
    "tough-moments": {
        "stop-skill": "skill",
        "tipp": "skill",
        "abcde": "restructuring",
    },
}

#: Words of the overdose-risk warning ("may have overdosed" is the emergency line, not it).
OVERDOSE_WORDS = re.compile(r"\b(fentanyl|naloxone|an overdose)\b", re.IGNORECASE)
MEDICINE_WORDS = re.compile(
    r"\b(medicines?|medications?|prescri\w*|naltrexone|buprenorphine|methadone|acamprosate|disulfiram)\b", re.IGNORECASE
)

#: Words that name each substance in examples and help; the generic "alcohol or drugs"
#: and the fixed safety wording are left out of the count.
SUBSTANCES = {
    "alcohol": r"alcohol|drink\w*|drank|drunk|beers?|wine|pub|bar|bottle|pints?|vodka|cider|whisky",
    "opioids": r"opioids?|heroin|fentanyl|painkillers?|oxy\w*|pills?",
    "stimulants": r"stimulants?|cocaine|coke|crack|speed|meth|amphetamines?|a line|crystal",
}


@pytest.fixture(scope="module")
def library() -> dict[str, tuple[Pack, Exercise]]:
    return {exercise.id: (pack, exercise) for pack, exercise in builtin_exercises()}


def _exercise(library, exercise_id: str) -> Exercise:
    return library[exercise_id][1]


def _all_text(library, exercise_id: str) -> str:
    return "\n".join(text for _, text in exercise_texts(*library[exercise_id]))


def _rerates(exercise: Exercise) -> dict[str, str]:
    return {s.id: s.rerate for s in exercise.steps if isinstance(s, (ScaleStep, RatingsStep)) and s.rerate}


def _shown_when(exercise: Exercise, step_id: str) -> list:
    return [s for s in exercise.steps if s.when is not None and s.when.step == step_id]


# --- the library -------------------------------------------------------------------------


def test_cbt_list_shows_the_thirteen_among_29_builtin_exercises() -> None:
    result = CliRunner().invoke(app, ["list", "--json"])
    assert result.exit_code == 0, result.stderr
    builtin = [(row["pack"], row["id"], row["kind"]) for row in json.loads(result.stdout) if row["builtin"]]
    assert len(builtin) >= 29  # issue 15: "29 or more in all"
    assert {(p, e, k) for p, exercises in NEW.items() for e, k in exercises.items()} <= set(builtin)


def test_new_pack_ids_are_their_own(library) -> None:
    assert not set(NEW) & {"core", "recovery", "my-pack"}
    for pack_id, exercises in NEW.items():
        stems = {p.stem for p in (EXERCISES / pack_id).glob("*.yaml")} - {"pack"}
        assert stems == set(exercises), pack_id
        assert all(library[e][0].id == pack_id for e in exercises)


def test_new_exercise_ids_are_unique_across_builtin_packs() -> None:
    counts = Counter(exercise.id for _, exercise in builtin_exercises())
    assert [i for i, n in counts.items() if n > 1] == []


# --- safety wording -----------------------------------------------------------------------


@pytest.mark.parametrize("pack_id", sorted(NEW))
def test_overdose_and_medicine_wording_is_word_for_word(library, pack_id: str) -> None:
    for exercise_id in NEW[pack_id]:
        texts = [text for _, text in exercise_texts(*library[exercise_id])]
        whole = "\n".join(texts)
        for text in texts:
            if OVERDOSE_WORDS.search(text):
                assert says(text, OVERDOSE_RISK), f"{exercise_id}: {text!r}"
        if MEDICINE_WORDS.search(whole):
            assert says(whole, MEDICATION), exercise_id


def test_lapse_response_puts_safety_first_and_never_scolds(library) -> None:
    exercise = _exercise(library, "lapse-response")
    first, second = exercise.steps[0], exercise.steps[1]
    assert isinstance(first, InfoStep) and isinstance(second, InfoStep)
    assert "emergency services" in first.text and "F1 for Help now" in first.text
    assert says(second.text, OVERDOSE_RISK) and says(second.text, MEDICATION)
    help_now = _shown_when(exercise, "safe_now")
    assert [s.when.equals for s in help_now] == ["not-sure"] and "F1" in help_now[0].text
    text = _all_text(library, "lapse-response")
    assert "I've blown it" in text and "24 hours" in text
    blown = exercise.step("blown_it_before")
    assert isinstance(blown, ScaleStep) and (blown.min, blown.max, blown.better) == (0, 100, "lower")
    assert _rerates(exercise) == {"blown_it_after": "blown_it_before"}
    for step_id in ("way_back", "led_up", "next_time"):
        assert exercise.step(step_id) is not None, step_id
    scolding = re.compile(
        r"\b(should have|shouldn't have|you failed|weak|careless|irresponsible|disappoint\w*|stupid)\b", re.I
    )
    assert not scolding.search(text)


def test_medication_check_in_gives_no_dose_advice(library) -> None:
    exercise = _exercise(library, "medication-check-in")
    text = without(_all_text(library, "medication-check-in"), MEDICATION)
    advice = re.compile(r"\b(start|stop|increase|decrease|reduce|raise|lower|double|halve|taper|skip|cut)\w*\b", re.I)
    assert advice.findall(text) == []
    assert 'not "using"' in text
    for step_id in ("as_planned", "side_effects", "in_the_way", "questions"):
        assert exercise.step(step_id) is not None, step_id
    assert [s.id for s in _shown_when(exercise, "side_effects")] == ["side_effects_notes"]


def test_tipp_cautions_and_paces_the_breathing(library) -> None:
    exercise = _exercise(library, "tipp")
    caution = re.compile(
        r"cold water and hard exercise are not for people with\s+heart problems or eating disorders\s+without a doctor's advice",
        re.I,
    )
    assert caution.search(exercise.steps[0].text)
    fast = exercise.step("fast_part")
    assert "heart problem" in fast.help and "eating disorder" in fast.help
    assert [o.value for o in fast.options][-1] == "neither"
    breathing = exercise.step("paced_breathing")
    assert isinstance(breathing, TimerStep) and breathing.pacer is not None
    assert breathing.pacer.exhale > breathing.pacer.inhale
    assert _rerates(exercise) == {"distress_after": "distress_before"}
    assert "F1" in _all_text(library, "tipp")


def test_help_now_is_one_key_away_where_distress_may_run_high(library) -> None:
    for exercise_id in ("lapse-response", "decision-chain", "stop-skill", "tipp", "abcde"):
        assert re.search(r"press F1 for Help now", _all_text(library, exercise_id), re.IGNORECASE), exercise_id


# --- the form of each skill ---------------------------------------------------------------

BEFORE_AFTER = {
    "lapse-response": {"blown_it_after": ("blown_it_before", "lower")},
    "decision-chain": {"confidence_after": ("confidence_before", "higher")},
    "refusal-skills": {"confidence_after": ("confidence_before", "higher")},
    "support-network": {"connected_after": ("connected_before", "higher")},
    "values": {"living_after": ("living_before", "higher")},
    "stop-skill": {"urge_after": ("urge_before", "lower")},
    "tipp": {"distress_after": ("distress_before", "lower")},
    "abcde": {"belief_after": ("belief_before", "lower"), "feelings_after": ("feelings", "lower")},
    "medication-check-in": {},
    "halt-check": {},
    "meeting-log": {},
    "sleep-diary": {},
    "reward-plan": {},
}


@pytest.mark.parametrize("exercise_id", sorted(BEFORE_AFTER))
def test_ratings_before_and_after_move_the_right_way(library, exercise_id: str) -> None:
    exercise = _exercise(library, exercise_id)
    pairs = {after: (before, exercise.step(before).better) for after, before in _rerates(exercise).items()}
    assert pairs == BEFORE_AFTER[exercise_id]


def test_refusal_skills_write_rehearse_and_plan_for_pressure(library) -> None:
    exercise = _exercise(library, "refusal-skills")
    confidence = exercise.step("confidence_before")
    assert (confidence.min, confidence.max, confidence.unit) == (0, 100, "%")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    order = ["person", "situation", "confidence_before", "your_no", "rehearsed", "if_they_push", "confidence_after"]
    assert [i for i in ids if i in order] == order
    assert "{person}" in confidence.prompt and "out loud" in _all_text(library, "refusal-skills")
    assert "excuse" in _all_text(library, "refusal-skills")


def test_decision_chain_plays_the_tape_past_the_first_use(library) -> None:
    exercise = _exercise(library, "decision-chain")
    assert isinstance(exercise.step("choices"), ListStep)
    assert "first use" in exercise.step("tape_forward").prompt
    assert "play the tape forward" in _all_text(library, "decision-chain")


def test_abcde_rates_beliefs_and_answers_cant_stand_it_and_self_downing(library) -> None:
    exercise = _exercise(library, "abcde")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    order = ["activating_event", "belief", "belief_before", "feelings", "dispute_true", "new_belief", "belief_after"]
    assert [i for i in ids if i in order] == order
    belief = exercise.step("belief_before")
    assert (belief.min, belief.max, belief.unit) == (0, 100, "%")
    assert exercise.step("new_belief_rating").better == "higher"
    answered = {s.when.includes for s in _shown_when(exercise, "belief_kind")}
    assert answered == {"cant-stand-it", "self-downing"}
    assert [s.when.includes for s in _shown_when(exercise, "feelings")] == ["hopeless"]


def test_halt_check_is_one_minute_and_ends_in_one_action(library) -> None:
    exercise = _exercise(library, "halt-check")
    assert exercise.minutes == 1
    halt = exercise.step("halt")
    assert isinstance(halt, ChoiceStep) and halt.multiple
    assert [o.value for o in halt.options] == ["hungry", "angry", "lonely", "tired"]
    assert sorted(s.when.includes for s in _shown_when(exercise, "halt")) == ["angry", "hungry", "lonely", "tired"]
    assert "Relapse prevention plan" in exercise.step("warning_signs").help
    last = exercise.steps[-1]
    assert isinstance(last, TextStep) and last.id == "action" and last.required


def test_stop_skill_asks_for_no_typing(library) -> None:
    exercise = _exercise(library, "stop-skill")
    assert exercise.minutes <= 3
    typed = [s for s in exercise.steps if isinstance(s, (TextStep, ListStep)) and s.required]
    assert typed == []
    prompts = " ".join(s.text if isinstance(s, InfoStep) else s.prompt or "" for s in exercise.steps)
    for letter in ("S: Stop", "T: Take a step back", "O: Observe", "P: Proceed"):
        assert letter in prompts, letter


def test_meeting_log_favours_no_group(library) -> None:
    exercise = _exercise(library, "meeting-log")
    group = exercise.step("group")
    named = [o.label for o in group.options if o.value != "service-group"]
    assert named == sorted(named) and group.allow_other
    assert {"aa", "na", "smart"} <= {o.value for o in group.options}


def test_sleep_diary_logs_the_night_and_says_it_usually_improves(library) -> None:
    exercise = _exercise(library, "sleep-diary")
    ids = [getattr(s, "id", None) for s in exercise.steps]
    assert [i for i in ids if i] == ["bedtime", "time_to_sleep", "wakings", "wake_time", "quality", "notes"]
    intro = exercise.steps[0].text
    assert "early recovery" in intro and "stimulants" in intro and "usually gets better" in intro


def test_reward_plan_keeps_the_milestones_and_its_label(library) -> None:
    exercise = _exercise(library, "reward-plan")
    rewards = [s.id for s in exercise.steps if isinstance(s, TextStep) and s.id.startswith("reward_")]
    assert rewards == ["reward_7", "reward_14", "reward_30", "reward_60", "reward_90"]
    intro = exercise.steps[0].text
    assert "contingency management" in intro and "self-managed" in intro
    assert "not the clinic programme" in intro
    days = exercise.step("days_so_far")
    assert isinstance(days, ScaleStep) and (days.min, days.unit) == (0, "days")


# --- balance of substances ----------------------------------------------------------------


def substance_counts(pack: Pack) -> dict[str, int]:
    counts = dict.fromkeys(SUBSTANCES, 0)
    for exercise in pack.exercises:
        for _, text in exercise_texts(pack, exercise):
            text = re.sub(r"alcohol (?:or|and) drugs", "", without(text, OVERDOSE_RISK, MEDICATION))
            for name, words in SUBSTANCES.items():
                counts[name] += len(re.findall(rf"\b(?:{words})\b", text, re.IGNORECASE))
    return counts


def _packs() -> dict[str, Pack]:
    return {pack.id: pack for pack, _ in builtin_exercises()}


@pytest.mark.parametrize("pack_id", list(_packs()))
def test_examples_balance_alcohol_opioids_and_stimulants(pack_id: str) -> None:
    counts = substance_counts(_packs()[pack_id])
    assert min(counts.values()) >= 1 and max(counts.values()) <= 2 * min(counts.values()), counts


# --- the clinicians' page -----------------------------------------------------------------

_ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (.+?) \| ([a-z0-9-]+) \| ([a-z_]+) \| (\d+) \| (.+?) \| (.+?) \|$", re.M)


def test_docs_page_lists_exactly_the_builtin_exercises() -> None:
    rows = _ROW.findall(DOCS_PAGE.read_text(encoding="utf-8"))
    listed = [(pack, eid, title, kind, float(minutes)) for eid, title, pack, kind, minutes, _, _ in rows]
    builtin = [(p.id, e.id, e.title, e.kind, e.minutes) for p, e in builtin_exercises()]
    assert sorted(listed) == sorted(builtin)
    assert len(listed) == len(set(listed))
    traditions = {"CBT", "Relapse prevention", "DBT", "REBT", "SMART", "CRA", "MBRP", "Contingency management"}
    for *_, skill, tradition in rows:
        assert skill.strip() and any(t in tradition for t in traditions | {"Mutual support", "Medication"}), tradition


def test_readme_links_the_docs_page() -> None:
    readme = (DOCS_PAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing exercise packs", 1)[1].split("\n## ", 1)[0]
    assert "(docs/exercises.md)" in section
