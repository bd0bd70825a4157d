"""Load one pack (a file, or a folder with pack.yaml) and report every error, located.

Nothing here raises on bad input: whatever the bytes, the result is a pack or a list of
`PackError`s, each pointing at the file, line and column of the offending key or value.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from cbt_tui.domain.packs import checks, models
from cbt_tui.domain.packs.errors import WHOLE_FILE, Loc, PackError, did_you_mean, format_loc, one_of
from cbt_tui.domain.packs.models import (
    FORMAT_VERSION,
    FREQUENCIES,
    STEP_TYPES,
    UNION_TAGS,
    Exercise,
    ExerciseFile,
    Option,
    Pack,
)
from cbt_tui.packs.yaml_source import YamlDocument, YamlProblem, read_yaml

HEADER_NAMES = ("pack.yaml", "pack.yml")


@dataclass
class LoadResult:
    """A loaded pack, or the reasons it could not be loaded (never both)."""

    source: Path
    pack: Pack | None = None
    errors: list[PackError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


def load_pack(path: Path | str) -> LoadResult:
    path = Path(path)
    try:
        return _PackReader(path).read()
    except Exception as exc:
        return LoadResult(
            path, errors=[PackError(path, 1, 1, WHOLE_FILE, f"could not read this pack ({type(exc).__name__}: {exc})")]
        )


def exercise_files(folder: Path) -> list[Path]:
    """Exercise files of a folder pack: every *.yaml / *.yml but the header, hidden ones skipped."""
    found = []
    for candidate in folder.rglob("*"):
        relative = candidate.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file() and str(relative) not in HEADER_NAMES:
            found.append(candidate)
    return sorted(found)


class _PackReader:
    def __init__(self, path: Path):
        self.path = path
        self.errors: list[PackError] = []

    def read(self) -> LoadResult:
        pack = None
        if self.path.is_dir():
            pack = self._read_folder()
        elif self.path.is_file():
            pack = self._read_pack(self.path, [])
        else:
            self.errors.append(PackError(self.path, 1, 1, WHOLE_FILE, "no such file or folder"))
        self.errors.sort()
        if self.errors:
            return LoadResult(self.path, errors=self.errors)
        return LoadResult(self.path, pack=pack)

    def _read_folder(self) -> Pack | None:
        header_file = next((self.path / n for n in HEADER_NAMES if (self.path / n).is_file()), None)
        if header_file is None:
            self.errors.append(
                PackError(self.path, 1, 1, WHOLE_FILE, "a pack folder needs a pack.yaml with the pack header")
            )
            return None
        return self._read_pack(header_file, exercise_files(self.path))

    def _read_pack(self, header_file: Path, files: list[Path]) -> Pack | None:
        """Validate the header, each exercise on its own, then everything that refers across."""
        header = self._document(header_file)
        if header is None or not self._format_ok(header, required=True):
            header_fields, list_names, located = None, [], []
        else:
            header_fields, list_names, located = self._read_header(header)
        raw_ids: list[str] = []
        for file in files:
            document = self._document(file)
            if document is None:
                continue
            if isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                raw_ids.append(document.data["id"])
            if self._format_ok(document, required=True):
                exercise = self._validate(ExerciseFile, document.data, document, ())
                if exercise is not None:
                    located.append((exercise, document, ()))
        if header_fields is None:
            return None
        shared, shared_names = _shared_lists_used(located, list_names)
        self._cross_check(header, header_fields, located, [*list_names, *shared_names], raw_ids)
        return header_fields.model_copy(
            update={
                "exercises": [exercise for exercise, _, _ in located],
                "lists": {**(header_fields.lists or {}), **shared} if shared else header_fields.lists,
            }
        )

    def _read_header(self, document: YamlDocument) -> tuple[Pack | None, list[str], list]:
        data = document.data
        lists = data.get("lists")
        list_names = [str(name) for name in lists] if isinstance(lists, dict) else []
        header = self._validate(Pack, {k: v for k, v in data.items() if k != "exercises"}, document, ())
        located = []
        inline = data.get("exercises")
        if inline is not None and not isinstance(inline, list):
            self._add(document, ("exercises",), f"expected a list of exercises, got {_describe(inline)}", at="value")
        for index, item in enumerate(inline if isinstance(inline, list) else []):
            base = ("exercises", index)
            if isinstance(item, dict) and not self._format_ok(YamlDocument(document.file, item), False, base, document):
                continue
            exercise = self._validate(Exercise, item, document, base)
            if exercise is not None:
                located.append((exercise, document, base))
        return header, list_names, located

    def _cross_check(self, header: YamlDocument, pack: Pack, located, list_names: list[str], raw_ids) -> None:
        for exercise, document, base in located:
            for loc, message in checks.check_exercise(exercise, list_names):
                self._add(document, base + loc, message, at="value")
        for loc, message in checks.check_pack_lists(pack.lists or {}):
            self._add(header, loc, message, at="value")
        for loc_doc, (loc, message) in checks.check_exercise_ids([(e.id, (doc, base)) for e, doc, base in located]):
            self._add(loc_doc, loc, message, at="value")
        known = {exercise.id for exercise, _, _ in located} | set(raw_ids)
        for loc, message in checks.check_assignments(pack.assignments or [], known):
            self._add(header, loc, message, at="value")

    def _document(self, file: Path) -> YamlDocument | None:
        try:
            return read_yaml(file)
        except YamlProblem as problem:
            self.errors.append(problem.error)
            return None

    def _format_ok(
        self, document: YamlDocument, required: bool, base: Loc = (), shown_in: YamlDocument | None = None
    ) -> bool:
        """`format` present (where required), a whole number, and not newer than this app."""
        data, where = document.data, shown_in or document
        if not isinstance(data, dict):
            message = (
                "the file is empty; a pack file starts with 'format: 1'"
                if data is None
                else "expected a mapping of keys (format, id, title, ...) at the top of the file"
            )
            self.errors.append(PackError(document.file, 1, 1, WHOLE_FILE, message))
            return False
        if "format" not in data:
            if required:
                self._add(
                    where,
                    base,
                    f"missing 'format: {FORMAT_VERSION}' (the pack format this file is written in)",
                    at="container",
                )
            return not required
        value = data["format"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self._add(where, base + ("format",), f"format must be the whole number {FORMAT_VERSION}", at="value")
            return False
        if value > FORMAT_VERSION:
            self._add(
                where,
                base + ("format",),
                f"this pack needs a newer version of the app (pack format {value}; this app reads format {FORMAT_VERSION})",
                at="value",
            )
            return False
        return True

    def _validate(self, model: type[BaseModel], data: Any, document: YamlDocument, base: Loc):
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = tuple(part for part in error["loc"] if part not in UNION_TAGS)
                if error["type"] == "union_tag_invalid":
                    loc += ("type",)
                elif "field" in (error.get("ctx") or {}):
                    loc += (error["ctx"]["field"],)
                at = (
                    "key"
                    if error["type"] == "extra_forbidden"
                    else "container"
                    if error["type"] == "missing"
                    else "value"
                )
                self._add(document, base + loc, _message(error, model), at=at)
            return None

    def _add(self, document: YamlDocument, loc: Loc, message: str, at: str) -> None:
        line, column = _position(document.positioned, loc, at)
        self.errors.append(PackError(document.file, line, column, format_loc(loc), message))


def _shared_lists_used(
    located: list[tuple[Exercise, YamlDocument, Loc]], list_names: list[str]
) -> tuple[dict[str, list[str | Option]], list[str]]:
    """The lists of built-in packs that steps name as `PACK/LIST` (`core/permission_thoughts`),
    so a wording is kept in one place, and every name such a step could use (for the
    cross-checks, which suggest the nearest one). A pack's own list of the same name wins."""
    wanted = {
        step.options_from
        for exercise, _, _ in located
        for step in exercise.steps
        if isinstance(step, models.OptionsStep)
        and step.options_from is not None
        and "/" in step.options_from
        and step.options_from not in list_names
    }
    if not wanted:
        return {}, []
    shared = builtin_lists()
    return {name: shared[name] for name in sorted(wanted) if name in shared}, list(shared)


