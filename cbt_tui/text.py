"""Untrusted text made safe to show: the one way pack and journal text reaches a terminal.

Pack text comes from someone else, and journal text is whatever a person typed or
pasted. Before any of it is printed by the CLI or becomes a Rich `Text`, a Textual
`Content` or Markdown in the trainer, it goes through `visible_text`: control characters
(C0, DEL, C1) and lone surrogates are shown as visible symbols, so an ESC or OSC
sequence is displayed, never obeyed. Newlines and tabs stay; `one_line` folds them where
a field is shown on one line.

The Markdown escapes are here too, so a quoted answer, a report cell and a prompt follow
the same rules: what renders is the text as typed.
"""

from __future__ import annotations

import re

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


def markdown_quote(text: str) -> str:
    """Any text as one visible, escaped line of Markdown, wherever it lands in a prompt."""
    return markdown_escape_line(one_line(text))
