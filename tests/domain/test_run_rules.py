"""The rules of a run, headless: `when`, placeholders, the follow-up floor, `complete()`,
re-rating, resuming and counters, on real pack models loaded from YAML.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from helpers import PACKS

from cbt_tui.domain.answers import EARLIER_VERSION
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.run import ExerciseRun, exercise_update, new_entry
from cbt_tui.packs.loader import load_pack
from cbt_tui.text import markdown_plain, markdown_quote

ZONE = timezone(timedelta(hours=1))
FIRST_PART = datetime(2026, 12, 1, 20, 29, tzinfo=ZONE)  # Tue; "after: 1 day" falls due Wed 02 Dec, 20:29
CAME_BACK = datetime(2026, 12, 3, 9, 10, tzinfo=ZONE)

RULES = """\
    format: 1
    id: rules
    title: Rules
    version: {version}
    lists:
      traps:
        - {{value: fortune-telling, label: Fortune-telling}}
        - {{value: mind-reading, label: Mind reading}}
    exercises:
      - id: walk
        title: A walk
        kind: behavioral_experiment
        summary: Plan a walk, then say how it went.
        steps:
          - type: info
            text: "**Read** this first."
          - {{type: scale, id: {urge}, min: 0, max: 10, unit: "/10", prompt: "How strong is the urge?"}}
          - {{type: text, id: why, prompt: "Why so strong?", when: {{step: {urge}, at_least: 6}}}}
          - {{type: choice, id: traps, options_from: traps, multiple: true, prompt: "Any thinking traps?"}}
          - type: text
            id: which
            prompt: "You spotted {{traps}}, because {{why}}. What would you tell a friend?"
            when: {{step: traps, includes: mind-reading}}
          - {{type: ratings, id: feelings, options: [{{value: anxious, label: Anxious}}, sad], min: 0, max: 10}}
          - {{type: followup, id: later, after: 1 day, prompt: Come back tomorrow.}}
          - {{type: scale, id: urge_after, rerate: {urge}, min: 0, max: 10, unit: "/10", prompt: "And now?"}}
          - {{type: ratings, id: feelings_after, rerate: feelings, min: 0, max: 10}}
          - {{type: text, id: learned, prompt: "What did you learn?"}}
