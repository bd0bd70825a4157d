"""Read one YAML file the way the format page asks, keeping every node's position.

Guards run before anything walks the data: a regular file only, size, UTF-8, tab
indentation, directives, duplicate keys and anchors, explicit tags, numbers too long to
be numbers, and alias expansion (counted on the composed node graph, where aliases are
still shared, so a "billion laughs" file is refused in microseconds).

Speed: files are parsed with the libyaml-backed safe loader, four times faster than the
pure-Python round-trip loader. Only a file with a problem is read again with the
round-trip loader, whose line and column for every node the error messages need, and
whose syntax errors `syntax_message` puts into plain words.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cbt_tui.domain.packs.errors import WHOLE_FILE, PackError, shown_value
from cbt_tui.domain.packs.limits import NUMBER_LIMIT, NUMBER_LITERAL_LIMIT

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 10_000
#: No pack needs more; ruamel's scanner slows quadratically with flow nesting ([[[...).
MAX_DEPTH = 100
_TOO_DEEP = f"the YAML is nested more than {MAX_DEPTH} levels deep"
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
_INT_TAG = "tag:yaml.org,2002:int"

#: Builds the one error of a file from a 1-based line and column and a message.
Problem = Callable[[int, int, str], "YamlProblem"]


class YamlProblem(Exception):
    """A file that cannot be turned into data; carries its one located error."""

    def __init__(self, error: PackError):
        super().__init__(str(error))
        self.error = error


class _Refused(Exception):
    """Raised while composing or constructing; `_parse` locates it in the file."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _guarded_int(base: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """An int constructor that refuses literals thousands of digits long, which Python
    cannot turn into a number (decimal) or into text (hex) past 4,300 digits."""

    def construct(constructor: Any, node: Any) -> Any:
        if len(node.value) > NUMBER_LITERAL_LIMIT:
            mark = node.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                f"this number is {len(node.value):,} characters long; "
                f"numbers in a pack lie between -{NUMBER_LIMIT:,} and {NUMBER_LIMIT:,}",
            )
        return base(constructor, node)

    return construct


class _PositionsConstructor(RoundTripConstructor):
    """Keeps positions; leaves dates as text, so the models parse them and locate bad ones."""


class _FastConstructor(SafeConstructor):
    """Plain dicts and lists, dates left as text like the round-trip one."""


for _constructor in (_PositionsConstructor, _FastConstructor):
    _constructor.add_constructor("tag:yaml.org,2002:timestamp", _constructor.construct_yaml_str)
    _constructor.add_constructor(_INT_TAG, _guarded_int(_constructor.yaml_constructors[_INT_TAG]))


class _StrictComposer(Composer):
    """YAML lets a later anchor of the same name replace an earlier one (ruamel only
    warns, on stderr); in a pack that is a mistake, refused like a duplicate key."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, AliasEvent) and anchor in self.anchors:
            first, here = self.anchors[anchor].start_mark, event.start_mark
            raise _Refused(
                here.line + 1,
                here.column + 1,
                f"the anchor &{anchor} is already defined on line {first.line + 1}; give each anchor its own name",
            )
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data and its file; `positioned` is the same data with `.lc` positions."""

    file: Path
    data: Any
    text: str | None = None

    @cached_property
    def positioned(self) -> Any:
        """Read again with the round-trip loader, only when an error needs a position."""
        if self.text is None:
            return self.data
        try:
            return _parse(self.text, _fail, positions=True)
        except YamlProblem:  # pragma: no cover - the fast parse of the same text succeeded
            return self.data


def read_yaml(file: Path, display: Path | None = None) -> YamlDocument:
    """Parse `file`, or raise YamlProblem naming the file, line and column."""
    shown = display or file

    def problem(line: int, column: int, message: str) -> YamlProblem:
        return YamlProblem(PackError(shown, line, column, WHOLE_FILE, message))

    raw = read_regular_bytes(file, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise problem(line, column, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_tab_indentation(text, problem)
    _refuse_deep_flow_nesting(text, problem)
    text = _without_directives(text, problem)
    try:
        data = _parse(text, problem, positions=False)
    except Exception:
        # The round-trip parser is the reference: its errors are the ones reported.
        data = _parse(text, problem, positions=True)
        return YamlDocument(shown, data)
    return YamlDocument(shown, data, text)


def read_regular_bytes(file: Path, display: Path | None = None) -> bytes:
    """The bytes of a regular file, at most MAX_FILE_BYTES of them; else YamlProblem.

    Opened without blocking and checked on the open descriptor: a FIFO, a device, a
    socket or a /proc file (perhaps behind a symlink) is refused instead of waiting for
    a writer or reading forever, and nothing can be swapped in between check and read.
    """
    shown = display or file

    def problem(line: int, column: int, message: str) -> YamlProblem:
        return YamlProblem(PackError(shown, line, column, WHOLE_FILE, message))

    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise problem(1, 1, f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise problem(1, 1, "not a regular file; a pack file is a plain YAML file")
        if info.st_size > MAX_FILE_BYTES:
            raise problem(1, 1, f"file is {info.st_size:,} bytes; a pack file may be at most 1 MiB")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
            raise problem(1, 1, "cannot read file: it has nothing to read yet (not a plain file)") from None
        raise problem(1, 1, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_FILE_BYTES:
        raise problem(1, 1, f"file is over {MAX_FILE_BYTES:,} bytes; a pack file may be at most 1 MiB")
    return b"".join(chunks)


def _fail(line: int, column: int, message: str) -> YamlProblem:
    return YamlProblem(PackError(Path("?"), line, column, WHOLE_FILE, message))


def _refuse_tab_indentation(text: str, problem: Problem) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            raise problem(number, indent.index("\t") + 1, "tab used for indentation; indent with spaces")


_FLOW_CHARS = re.compile(r"[\[\]{}'\"#\n]")


def _refuse_deep_flow_nesting(text: str, problem: Problem) -> None:
    """Count [ and { outside quotes and comments; refuse before the scanner sees them."""
    depth, quote, comment, line, line_start = 0, "", False, 1, 0
    for match in _FLOW_CHARS.finditer(text):
        char = match.group()
        if char == "\n":
            line, line_start, comment = line + 1, match.end(), False
        elif comment:
            continue
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise problem(line, match.start() - line_start + 1, _TOO_DEEP)
        else:
            depth = max(0, depth - 1)


_DIRECTIVE = re.compile(r"%(\S*)[ \t]*(\S*)")


def _without_directives(text: str, problem: Problem) -> str:
    """Directives (`%...` lines before the document) are not for packs: `%YAML 1.2` is
    allowed (and blanked out, line numbers kept), any other version or `%TAG` refused."""
    if not text.startswith("%") and "\n%" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith("%"):
            break  # the document has begun; a '%' further on is its content
        match = _DIRECTIVE.match(line)
        name, value = (match.group(1), match.group(2)) if match else ("", "")
        if name == "YAML" and value == "1.2":
            lines[number] = "#" + line[1:]
            continue
        if name == "YAML":
            raise problem(
                number + 1,
                1,
                f"this file asks for YAML {shown_value(value)}; packs are YAML 1.2: remove this %YAML line",
            )
        if name == "TAG":
            raise problem(number + 1, 1, "a %TAG directive is not allowed; packs use plain YAML only: remove this line")
        raise problem(
            number + 1, 1, f"unknown directive {shown_value('%' + name)}; a pack file has no % lines: remove it"
        )
    return "\n".join(lines)


def _parse(text: str, problem: Problem, positions: bool) -> Any:
    yaml = YAML(typ="rt" if positions else "safe")
    yaml.Constructor = _PositionsConstructor if positions else _FastConstructor
    if positions:
        yaml.Composer = _StrictComposer
    yaml.allow_duplicate_keys = False
    try:
        constructor, parser = yaml.get_constructor_parser(io.StringIO(text))
        try:
            compose = getattr(constructor, "get_single_node", None) or constructor.composer.get_single_node
            node = compose()
            if node is None:
                return None
            _check_nodes(node, problem)
            return constructor.construct_document(node)
        finally:
            parser.dispose()
    except YamlProblem:
        raise
    except _Refused as refused:
        raise problem(refused.line, refused.column, refused.message) from None
    except MarkedYAMLError as exc:
        line, column, message = syntax_message(exc, text)
        raise problem(line, column, message) from None
    except YAMLError as exc:
        raise problem(
            1, 1, _sentence(str(exc).strip().splitlines()[0] if str(exc).strip() else "not valid YAML")
        ) from None
    except RecursionError:
        raise problem(1, 1, _TOO_DEEP) from None


def syntax_message(exc: MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """A parser's complaint as a counsellor would put it, with its 1-based line and column.

    ruamel says "expected <block end>, but found '?'"; a person needs to hear which line
    is out of step and how to fix it. The common mistakes get their own words; anything
    else keeps the parser's phrase, cleaned up.
    """
    problem_text = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    opened = exc.context_mark
    lines = text.split("\n")

    def content_column(number: int) -> int:
        source = lines[number - 1] if 0 < number <= len(lines) else ""
        return len(source) - len(source.lstrip(" ")) + 1

    if "duplicate key" in problem_text or type(exc).__name__ == "DuplicateKeyError":
        return line, column, _duplicate_key_message(exc)
    if problem_text == "mapping values are not allowed here":
        if _indented_more_than_above(lines, line):
            return line, content_column(line), _INDENTED_MORE
        return line, column, "a ': ' inside a value; put the whole value in quotes"
    if problem_text == "could not find expected ':'" and opened is not None:
        return (
            opened.line + 1,
            opened.column + 1,
            "this line has no ':' after its key; write it like 'title: My pack'"
            " (or, for text that goes on from the line above, indent it more)",
        )
    if problem_text == "found unexpected end of stream" and "quoted scalar" in context and opened is not None:
        quote = _char_at(lines, opened.line, opened.column) or "quote"
        return (
            opened.line + 1,
            opened.column + 1,
            f"the {quote} that starts this text is never closed; end the text with {quote}",
        )
    flow = re.fullmatch(r"expected ',' or '([\]}])', but got .*", problem_text)
    if flow and opened is not None:
        close = flow.group(1)
        what = "list" if close == "]" else "mapping"
        return (
            opened.line + 1,
            opened.column + 1,
            f"the '{'[' if close == ']' else '{'}' here is not closed where it should be; "
            f"end the {what} with '{close}' and separate its items with ','",
        )
    found = re.fullmatch(r"expected <block end>, but found '(.*)'", problem_text)
    if found:
        token = found.group(1)
        if token in ("-", "<block sequence start>"):
            return (
                line,
                column,
                (
                    "a '- ' list item where a key was expected; the items of a list line up, "
                    "indented under their key (like 'steps:' with '  - id: ...' below it)"
                ),
            )
        if token == "?":
            return (
                line,
                column,
                (
                    "this key lines up with the '- ' items above it; indent it to line up with "
                    "the keys of its item, or start a new item with '- '"
                ),
            )
        if token == "<block mapping start>":
            return (
                line,
                column,
                (
                    "this line is indented less than the line above it, but not as far back as any key "
                    "above it; keys at one level line up"
                ),
            )
        if token == "<scalar>":
            return line, column, "more text after a closing quote; put the whole value inside the quotes"
        if token in ("]", "}"):
            return line, column, f"a '{token}' that closes nothing; remove it"
    if problem_text.startswith("found character") and "cannot start any token" in problem_text:
        char = _char_at(lines, line - 1, column - 1)
        return line, column, f"a value cannot start with '{char}'; put the value in quotes"
    escape = re.fullmatch(r"found unknown escape character '(.*)'", problem_text)
    if escape:
        return (
            line,
            column,
            (
                f"'\\{escape.group(1)}' is not a known escape inside double quotes; "
                "use single quotes, or write '\\\\' for a backslash"
            ),
        )
    alias = re.fullmatch(r"found undefined alias '(.*)'", problem_text)
    if alias:
        name = alias.group(1)
        return line, column, f"*{name} refers to no anchor; define &{name} above it first"
    if problem_text.startswith("expected alphabetic or numeric character"):
        return line, column, "an anchor (&) or alias (*) needs a name right after it"
    if problem_text.startswith("expected chomping or indentation indicators"):
        return line, column, "after '|' or '>' put nothing on the line but a comment; start the text on the next line"
    if problem_text.startswith("expected the node content"):
        return line, column, "a value cannot start here with this character; put the value in quotes"
    if isinstance(exc, ComposerError) and problem_text == "but found another document":
        return line, column, "a second document ('---') in this file; a pack file holds one document"
    return line, column, _sentence(problem_text or context or "not valid YAML")


_INDENTED_MORE = "this line is indented more than the one above it; keys at one level line up"


def _indented_more_than_above(lines: list[str], number: int) -> bool:
    """True when line `number` (1-based) starts further right than the content line above."""
    if not 0 < number <= len(lines):
        return False
    here = lines[number - 1]
    indent = len(here) - len(here.lstrip(" "))
    for above in reversed(lines[: number - 1]):
        if above.strip() and not above.lstrip().startswith("#"):
            return indent > len(above) - len(above.lstrip(" "))
    return False


def _char_at(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based position, or '' past the text."""
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _duplicate_key_message(exc: MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    key = problem.split('"')[1] if problem.count('"') >= 2 else ""
    return f"duplicate key {shown_value(key)} in this mapping" if key else "duplicate key in this mapping"


def _sentence(text: str) -> str:
    return " ".join(str(text).split())


def _check_nodes(root: Node, problem: Problem) -> None:
    """Refuse custom tags, recursive aliases, deep nesting and expansion past MAX_NODES."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: Node, depth: int = 1) -> int:
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise problem(mark.line + 1, mark.column + 1, _TOO_DEEP)
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            mark = node.start_mark
            raise problem(mark.line + 1, mark.column + 1, "an alias refers to itself; aliases cannot be recursive")
        tag = str(node.tag) if node.tag is not None else ""
        if tag and tag not in _CORE_TAGS:
            mark = node.start_mark
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise problem(
                mark.line + 1, mark.column + 1, f"tag {shown_value(shown)} is not allowed; packs use plain YAML only"
            )
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
                _limit(total, node)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
                if not isinstance(k, ScalarNode):
                    mark = k.start_mark
                    raise problem(mark.line + 1, mark.column + 1, "a key must be plain text, not a list or a mapping")
                total += size(k, depth + 1) + size(v, depth + 1)
                _limit(total, node)
        elif not isinstance(node, ScalarNode):  # pragma: no cover - ruamel has no other kinds
            raise problem(1, 1, "unexpected YAML node")
        in_progress.discard(key)
        sizes[key] = total
        return total

    def _limit(total: int, node: Node) -> None:
        if total > MAX_NODES:
            mark = node.start_mark
            raise problem(
                mark.line + 1,
                mark.column + 1,
                f"this document expands to more than {MAX_NODES:,} values (check anchors and aliases)",
            )

    size(root)
