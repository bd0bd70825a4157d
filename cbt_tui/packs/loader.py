"""Load one pack (a file, or a folder with pack.yaml) and report every error, located.

Nothing here raises on bad input: whatever the bytes, the result is a pack or a list of
`PackError`s, each pointing at the file, line and column of the offending key or value.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from cbt_tui.domain.packs import checks, models
from cbt_tui.domain.packs.errors import (
    WHOLE_FILE,
    Loc,
    PackError,
    described,
    did_you_mean,
    format_loc,
    one_of,
    shown_value,
)
from cbt_tui.domain.packs.limits import TEXT_LIMIT
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
#: Where an error points: the key, its value, or the mapping that lacks it.
At = Literal["key", "value", "container"]
M = TypeVar("M", bound=BaseModel)
#: An exercise, the document it was read from, and its place there.
Located = tuple[Exercise, YamlDocument, Loc]


@dataclass
class LoadResult:
    """A loaded pack, or the reasons it could not be loaded (never both)."""

    source: Path
    pack: Pack | None = None
    errors: list[PackError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


def load_pack(path: Path | str, reserved_ids: Collection[str] = ()) -> LoadResult:
    """Read and check the pack at `path`; `reserved_ids` (the built-in packs' ids, for a
    pack from elsewhere) are refused as its id, where `id` is written."""
    path = Path(path)
    try:
        return _PackReader(path, reserved_ids).read()
    except Exception as exc:
        return LoadResult(
            path, errors=[PackError(path, 1, 1, WHOLE_FILE, f"could not read this pack ({type(exc).__name__}: {exc})")]
        )


def exercise_files(folder: Path) -> list[Path]:
    """Exercise files of a folder pack: every *.yaml / *.yml but the header, hidden ones skipped.

    Anything so named that is not a folder counts, so that a FIFO, a device or a broken
    symlink is reported by `read_yaml` (which reads regular files only), not skipped.
    """
    found = []
    for candidate in folder.rglob("*"):
        relative = candidate.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if candidate.suffix in (".yaml", ".yml") and not candidate.is_dir() and str(relative) not in HEADER_NAMES:
            found.append(candidate)
    return sorted(found)


def header_file(folder: Path) -> Path | None:
    """The folder's pack.yaml (or pack.yml), whatever kind of file it is."""
    return next((folder / n for n in HEADER_NAMES if _present(folder / n)), None)


def _present(path: Path) -> bool:
    return path.is_symlink() or (path.exists() and not path.is_dir())