@cache
def builtin_lists() -> dict[str, list[str | Option]]:
    """Every list of the built-in packs, as `PACK/LIST`: read from their headers only, so
    one built-in pack can use another's lists without loading it (and never in a loop)."""
    from cbt_tui.paths import builtin_packs_dir

    found: dict[str, list[str | Option]] = {}
    folder = builtin_packs_dir()
    for header_file in sorted(folder.glob("*/pack.yaml")) if folder.is_dir() else []:
        try:
            data = read_yaml(header_file).data
            lists = _LISTS.validate_python(data.get("lists") or {}) if isinstance(data, dict) else {}
        except (YamlProblem, ValidationError):
            continue  # a broken built-in header is reported when that pack itself loads
        found.update({f"{data.get('id')}/{name}": items for name, items in lists.items()})
    return found


_LISTS = TypeAdapter(dict[str, list[models.OptionItem]])


def _position(data: Any, loc: Loc, at: str) -> tuple[int, int]:
    """1-based line and column of the node at `loc`: its key, its value, or its container."""
    node = data
    position = _own_position(node) or (0, 0)
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        try:
            if isinstance(node, dict) and part in node:
                key_pos, value_pos = node.lc.key(part), node.lc.value(part)
                if last and at == "key":
                    position = key_pos
                    break
                position = value_pos
                node = node[part]
                position = _own_position(node) or position if not last else position
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                position = node.lc.item(part)
                node = node[part]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
    return position[0] + 1, position[1] + 1


