"""Read one YAML file the way the format page asks, keeping every node's position.

Guards run before anything walks the data: size, UTF-8, tab indentation, duplicate
keys, explicit tags, and alias expansion (counted on the composed node graph, where
aliases are still shared, so a "billion laughs" file is refused in microseconds).

Speed: files are parsed with the libyaml-backed safe loader, four times faster than the
pure-Python round-trip loader. Only a file with a problem is read again with the
round-trip loader, whose line and column for every node the error messages need.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cbt_tui.domain.packs.errors import WHOLE_FILE, PackError

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 10_000
#: No pack needs more; ruamel's scanner slows quadratically with flow nesting ([[[...).
MAX_DEPTH = 100
_TOO_DEEP = f"the YAML is nested more than {MAX_DEPTH} levels deep"
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}


class _PositionsConstructor(RoundTripConstructor):
    """Keeps positions; leaves dates as text, so the models parse them and locate bad ones."""


class _FastConstructor(SafeConstructor):
    """Plain dicts and lists, dates left as text like the round-trip one."""


_PositionsConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
_FastConstructor.add_constructor("tag:yaml.org,2002:timestamp", SafeConstructor.construct_yaml_str)


class YamlProblem(Exception):
    """A file that cannot be turned into data; carries its one located error."""

    def __init__(self, error: PackError):
        super().__init__(str(error))
        self.error = error


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

    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise problem(1, 1, f"file is {size:,} bytes; a pack file may be at most 1 MiB")
        raw = file.read_bytes()
    except OSError as exc:
        raise problem(1, 1, f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise problem(1, 1, f"file is {len(raw):,} bytes; a pack file may be at most 1 MiB")
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
    try:
        data = _parse(text, problem, positions=False)
    except Exception:
        data = _parse(text, problem, positions=True)
        return YamlDocument(shown, data)
    return YamlDocument(shown, data, text)


def _fail(line: int, column: int, message: str) -> YamlProblem:
    return YamlProblem(PackError(Path("?"), line, column, WHOLE_FILE, message))


def _refuse_tab_indentation(text: str, problem) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            raise problem(number, indent.index("\t") + 1, "tab used for indentation; indent with spaces")


_FLOW_CHARS = re.compile(r"[\[\]{}'\"#\n]")


def _refuse_deep_flow_nesting(text: str, problem) -> None:
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


def _parse(text: str, problem, positions: bool) -> Any:
    yaml = YAML(typ="rt" if positions else "safe")
    yaml.Constructor = _PositionsConstructor if positions else _FastConstructor
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
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "not valid YAML"
        if "duplicate key" in str(what) or type(exc).__name__ == "DuplicateKeyError":
            what = _duplicate_key_message(exc)
        raise problem(line, column, _sentence(what)) from None
    except YAMLError as exc:
        raise problem(
            1, 1, _sentence(str(exc).strip().splitlines()[0] if str(exc).strip() else "not valid YAML")
        ) from None
    except RecursionError:
        raise problem(1, 1, _TOO_DEEP) from None


def _duplicate_key_message(exc: MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    key = problem.split('"')[1] if problem.count('"') >= 2 else ""
    return f"duplicate key '{key}' in this mapping" if key else "duplicate key in this mapping"


def _sentence(text: str) -> str:
    return " ".join(str(text).split())


def _check_nodes(root: Node, problem) -> None:
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
            raise problem(mark.line + 1, mark.column + 1, f"tag '{shown}' is not allowed; packs use plain YAML only")
        in_progress.add(key)
        total = 1
        if isinstance(node, SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
                _limit(total, node)
        elif isinstance(node, MappingNode):
            for k, v in node.value:
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