class _PackReader:
    def __init__(self, path: Path, reserved_ids: Collection[str]) -> None:
        self.path = path
        self.reserved_ids = reserved_ids
        self.errors: list[PackError] = []

    def read(self) -> LoadResult:
        pack: Pack | None = None
        if self.path.is_dir():
            pack = self._read_folder()
        elif _present(self.path):
            pack = self._read_pack(self.path, [])
        else:
            self.errors.append(PackError(self.path, 1, 1, WHOLE_FILE, "no such file or folder"))
        self.errors.sort()
        if self.errors:
            return LoadResult(self.path, errors=self.errors)
        return LoadResult(self.path, pack=pack)

    def _read_folder(self) -> Pack | None:
        header = header_file(self.path)
        if header is None:
            self.errors.append(
                PackError(self.path, 1, 1, WHOLE_FILE, "a pack folder needs a pack.yaml with the pack header")
            )
            return None
        return self._read_pack(header, exercise_files(self.path))

    def _read_pack(self, header_file: Path, files: list[Path]) -> Pack | None:
        """Validate the header, each exercise on its own, then everything that refers across."""
        header = self._document(header_file)
        header_fields: Pack | None = None
        located: list[Located] = []
        if header is not None and self._format_ok(header, required=True):
            header_fields, located = self._read_header(header)
        raw_ids: list[str] = []
        #: An exercise file that is not YAML hides its id: no "no exercise 'x'" guesses then.
        ids_known = True
        for file in files:
            document = self._document(file)
            if document is None:
                ids_known = False
                continue
            if isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                raw_ids.append(document.data["id"])
            elif not isinstance(document.data, dict):
                ids_known = False
            if self._format_ok(document, required=True):
                exercise = self._validate(ExerciseFile, document.data, document, ())
                if exercise is not None:
                    located.append((exercise, document, ()))
        if header is None or header_fields is None:
            return None
        shared = _shared_lists_used(located, header_fields.lists or {})
        checked = (
            header_fields.model_copy(update={"lists": {**(header_fields.lists or {}), **shared}})
            if shared
            else header_fields
        )
        self._cross_check(header, checked, located, raw_ids if ids_known else None)
        exercises = [checks.resolve_rerates(exercise) for exercise, _, _ in located]
        used = {name: items for name, items in shared.items() if _is_used(name, located)}
        lists = {**(header_fields.lists or {}), **used} if used else header_fields.lists
        return header_fields.model_copy(update={"exercises": exercises, "lists": lists})

    def _read_header(self, document: YamlDocument) -> tuple[Pack | None, list[Located]]:
        data = document.data
        header = self._validate(Pack, {k: v for k, v in data.items() if k != "exercises"}, document, ())
        if header is not None and header.id in self.reserved_ids:
            message = f"the id {shown_value(header.id)} belongs to a built-in pack; give this pack another id"
            self._add(document, ("id",), message, at="value")
        located: list[Located] = []
        inline = data.get("exercises")
        if inline is not None and not isinstance(inline, list):
            self._add(document, ("exercises",), f"expected a list of exercises, got {described(inline)}", at="value")
        for index, item in enumerate(inline if isinstance(inline, list) else []):
            base = ("exercises", index)
            if isinstance(item, dict) and not self._format_ok(YamlDocument(document.file, item), False, base, document):
                continue
            exercise = self._validate(Exercise, item, document, base)
            if exercise is not None:
                located.append((exercise, document, base))
        return header, located

    def _cross_check(self, header: YamlDocument, pack: Pack, located: list[Located], raw_ids: list[str] | None) -> None:
        """Checks across exercises and the header; `raw_ids` is None when an exercise file
        could not be read, so assignments are not checked against a partial list."""
        for exercise, document, base in located:
            for loc, message in checks.check_exercise(exercise, pack.lists or {}):
                self._add(document, base + loc, message, at="value")
        for loc, message in checks.check_pack_lists(pack.lists or {}):
            self._add(header, loc, message, at="value")
        for loc_doc, (loc, message) in checks.check_exercise_ids([(e.id, (doc, base)) for e, doc, base in located]):
            self._add(loc_doc, loc, message, at="value")
        if raw_ids is not None:
            known = {exercise.id for exercise, _, _ in located} | set(raw_ids)
            for loc, message in checks.check_assignments(pack.assignments or [], known):
                self._add(header, loc, message, at="value")
            for exercise, document, base in located:
                for loc, message in checks.check_exercise_refs(exercise, known):
                    self._add(document, base + loc, message, at="value")

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
                f"this pack needs a newer version of the app (pack format {shown_value(value)}; "
                f"this app reads format {FORMAT_VERSION})",
                at="value",
            )
            return False
        return True

    def _validate(self, model: type[M], data: Any, document: YamlDocument, base: Loc) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc: Loc = tuple(part for part in error["loc"] if part not in UNION_TAGS and part != "[key]")
                ctx = error.get("ctx") or {}
                if error["type"] == "union_tag_invalid":
                    loc += ("type",)
                elif "field" in ctx:
                    loc += (ctx["field"],)
                at: At = "value"
                if error["type"] == "extra_forbidden" or "[key]" in error["loc"]:
                    at = "key"
                elif error["type"] == "missing":
                    at = "container"
                self._add(document, base + loc, _message(error, model), at=at)
            return None

    def _add(self, document: YamlDocument, loc: Loc, message: str, at: At) -> None:
        line, column = _position(document.positioned, loc, at)
        self.errors.append(PackError(document.file, line, column, format_loc(loc), message))


