"""Answers as words: one function for each of numbers, durations, follow-up times and
answers, with labels from the pack when it is known and the stored value when it is gone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from cbt_tui.domain.answers import (
    EARLIER_VERSION,
    answer_order,
    answer_rows,
    answer_text,
    before_after_text,
    change_text,
    duration_text,
    entry_answer_text,
    fill_prompt,
    followup_text,
    number_text,
    option_labels,
)
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.text import markdown_plain

ZONE = timezone(timedelta(hours=-5))
DUE = datetime(2026, 12, 2, 20, 29, tzinfo=ZONE)

PACK = """\
    format: 1
    id: words
    title: Words
    version: 1.0.0
    lists:
      traps:
        - {value: fortune-telling, label: Fortune-telling}
        - mind-reading
    exercises:
      - id: check
        title: Check
        kind: skill
        summary: s
        steps:
          - {type: choice, id: compared, prompt: "How did it compare?", options: [{value: not-true, label: Not true}, came-true]}
          - {type: choice, id: traps, options_from: traps, multiple: true, allow_other: true}
          - {type: ratings, id: feelings, options: [{value: anxious, label: Anxious}], allow_other: true, min: 0, max: 10}
          - {type: ratings, id: feelings_after, rerate: feelings, min: 0, max: 10}
          - {type: scale, id: belief, unit: "%"}
          - {type: scale, id: sleep, min: 0, max: 24, unit: hours}
          - {type: followup, id: later, after: 1 day, prompt: "**Come back** tomorrow."}
          - {type: timer, id: surf, minutes: 20, checks: {every_seconds: 60, prompt: "Urge now?"}}