"""


@pytest.fixture
def rules(load):
    """The pack; `rules(version=..., urge=...)` loads another version (the urge step renamed)."""

    def make(version: str = "1.0.0", urge: str = "urge"):
        pack = load(RULES.format(version=version, urge=urge), name=f"rules-{version}.yaml")
        return pack, pack.exercise("walk")

    return make


def ids(run: ExerciseRun) -> list[str | None]:
    """The steps a person would see, pressing Next from the current one to the end."""
    seen = [run.step.id]
    while not run.is_last and run.step.type != "followup":
        run.go_next()
        seen.append(run.step.id)
    return seen


def clock(*moments: datetime):
    """A wall clock that gives each moment in turn, then stays on the last."""
    queue = list(moments)
    return lambda: queue.pop(0) if len(queue) > 1 else queue[0]


def to_followup(run: ExerciseRun, urge: int = 8) -> None:
    """Answer the first part (urge high, mind-reading spotted) and save for later."""
    run.go_next()
    run.set_answer(urge)
    run.go_next()
    if run.step.id == "why":
        run.set_answer("Payday")
        run.go_next()
    run.set_answer(["fortune-telling", "mind-reading"])
    run.go_next()
    run.set_answer("Ask them")
    run.go_next()
    run.set_answer({"anxious": 7, "sad": 2})
    run.go_next()
    assert run.step.id == "later"
    assert run.go_next(at=FIRST_PART) is False


# -- when and counters ---------------------------------------------------------------------


def test_when_shows_a_step_only_while_its_condition_holds(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    run.go_next()
    run.set_answer(3)  # below at_least 6: "why" is skipped
    run.go_next()
    assert run.step.id == "traps"
    run.set_answer(["fortune-telling"])  # no mind-reading: "which" is skipped too
    assert ids(run) == ["traps", "feelings", "later"]

    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    run.go_next()
    run.set_answer(6)  # at_least is inclusive
    run.go_next()
    assert run.step.id == "why"


def test_counter_counts_only_the_steps_that_show(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    assert run.counter() == (1, 8)  # ten steps, two hidden until their conditions hold
    run.go_next()
    run.set_answer(9)
    assert run.counter() == (2, 9)
    run.go_next()
    assert (run.step.id, run.counter()) == ("why", (3, 9))
    run.go_back()
    run.set_answer(2)
    assert run.counter() == (2, 8)


def test_back_and_next_skip_hidden_steps_and_stop_at_the_start(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    assert not run.can_go_back
    run.go_back()
    assert run.index == 0
    run.go_next()
    run.set_answer(2)
    run.go_next()
    assert run.step.id == "traps" and run.entry.position == "traps"
    run.go_back()
    assert run.step.id == "urge" and run.entry.position == "urge"


# -- placeholders ------------------------------------------------------------------------------


def test_prompts_quote_earlier_answers_by_their_label(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    which = exercise.step("which")
    assert run.prompt(which) == "You spotted …, because …. What would you tell a friend?"
    run.answers.update({"traps": ["fortune-telling", "mind-reading"], "why": "Payday"})
    assert (
        run.prompt(which) == "You spotted Fortune-telling; Mind reading, because Payday. What would you tell a friend?"
    )
    assert run.prompt(exercise.steps[0]) == "**Read** this first."  # an info step's text, as Markdown


def test_a_quoted_answer_reads_as_typed_in_the_markdown_prompt(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    typed = "**not bold** `code` # not a heading <b>x</b> [/bold] 1. not a list \\ {braces}"
    run.answers.update({"traps": ["mind-reading"], "why": typed})
    shown = run.prompt(exercise.step("which"), escape=markdown_quote)
    assert "\\*\\*not bold\\*\\*" in shown  # escaped for the Markdown widget...
    assert (
        markdown_plain(shown) == f"You spotted Mind reading, because {typed}. What would you tell a friend?"
    )  # ...read as typed


def test_the_prompt_is_kept_as_shown_when_answered(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    run.answers.update({"traps": ["mind-reading"], "why": "*stars*"})
    run.index = [s.id for s in exercise.steps].index("which")
    run.set_answer("Ask them")
    [row] = [row for row in run.review() if row.step_id == "which"]
    assert row.prompt == "You spotted Mind reading, because *stars*. What would you tell a friend?"


# -- the follow-up floor and resuming ------------------------------------------------------


def test_a_followup_waits_then_resumes_after_it_and_cannot_go_back(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run)
    entry = run.entry
    assert entry.status is EntryStatus.AWAITING_FOLLOWUP
    assert entry.followup_due == FIRST_PART + timedelta(days=1)
    assert entry.answers["later"] == entry.followup_due.isoformat()
    assert entry.position == "urge_after"

    resumed = ExerciseRun(pack, exercise, Entry.from_json(entry.to_json()))
    assert resumed.step.id == "urge_after" and resumed.floor == resumed.index
    assert not resumed.can_go_back
    resumed.go_back()
    assert resumed.step.id == "urge_after"
    assert resumed.counter() == (8, 10)


def test_a_draft_resumes_where_it_was_left(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    run.go_next()
    run.set_answer(7)
    run.go_next()
    resumed = ExerciseRun(pack, exercise, Entry.from_json(run.entry.to_json()))
    assert resumed.step.id == "why" and resumed.floor == 0 and resumed.can_go_back


def test_a_draft_whose_step_is_hidden_now_resumes_at_the_next_shown_step(rules) -> None:
    pack, exercise = rules()
    entry = new_entry(pack, exercise)
    entry.answers["urge"] = 2
    entry.position = "why"  # hidden while the urge is below 6
    assert ExerciseRun(pack, exercise, entry).step.id == "traps"


def test_the_followup_is_done_when_the_person_does_something_past_it(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run)
    stored = run.entry.to_json()

    opened = ExerciseRun(pack, exercise, Entry.from_json(stored), now=clock(CAME_BACK - timedelta(hours=5)))
    opened.set_answer(None)  # opened and left without a word: not done yet
    assert opened.entry.followups_done == {}

    resumed = ExerciseRun(pack, exercise, Entry.from_json(stored), now=clock(CAME_BACK, CAME_BACK + timedelta(hours=1)))
    resumed.set_answer(3)
    resumed.go_next()
    resumed.set_answer({"anxious": 3})
    entry = resumed.complete()
    assert entry.followups_done == {"later": CAME_BACK}
    assert entry.completed_at == CAME_BACK + timedelta(hours=1)
    rows = {row.step_id: row for row in resumed.review()}
    assert rows["later"].text == "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:10"
    assert Entry.from_json(entry.to_json()).followups_done == {"later": CAME_BACK}  # survives JSON


def test_a_followup_done_before_it_fell_due_says_so(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run)
    early = datetime(2026, 12, 2, 18, 0, tzinfo=ZONE)
    resumed = ExerciseRun(pack, exercise, run.entry, now=clock(early))
    resumed.go_next()
    entry = resumed.complete(at=early)
    [row] = [row for row in resumed.review() if row.step_id == "later"]
    assert entry.followups_done == {"later": early}
    assert row.text == "due Wed 02 Dec, 20:29 · done early, Wed 02 Dec, 18:00"


def test_a_waiting_followup_reads_due(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run)
    [row] = [row for row in ExerciseRun(pack, exercise, run.entry).review() if row.step_id == "later"]
    assert row.text == "due Wed 02 Dec, 20:29"


def test_an_entry_waiting_without_its_followup_answer_still_runs(rules) -> None:
    """An imported entry can wait at a step with no follow-up answered before it."""
    pack, exercise = rules()
    entry = new_entry(pack, exercise)
    entry.status, entry.position = EntryStatus.AWAITING_FOLLOWUP, "learned"
    run = ExerciseRun(pack, exercise, entry)
    run.set_answer("Something")
    assert run.step.id == "learned" and not run.can_go_back and entry.followups_done == {}


# -- complete() and pack upgrades ----------------------------------------------------------


def test_complete_drops_an_answer_hidden_because_the_earlier_answer_changed(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    run.go_next()
    run.set_answer(8)
    run.go_next()
    run.set_answer("Payday")
    run.go_back()
    run.set_answer(3)  # the urge was not that strong after all: "why" no longer applies
    assert "why" not in [row.step_id for row in run.review()]
    entry = run.complete(at=FIRST_PART)
    assert "why" not in entry.answers and "why" not in entry.prompts
    assert entry.answers["urge"] == 3
    assert (entry.status, entry.completed_at, entry.position) == (EntryStatus.COMPLETE, FIRST_PART, None)


def test_complete_drops_an_answer_whose_condition_was_cleared(rules) -> None:
    pack, exercise = rules()
    entry = new_entry(pack, exercise)
    entry.answers.update({"why": "Payday", "traps": ["fortune-telling"]})  # the urge rating was cleared
    assert "why" not in ExerciseRun(pack, exercise, entry).complete().answers


BELIEF_V1 = """\
    format: 1
    id: beliefs
    title: Beliefs
    version: {version}
    exercises:
      - id: test-it
        title: Test a belief
        kind: behavioral_experiment
        summary: s
        steps:
          - {{type: text, id: {name}, prompt: "What do you **believe** will happen?"}}
          - {{type: followup, id: later, after: 1 day}}
          - {{type: text, id: result, prompt: "What happened?"}}
