"""Showing pack and user text safely: never as markup, Markdown only where we choose."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def markdown_escape(text: str) -> str:
    """Backslash-escape Markdown punctuation, so a quoted answer shows as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