def _own_position(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return lc.line, lc.col


def _message(error: dict, root_model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = [part for part in error["loc"] if isinstance(part, (str, int))]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        valid = _field_names(root_model, error["loc"][:-1])
        return f"unknown key '{name}'" + _hint(str(name), valid)
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", "")).removeprefix("step:")
        return f"unknown step type '{tag}'" + _hint(tag, STEP_TYPES)
    if kind == "union_tag_not_found":
        if isinstance(given, dict):
            return f"missing required key 'type' (one of: {one_of(STEP_TYPES)})"
        return f"expected a step (a mapping with 'type', 'id', 'prompt', ...), got {_describe(given)}"
    if kind == "literal_error":
        expected = [part.strip().strip("'") for part in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"unknown value '{given}'" + _hint(given, expected)
    if kind == "cbt_format":
        if name == "frequency":
            near_miss = "" if re.match(r"^\d+/week$", str(given)) else str(given)
            return f"unknown frequency '{given}'" + _hint(near_miss, FREQUENCIES[:3]).replace(
                "; expected one of: 'once', 'daily', 'weekly'",
                "; expected once, daily, weekly or N/week (N from 1 to 7)",
            )
        return error["msg"]
    if kind in ("string_type",):
        return f"expected text, got {_describe(given)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(given)}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {_describe(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(given)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys and values, got {_describe(given)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date like 2026-11-24, got {_describe(given)}"
    if kind == "too_short":
        if name == "steps":
            return "an exercise needs at least one step"
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"must be {words} {ctx.get(key):g}, got {given}"
    return str(error["msg"])


def _hint(given: Any, choices) -> str:
    """', did you mean 'x'?' for a near miss, else the valid choices."""
    choices = list(choices)
    return did_you_mean(given, choices) or (f"; expected one of: {one_of(choices)}" if choices else "")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else "a long text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _field_names(root: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a model accepts at `loc` (walking fields, lists, dicts and union tags)."""
    annotation: Any = root
    for part in loc:
        model = _as_model(annotation)
        if model is not None and isinstance(part, str) and part in model.model_fields:
            annotation = model.model_fields[part].annotation
            continue
        if isinstance(part, str) and part.startswith("step:"):
            annotation = _STEP_MODELS[part]
            continue
        if part == "option:map":
            annotation = Option
            continue
        annotation = _item_type(annotation)
    model = _as_model(annotation)
    return list(model.model_fields) if model is not None else []


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _as_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _item_type(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        args = typing.get_args(candidate)
        if typing.get_origin(candidate) in (list, dict) and args:
            return args[-1]
    return annotation


#: Union tag in an error location -> the step model it names (for "did you mean" keys).
_STEP_MODELS = {f"step:{name}": getattr(models, f"{name.capitalize()}Step") for name in STEP_TYPES}