"""


def test_a_pack_upgrade_never_deletes_an_answer(load) -> None:
    """The issue's case: v1 has `belief`; v2 renames it `prediction`; the belief text stays."""
    v1 = load(BELIEF_V1.format(version="1.0.0", name="belief"), name="v1.yaml")
    exercise = v1.exercise("test-it")
    run = ExerciseRun(v1, exercise, new_entry(v1, exercise))
    run.set_answer("Everyone will stare")
    run.go_next()
    assert run.go_next(at=FIRST_PART) is False
    saved = run.entry.to_json()

    v2 = load(BELIEF_V1.format(version="2.0.0", name="prediction"), name="v2.yaml")
    exercise = v2.exercise("test-it")
    resumed = ExerciseRun(v2, exercise, Entry.from_json(saved), now=clock(CAME_BACK))
    assert resumed.step.id == "result"
    assert resumed.update is not None and resumed.update.gone == ("belief",)
    resumed.set_answer("Nobody noticed")
    entry = resumed.complete()

    assert entry.answers["belief"] == "Everyone will stare"
    assert entry.prompts["belief"] == "What do you **believe** will happen?"
    rows = {row.step_id: row for row in resumed.review()}
    assert rows["belief"].earlier_version and rows["belief"].heading == (
        f"What do you believe will happen? ({EARLIER_VERSION})"
    )
    assert rows["belief"].text == "Everyone will stare"
    assert not rows["result"].earlier_version
    assert [row.step_id for row in resumed.review()] == ["belief", "later", "result"]