"""


@pytest.fixture
def words(load):
    pack = load(PACK)
    return pack, pack.exercise("check")


def entry(**fields) -> Entry:
    values = {
        "pack": "words",
        "pack_version": "1.0.0",
        "exercise": "check",
        "exercise_title": "Check",
        "kind": "skill",
        "status": EntryStatus.COMPLETE,
    }
    return Entry(**(values | fields))


@pytest.mark.parametrize(
    ("value", "shown"),
    [(12, "12"), (2.5, "2.5"), (3.0, "3"), (0.1 + 0.2, "0.3"), (-4, "-4"), (1_000_000.0, "1000000"), (0.125, "0.125")],
)
def test_numbers_read_as_people_write_them(value, shown) -> None:
    assert number_text(value) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"), [(0, "0:00"), (79, "1:19"), (1140, "19:00"), (59.6, "1:00"), (-3, "0:00")]
)
def test_durations_are_minutes_and_seconds(seconds, shown) -> None:
    assert duration_text(seconds) == shown


def test_followup_times() -> None:
    done = datetime(2026, 12, 3, 9, 10, tzinfo=ZONE)
    assert followup_text(DUE.isoformat(), done) == "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:10"
    assert followup_text(DUE, DUE - timedelta(hours=2)) == "due Wed 02 Dec, 20:29 · done early, Wed 02 Dec, 18:29"
    assert followup_text(DUE) == "fell due Wed 02 Dec, 20:29"  # an older entry: when it was done is not known
    assert followup_text(DUE, waiting=True) == "due Wed 02 Dec, 20:29"
    assert followup_text("not a time") == "not a time"


def test_choices_and_rated_items_show_their_labels(words) -> None:
    pack, exercise = words
    known = (pack, exercise)
    assert answer_text("not-true", exercise.step("compared"), known) == "Not true"
    assert answer_text("came-true", exercise.step("compared"), known) == "came-true"  # a plain option
    traps = ["fortune-telling", "mind-reading", "my own"]
    assert answer_text(traps, exercise.step("traps"), known) == "• Fortune-telling\n• mind-reading\n• my own"
    assert answer_text(traps, exercise.step("traps"), known, inline=True) == "Fortune-telling; mind-reading; my own"
    feelings = {"anxious": 7, "restless": 4}
    assert answer_text(feelings, exercise.step("feelings"), known) == "Anxious: 7\nrestless: 4"
    assert answer_text(feelings, exercise.step("feelings_after"), known, inline=True) == "Anxious: 7, restless: 4"
    assert option_labels(exercise.step("belief"), known) == {}


def test_without_the_pack_the_stored_values_are_shown(words) -> None:
    _, exercise = words
    assert answer_text("not-true", exercise.step("compared")) == "not-true"
    assert answer_text({"anxious": 7}) == "anxious: 7"
    assert answer_text(["a", "b"], inline=True) == "a; b"


def test_numbers_carry_the_steps_unit(words) -> None:
    _, exercise = words
    assert answer_text(40, exercise.step("belief")) == "40%"
    assert answer_text(7.5, exercise.step("sleep")) == "7.5 hours"
    assert answer_text(True) == "yes" and answer_text(False) == "no" and answer_text(None) == ""
    assert change_text(90, 40, exercise.step("belief")) == "-50%"
    assert change_text(3, 3) == "±0" and change_text(0.1, 0.3) == "+0.2"


def test_a_timer_answer_reads_as_a_wave() -> None:
    surf = {
        "planned_seconds": 1200,
        "elapsed_seconds": 79,
        "ended": "stopped",
        "checks": [{"at": 60, "value": 8}, {"at": 70, "value": 9.5}, {"at": 75, "value": 6}],
    }
    assert answer_text(surf) == "1:19 of 20:00 (stopped); urge 8 → peak 9.5 → 6"
    assert answer_text({"planned_seconds": 60, "elapsed_seconds": 5, "ended": None, "checks": []}) == (
        "0:05 of 1:00 (in progress)"
    )


def test_odd_shapes_from_an_import_still_read() -> None:
    assert answer_text([{"at": 1, "value": 2}, 3.0], inline=True) == "(at: 1, value: 2); 3"
    assert answer_text({"a": [1, 2]}) == "a: 1; 2"


def test_before_and_after_item_by_item(words) -> None:
    pack, exercise = words
    feelings = exercise.step("feelings")
    assert before_after_text({"anxious": 8, "sad": 2}, {"anxious": 3}, feelings, (pack, exercise)) == (
        "Anxious: 8 → 3 (-5)\nsad: 2 → –"
    )
    assert before_after_text(90, 40, exercise.step("belief")) == "90% → 40% (-50%)"
    assert before_after_text(None, 4) == "– → 4"


def test_prompts_quote_answers_by_label_and_escape_them(words) -> None:
    pack, exercise = words
    answers = {"compared": "not-true", "traps": ["fortune-telling"], "feelings": {}}
    template = "It was {compared}; traps: {traps}; feelings: {feelings}; {{braces}}"
    assert (
        fill_prompt(template, answers, (pack, exercise))
        == "It was Not true; traps: Fortune-telling; feelings: …; {braces}"
    )
    assert fill_prompt("{compared}", answers) == "not-true"
    assert fill_prompt("{x}", {"x": "*a*"}, escape=lambda text: text.replace("*", "\\*")) == "\\*a\\*"


def test_rows_follow_the_exercise_and_keep_answers_from_an_earlier_version(words) -> None:
    pack, exercise = words
    written = entry(
        answers={"belief": 40, "gone": "kept", "compared": "not-true", "later": DUE.isoformat()},
        prompts={"belief": "How **sure**?", "gone": "A step of \\*version 1\\*", "compared": "How did it compare?"},
        followups_done={"later": DUE + timedelta(hours=13)},
    )
    assert answer_order(written, exercise) == ["compared", "gone", "belief", "later"]
    rows = answer_rows(written, (pack, exercise))
    assert [(row.step_id, row.heading, row.text) for row in rows] == [
        ("compared", "How did it compare?", "Not true"),
        ("gone", f"A step of *version 1* ({EARLIER_VERSION})", "kept"),
        ("belief", "How sure?", "40%"),
        ("later", "Come back tomorrow.", "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:29"),
    ]
    without_pack = answer_rows(written, None)
    assert [row.step_id for row in without_pack] == ["belief", "gone", "compared", "later"]  # as stored
    assert not any(row.earlier_version for row in without_pack)  # nothing to compare with
    assert without_pack[2].text == "not-true"
    assert without_pack[3].text == "fell due Wed 02 Dec, 20:29 · done Thu 03 Dec, 09:29"  # known by followups_done


def test_a_row_without_a_stored_prompt_uses_the_definitions(words) -> None:
    pack, exercise = words
    written = entry(answers={"surf": {"planned_seconds": 60, "elapsed_seconds": 60, "ended": "completed"}, "x": 1})
    rows = answer_rows(written, (pack, exercise))
    assert [(row.prompt, row.earlier_version) for row in rows] == [("Urge now?", False), ("x", True)]


def test_a_waiting_entry_reads_its_followup_as_due(words) -> None:
    pack, exercise = words
    waiting = entry(status=EntryStatus.AWAITING_FOLLOWUP, followup_due=DUE, answers={"later": DUE.isoformat()})
    assert entry_answer_text(waiting, "later", (pack, exercise)) == "due Wed 02 Dec, 20:29"
    assert entry_answer_text(waiting, "later", None) == DUE.isoformat()  # no pack, no record of it: as stored


def test_markdown_plain_reads_markdown_as_words() -> None:
    assert markdown_plain("**2. Gather.** Bring your attention") == "2. Gather. Bring your attention"
    assert markdown_plain("a \\*\\* b `c` <b>d</b>") == "a ** b c <b>d</b>"
    assert (
        markdown_plain("- one\n- two\n\n1. first\n\nsoft\nbreak  \nhard")
        == "• one\n• two\n\n1. first\n\nsoft break\nhard"
    )
    assert markdown_plain("![a picture](x.png) [a link](y)") == "a picture a link"
    assert markdown_plain("```\ncode *x*\n```") == "code *x*"
    assert markdown_plain("") == ""


def test_a_prompt_quotes_only_what_it_names_and_a_huge_answer_by_its_start() -> None:
    """An imported answer of megabytes: quoting it whole (or every answer, named or not)
    froze the entry view for seconds (issue 10, section 5)."""
    import time

    from cbt_tui.domain.answers import QUOTE_CHARACTERS
    from cbt_tui.text import markdown_quote

    huge = "word " * 4_000_000  # 20 MB
    answers = {"situation": huge, "other": huge, "thought": "I failed"}
    start = time.perf_counter()
    filled = fill_prompt("You wrote {situation}; you thought {thought}.", answers, escape=markdown_quote)
    assert time.perf_counter() - start < 1.0
    assert filled.startswith("You wrote word word") and filled.endswith("…; you thought I failed.")
    assert len(filled) < QUOTE_CHARACTERS + 100
