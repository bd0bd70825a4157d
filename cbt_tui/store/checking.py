"""Entries from JSON documents: the one loop that validates them and names what is wrong.

Store files, backups and import files all hold entry documents; each reader hands its
documents here with a label saying where each one is (`entries[3]`,
`2026-03.json: open[2]`), gets the valid entries back, and collects one
`LABEL.FIELD: message` line per problem.

Documents from elsewhere (`foreign`: an import file) are held to more than the model:
their answers, scores and flags must have the shapes the trainer stores
(`answer_problems`, `scoring_problems`); answers nest at most four levels, so nothing
deeper gets in. Documents the store wrote itself are read
with the model alone, so a shape the trainer starts writing later never hides an entry
that is already saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError

from cbt_tui.domain.entries import Entry, answer_problems, describe_errors, scoring_problems
from cbt_tui.domain.packs.errors import format_loc


def checked_entries(
    documents: Iterable[tuple[str, Any]], problems: list[str], *, foreign: bool = False
) -> Iterator[tuple[int, Entry]]:
    """(position among `documents`, entry) for each valid one; problem lines for the rest."""
    for position, (label, document) in enumerate(documents):
        answers = document.get("answers") if foreign and isinstance(document, dict) else None
        shapes = answer_problems(answers) if isinstance(answers, dict) else []
        if shapes:  # checked first: the model would walk an answer however deep it nests
            document = {**document, "answers": {}}
        scoring = scoring_problems(document) if foreign and isinstance(document, dict) else []
        if scoring:  # said in plain words here, not again by the model
            document = {**document, "scores": {}, "flags": []}
        shapes += scoring
        problems += [f"{format_loc((label, *loc))}: {message}" for loc, message in shapes]
        try:
            entry = Entry.from_json(document)
        except ValidationError as error:
            problems += describe_errors(error, label)
            continue
        if not shapes:
            yield position, entry