def _shared_lists_used(located: list[Located], own: dict[str, Any]) -> dict[str, list[str | Option]]:
    """When a step names a list as `PACK/LIST` (`core/permission_thoughts`), every list of
    the built-in packs, so the name can be checked (with the nearest one suggested) and its
    wording kept in one place. A pack's own list of the same name wins."""
    if not any(_shared_name(step, own) for exercise, _, _ in located for step in exercise.steps):
        return {}
    return {name: items for name, items in builtin_lists().items() if name not in own}


def _shared_name(step: object, own: dict[str, Any]) -> str | None:
    name = getattr(step, "options_from", None)
    return name if isinstance(name, str) and "/" in name and name not in own else None


def _is_used(name: str, located: list[Located]) -> bool:
    return any(getattr(step, "options_from", None) == name for exercise, _, _ in located for step in exercise.steps)


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


def _position(data: Any, loc: Loc, at: At) -> tuple[int, int]:
    """1-based line and column of the node at `loc`: its key, its value, or its container."""
    node = data
    position = _own_position(node) or (0, 0)
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        lc: Any = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and part in node:
                key_pos, value_pos = lc.key(part), lc.value(part)
                if last and at == "key":
                    position = key_pos
                    break
                position = value_pos
                node = node[part]
                position = _own_position(node) or position if not last else position
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                position = lc.item(part)
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


def _message(error: ErrorDetails, root_model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = [part for part in error["loc"] if isinstance(part, (str, int)) and part != "[key]"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required key {shown_value(name)}"
    if kind == "extra_forbidden":
        valid = _field_names(root_model, error["loc"][:-1])
        return f"unknown key {shown_value(name)}" + _hint(name, valid)
    if kind == "union_tag_invalid":
        tag = str(ctx.get("tag", "")).removeprefix("step:")
        return f"unknown step type {shown_value(tag)}" + _hint(tag, STEP_TYPES)
    if kind == "union_tag_not_found":
        if isinstance(given, dict):
            return f"missing required key 'type' (one of: {one_of(STEP_TYPES)})"
        return f"expected a step (a mapping with 'type', 'id', 'prompt', ...), got {described(given)}"
    if kind == "literal_error":
        expected = [part.strip().strip("'") for part in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        return f"unknown value {shown_value(given)}" + _hint(given, expected)
    if kind == "cbt_format":
        if name == "frequency":
            near_miss = "" if re.fullmatch(r"\s*\d+\s*/\s*weeks?\s*", str(given)) else given
            return f"unknown frequency {shown_value(given)}" + _hint(near_miss, FREQUENCIES[:3]).replace(
                "; expected one of: 'once', 'daily', 'weekly'",
                "; expected once, daily, weekly or N/week (N from 1 to 7)",
            )
        return error["msg"]
    if kind == "string_too_long":
        length = f"{len(given):,} characters" if isinstance(given, str) else "too long"
        return f"this text is {length}; a text may be at most {TEXT_LIMIT:,} characters"
    if kind in ("string_type",):
        return f"expected text, got {described(given)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {described(given)}"
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"expected a number, got {described(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {described(given)}"
    if kind == "list_type":
        return f"expected a list, got {described(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys and values, got {described(given)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date like 2026-11-24, got {described(given)}"
    if kind == "too_short":
        if name == "steps":
            return "an exercise needs at least one step"
        if name == "sum":
            return "a score needs at least one step to add up"
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    return str(error["msg"])


def _hint(given: object, choices: Iterable[str]) -> str:
    """', did you mean 'x'?' for a near miss, else the valid choices."""
    choices = list(choices)
    return did_you_mean(given, choices) or (f"; expected one of: {one_of(choices)}" if choices else "")


def _field_names(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
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
