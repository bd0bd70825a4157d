"""Untrusted text as the trainer shows it: the one way pack and journal text becomes a
renderable on screen.

Every title, summary, prompt, option, help text, safety contact, answer and message that
holds text from a pack or the journal goes through one of these before it becomes a
Rich `Text`, a Textual `Content`, Markdown, a notification or a palette entry:

- `text` for multi-line fields (an answer, a help text): control characters and lone
  surrogates shown as symbols by `cbt_tui.text.visible_text`, newlines kept;
- `line` for one-line places (a title, an option, a list row): the same, on one line;
- `content` for widgets that take a Textual `Content` (the timer's lines);
- `words` for the places that take a plain `str` and are told not to read markup
  (`notify(..., markup=False)`) and for Markdown source;
- `markup_words` for the few Textual APIs that always read markup (the command
  palette's help line): visible, then markup-escaped;
- `highlight` for a palette match: what `Matcher.highlight` draws, without reading the
  candidate as markup.

Rich markup in the text is never interpreted (a `Text` or `Content` made here is the
text itself), and no ESC or OSC sequence from data reaches the terminal.

`NoControls`, the app's last line filter, is the guard behind all this at the terminal
itself: what a widget draws as it was given (an Input or a TextArea showing a resumed
draft exactly as typed, so that saving it keeps every character) never sends a control
character or a lone surrogate to the terminal either.
tests/tui/test_shown_source.py checks that the screens and widgets build their
renderables from data only through this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.filter import LineFilter
from textual.markup import escape

from cbt_tui.text import one_line, visible_text

if TYPE_CHECKING:
    from rich.console import OverflowMethod
    from textual.color import Color
    from textual.fuzzy import Matcher


def text(value: str, style: str = "", *, no_wrap: bool | None = None, overflow: OverflowMethod | None = None) -> Text:
    """Multi-line text as it was written, shown visibly; markup is text."""
    return Text(visible_text(value), style=style, no_wrap=no_wrap, overflow=overflow)


def line(value: str, style: str = "") -> Text:
    """Text on one line (runs of whitespace, newlines too, become one space), shown visibly."""
    return Text(one_line(value), style=style)


def content(value: str) -> Content:
    """Multi-line text as a Textual Content, shown visibly; markup is text."""
    return Content(visible_text(value))


def words(value: str) -> str:
    """Visible text as a plain string: for `notify(..., markup=False)` and Markdown source."""
    return visible_text(value)


def markup_words(value: str) -> str:
    """Visible text escaped for an API that always reads markup (so it reads as text)."""
    return escape(one_line(value))


def highlight(matcher: Matcher, value: str) -> Content:
    """The palette's match display for `value`: the matched letters highlighted, as
    `Matcher.highlight` does, but `value` is never read as markup."""
    shown = one_line(value)
    found = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if score:
        for offset in offsets:
            if not shown[offset].isspace():
                found = found.stylize(matcher.match_style, offset, offset + 1)
    return found


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _cell_safe(match: re.Match[str]) -> str:
    """A control character takes no cell: left out, the line keeps its width; a lone
    surrogate takes one: shown as �."""
    return "\ufffd" if match.group() >= "\ud800" else ""


class NoControls(LineFilter):
    """The last guard before the terminal: no control character or lone surrogate in any
    drawn line, whichever widget drew it (see the module's docstring)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(not segment.control and _UNSAFE.search(segment.text) for segment in segments):
            return segments
        return [
            segment
            if segment.control or not _UNSAFE.search(segment.text)
            else Segment(_UNSAFE.sub(_cell_safe, segment.text), segment.style)
            for segment in segments
        ]