def test_a_renamed_condition_step_does_not_drop_the_answer_it_guards(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run, urge=8)
    assert run.entry.answers["why"] == "Payday"

    v2, renamed = rules(version="2.0.0", urge="craving")  # `why` now depends on `craving`
    resumed = ExerciseRun(v2, renamed, run.entry)
    resumed.set_answer(4)
    entry = resumed.complete()
    assert entry.answers["why"] == "Payday" and entry.answers["urge"] == 8


def test_a_resumed_entry_whose_step_is_gone_goes_on_after_its_last_answer(load) -> None:
    v1 = load(BELIEF_V1.format(version="1.0.0", name="belief"), name="v1.yaml")
    exercise = v1.exercise("test-it")
    entry = new_entry(v1, exercise)
    entry.answers["belief"] = "They'll laugh"
    entry.position = "belief"
    v2 = load(BELIEF_V1.format(version="2.0.0", name="prediction"), name="v2.yaml")
    # Nothing of v2 was answered yet: start at its first step rather than skip it.
    assert ExerciseRun(v2, v2.exercise("test-it"), entry).step.id == "prediction"
    entry.answers["prediction"] = "They'll stare"
    entry.position = "gone-step"
    assert ExerciseRun(v2, v2.exercise("test-it"), entry).step.id == "later"


def test_exercise_update_says_what_changed(load, rules) -> None:
    pack, exercise = rules()
    entry = new_entry(pack, exercise)
    assert exercise_update(entry, pack, exercise) is None
    newer, same = rules(version="1.1.0")
    update = exercise_update(entry, newer, same)
    assert update is not None and update.gone == ()
    assert update.notice == "Updated since you began (1.0.0 → 1.1.0). Everything you wrote is kept."
    entry.answers["belief"] = "an answer to a step the exercise no longer has"
    changed = exercise_update(entry, pack, exercise)
    assert changed is not None and changed.gone == ("belief",)
    assert changed.notice == "Changed since you began. Everything you wrote is kept."


# -- re-rating -----------------------------------------------------------------------------


def test_a_rerating_reads_with_the_first_ratings_items_and_unit(rules) -> None:
    pack, exercise = rules()
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    to_followup(run)
    resumed = ExerciseRun(pack, exercise, run.entry)
    resumed.set_answer(3)
    resumed.go_next()
    resumed.set_answer({"anxious": 3, "sad": 4})
    rows = {row.step_id: row.text for row in resumed.review()}
    assert rows["urge"] == "8 /10" and rows["urge_after"] == "3 /10"
    assert rows["feelings"] == "Anxious: 7\nsad: 2"
    assert rows["feelings_after"] == "Anxious: 3\nsad: 4"  # the earlier step's labels


def test_the_every_step_pack_runs_headless() -> None:
    """The shared test pack from tests/packs/valid, start to end without a screen."""
    pack = load_pack(PACKS / "valid" / "every-step.yaml").pack
    exercise = pack.exercise("everything")
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise))
    answers = {
        "situation": "Alone",
        "thoughts": ["I can't cope"],
        "belief": 60,
        "feelings": {"anxious": 50},
        "answer": "no",
        "traps": ["all-or-nothing"],
    }
    while run.step.type != "timer":
        run.set_answer(answers.get(run.step.id or ""))
        run.go_next()
    assert "plain" not in [step.id for step in exercise.steps[: run.index] if step.id in run.answers]
    run.set_answer({"planned_seconds": 30, "elapsed_seconds": 30, "ended": "completed", "checks": []})
    run.go_next()
    assert run.go_next(at=FIRST_PART) is False
    resumed = ExerciseRun(pack, exercise, run.entry)
    assert resumed.step.id == "belief_after"  # shown: belief 60 is within 10..100
    rows = {row.step_id: row.text for row in resumed.review()}
    assert rows["traps"] == "• All-or-nothing thinking"
    assert rows["surf"] == "0:30 of 0:30 (done)"
    assert rows["belief"] == "60%"
