"""Paths and small helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cbt_tui.domain.packs.models import Exercise, OptionsStep, Pack, TimerStep
from cbt_tui.packs.catalog import pack_sources
from cbt_tui.packs.loader import load_pack

TESTS = Path(__file__).parent
PACKS = TESTS / "packs"
EXERCISES = TESTS.parent / "exercises"


def builtin_exercises() -> Iterator[tuple[Pack, Exercise]]:
    """Every built-in (pack, exercise), in catalog order (the packs under exercises/)."""
    for source in pack_sources(EXERCISES):
        result = load_pack(source)
        assert result.pack is not None, "\n".join(str(e) for e in result.errors)
        for exercise in result.pack.exercises:
            yield result.pack, exercise


def exercise_texts(pack: Pack, exercise: Exercise) -> list[tuple[str, str]]:
    """(where, text) for everything a person reads in one exercise.

    Title, summary, prompts, help, info text, placeholders, examples, scale labels,
    timer check prompts, and each option's label and help (from `options` or the
    pack list that `options_from` names).
    """
    texts = [("title", exercise.title), ("summary", exercise.summary)]
    for index, step in enumerate(exercise.steps):
        here = f"steps[{index}]"
        for field in ("prompt", "help", "text", "placeholder"):
            value = getattr(step, field, None)
            if value:
                texts.append((f"{here}.{field}", value))
        texts += [(f"{here}.examples[{i}]", e) for i, e in enumerate(getattr(step, "examples", None) or [])]
        texts += [(f"{here}.labels.{k}", v) for k, v in (getattr(step, "labels", None) or {}).items()]
        if isinstance(step, TimerStep) and step.checks is not None:
            texts.append((f"{here}.checks.prompt", step.checks.prompt))
        if isinstance(step, OptionsStep) and (step.options or step.options_from):
            for option in pack.options_of(step):
                texts.append((f"{here}.options[{option.value}]", option.shown))
                if option.help:
                    texts.append((f"{here}.options[{option.value}].help", option.help))
    return texts


#: Issue 11's safety wording, word for word wherever it appears (it may start a sentence,
#: so compare with `says`, which ignores the case of the first letter).
OVERDOSE_RISK = (
    "after a break, an amount used before can now cause an overdose; this includes anything that might "
    "contain fentanyl (pills not from a pharmacy, cocaine); don't use alone; use less; don't mix with "
    "alcohol or pills; keep naloxone where someone with you can find it."
)
MEDICATION = (
    "don't stop or change a medicine without your prescriber; after stopping naltrexone, tolerance to opioids is low."
)


def says(text: str, wording: str) -> bool:
    """Does `text` carry `wording` word for word (line breaks and the first letter's case aside)?"""
    flat = " ".join(text.split())
    return wording in flat or wording[0].upper() + wording[1:] in flat


def without(text: str, *wordings: str) -> str:
    """`text` with each wording taken out, its line breaks elsewhere kept (to measure or
    count the words around a wording that is given, not ours to change)."""
    import re

    for wording in wordings:
        pattern = r"\s+".join(re.escape(word) for word in wording.split())
        text = re.sub(pattern, "", text, flags=re.IGNORECASE)
    return text
