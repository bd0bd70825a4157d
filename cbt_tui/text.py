"""Untrusted text made safe to show: the one way pack and journal text reaches a terminal.

Pack text comes from someone else, and journal text is whatever a person typed or
pasted. Before any of it is printed by the CLI or becomes a Rich `Text`, a Textual
`Content` or Markdown in the trainer, it goes through `visible_text`: control characters
(C0, DEL, C1) and lone surrogates are shown as visible symbols, so an ESC or OSC
sequence is displayed, never obeyed. Newlines and tabs stay; `one_line` folds them where
a field is shown on one line.

The Markdown escapes are here too, so a quoted answer, a report cell and a prompt follow
the same rules: what renders is the text as typed; and `markdown_plain`, the words a
Markdown prompt shows, for the places that show plain text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
_MARKDOWN_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_TRAILING_HASHES = re.compile(r"(?<!\\)(#+)$")


def visible_text(text: str) -> str:
    """Control characters shown as symbols (ESC as ␛) and lone surrogates as �, so text
    cannot drive a terminal; newlines and tabs are kept."""
    return _CONTROL.sub(_control_picture, text.replace("\r\n", "\n"))


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def cut_text(text: str, limit: int) -> str:
    """Text as it is, or its first `limit` characters and a note of its full length (a
    pasted or imported answer of many megabytes is shown cut, never drawn whole)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…\n(cut here: the whole answer is {len(text):,} characters; `cbt export` has all of it)"


def entries_text(count: int) -> str:
    """A count of journal entries in words ("1 entry", "2 entries"), for every command
    and screen that says how many (here, as this module imports nothing heavy)."""
    return f"{count} {'entry' if count == 1 else 'entries'}"


def one_line(text: str) -> str:
    """Visible text on one line: runs of whitespace (newlines too) become one space."""
    return " ".join(visible_text(text).split())


def markdown_escape_inline(line: str) -> str:
    """Escape what means something within a line of Markdown; a trailing '#' run would
    close a heading. For text placed after other text on the same line."""
    return _TRAILING_HASHES.sub(r"\\\1", _MARKDOWN_INLINE.sub(r"\\\1", line.strip()))


def markdown_escape_line(line: str) -> str:
    """Also escape what would start a block (a heading, a quote, a list) at a line's start."""
    return _MARKDOWN_LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}",
        markdown_escape_inline(line),
    )


def markdown_block(text: str) -> str:
    """Any text as visible, escaped Markdown paragraphs; single line breaks are kept as
    hard breaks, blank lines separate paragraphs. Empty text gives ''."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in visible_text(text).splitlines():
        if line.strip():
            current.append(markdown_escape_line(line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs)


def markdown_quote(text: str) -> str:
    """Any text as one visible, escaped line of Markdown, wherever it lands in a prompt."""
    return markdown_escape_line(one_line(text))


@cache
def _markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("strikethrough")


@lru_cache(maxsize=4096)  # the same prompts come back entry after entry (history, export)
def markdown_plain(text: str) -> str:
    """Markdown as the words a reader sees, for places that show plain text (the review,
    history, reports): `**2. Gather.**` reads `2. Gather.`, `\\*` reads `*`, code and
    HTML stay as written, list items keep a bullet, paragraphs a blank line."""
    blocks: list[tuple[str, int | None]] = []  # (words, the list it is an item of)
    lists = 0
    bullet: str | None = None
    for token in _markdown_parser().parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type == "list_item_open":
            bullet = "• " if token.markup in ("-", "*", "+") else f"{token.info}{token.markup} "
        elif token.type == "inline":
            blocks.append(((bullet or "") + _inline_plain(token.children or []), lists if bullet else None))
            bullet = None
        elif token.type in ("fence", "code_block", "html_block"):
            blocks.append((token.content.rstrip("\n"), None))
    out = ""
    for index, (words, in_list) in enumerate(blocks):
        if index:  # the items of a list follow each other line by line; other blocks are paragraphs
            out += "\n" if in_list is not None and in_list == blocks[index - 1][1] else "\n\n"
        out += words
    return out


def _inline_plain(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type == "softbreak":
            parts.append(" ")
        elif token.type == "hardbreak":
            parts.append("\n")
        elif token.type == "image":  # its description, as a screen reader says it
            parts.append(_inline_plain(token.children or []))
        elif token.type in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
    return "".join(parts)
