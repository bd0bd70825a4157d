"""`{step_id}` quoting of earlier answers in prompts; `{{` and `}}` are literal braces."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from cbt_tui.domain.packs.errors import shown_value

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z0-9_]+")


class TemplateError(ValueError):
    pass


def placeholder_names(template: str) -> list[str]:
    """Names quoted by `template`, in order; raises TemplateError for stray braces."""
    names: list[str] = []
    for match in _TOKEN.finditer(template):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            raise TemplateError(f"unmatched '{token}'; write '{token * 2}' for a literal brace")
        if not _NAME.fullmatch(name):
            raise TemplateError(f"{shown_value('{' + name + '}')} is not a step id; step ids use a-z, 0-9 and _")
        names.append(name)
    return names


def render(template: str, answers: Mapping[str, Any], show: Callable[[Any], str] = str) -> str:
    """Fill `{step_id}` with the shown answer ('...' when there is none yet)."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        if name is None:
            return token
        value = answers.get(name)
        return "…" if value in (None, "", [], {}) else show(value)

    return _TOKEN.sub(replace, template)
