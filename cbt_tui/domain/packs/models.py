"""Pydantic models of pack format version 1: the shapes, not the cross-references.

Cross-checks that need the whole pack (options_from, rerate, when, placeholders,
assignments, unique ids) live in `checks.py`, so each can point at its own field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args

import semver
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from cbt_tui.domain.packs.errors import described, shown_value
from cbt_tui.domain.packs.limits import AFTER_LIMIT_DAYS, NUMBER_LIMIT, TEXT_LIMIT

FORMAT_VERSION = 1

#: What an exercise is, for grouping, icons and charts; `KINDS` lists them in order.
Kind = Literal["thought_record", "restructuring", "behavioral_experiment", "craving_surf", "skill", "measure"]
KINDS: tuple[str, ...] = get_args(Kind)
STEP_TYPES = ("info", "text", "list", "scale", "ratings", "choice", "timer", "followup")
FREQUENCIES = ("once", "daily", "weekly", "N/week")
#: Which way a rating should move to count as better (an addition to the contract).
Better = Literal["lower", "higher"]

# Patterns are matched whole (`fullmatch`): `$` alone would let "core\n" through.
# The JSON Schema gets them with ^...$, which in an editor's (ECMAScript) regex means the same.
_PACK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_STEP_ID = re.compile(r"[a-z0-9_]+")
#: semver.org's own expression (for the schema); `semver` validates and compares.
_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?"
)
_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_FREQUENCY = re.compile(r"once|daily|weekly|[1-7]/week")
_AFTER = re.compile(r" *(\d+(?:\.\d+)?) +(minute|hour|day|week)s? *")
_SECONDS_PER = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def _matching(pattern: re.Pattern[str], message: str) -> AfterValidator:
    """Refuse text that is not wholly `pattern`; `message` may name the value as {value}."""

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise _error(message.replace("{value}", shown_value(value)))
        return value

    return AfterValidator(check)


def _pattern(pattern: re.Pattern[str]) -> Any:
    """The JSON Schema's copy of a pattern, anchored at both ends as fullmatch is."""
    return Field(json_schema_extra={"pattern": f"^(?:{pattern.pattern})$"})


PackId = Annotated[
    str,
    _pattern(_PACK_ID),
    _matching(_PACK_ID, "{value} is not a valid id: use a-z, 0-9 and '-', starting with a letter or digit"),
]
StepId = Annotated[
    str,
    _pattern(_STEP_ID),
    _matching(_STEP_ID, "{value} is not a valid step id: use a-z, 0-9 and '_'"),
]
_EXERCISE_REF = re.compile(r"(?:[a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*")
ExerciseRef = Annotated[
    str,
    _pattern(_EXERCISE_REF),
    _matching(_EXERCISE_REF, "{value} is not an exercise id: write ID (this pack) or PACK/ID"),
]


def _semantic_version(value: str) -> str:
    if not semver.Version.is_valid(value):
        raise _error(f"{shown_value(value)} is not a semantic version; write it like 1.2.0")
    return value


SemVer = Annotated[str, _pattern(_SEMVER), AfterValidator(_semantic_version)]
LanguageTag = Annotated[
    str,
    _pattern(_BCP47),
    _matching(_BCP47, "{value} is not a language tag; write it like en or en-US"),
]
Frequency = Annotated[
    str,
    _pattern(_FREQUENCY),
    _matching(_FREQUENCY, "{value} is not a frequency; use once, daily, weekly or N/week with N from 1 to 7"),
]


def _limit_text(value: float) -> str:
    return f"{value:,}" if abs(value) >= 10_000 else f"{value:g}"


#: The validation context key for a pack read back from its own `model_dump_json()` (the
#: catalog cache): JSON writes a number-keyed map's keys as text, and they are taken back
#: as numbers. Packs as written (YAML) never get it: there "10" in quotes stays refused.
FROM_CACHE = "from_cache"


@dataclass(frozen=True)
class Bounded:
    """A finite number within the format's ±1,000,000 and any tighter bounds given.

    Metadata for `Annotated[...]`: one validator for every number in a pack, so each
    mistake is one error with one wording (pydantic's own int | float union reports two).
    Only YAML numbers count: `true` and "10" (in quotes) are refused. Integers stay
    integers; `whole` also takes 5.0 as 5.
    """

    ge: float | None = None
    gt: float | None = None
    le: float = NUMBER_LIMIT
    whole: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.with_info_plain_validator_function(self._check)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        shape: JsonSchemaValue = {"type": "integer" if self.whole else "number"}
        if self.gt is not None:
            shape["exclusiveMinimum"] = self.gt
        shape["minimum"] = self.ge if self.ge is not None else -NUMBER_LIMIT
        shape["maximum"] = self.le
        return shape

    def _check(self, value: Any, info: ValidationInfo) -> int | float:
        if isinstance(value, str) and isinstance(info.context, Mapping) and info.context.get(FROM_CACHE):
            value = _number_key(value)  # a number-keyed map as JSON has it (`labels`)
        return self.check(value)

    def check(self, value: Any) -> int | float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            quoted = isinstance(value, str) and _is_number_text(value)
            raise _error(
                f"expected a {'whole ' if self.whole else ''}number, got {described(value)}"
                + (" (write it without quotes)" if quoted else "")
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise _error(f"expected a finite number, got {shown_value(value)}")
        if self.whole and not float(value).is_integer():
            raise _error(f"expected a whole number, got {shown_value(value)}")
        if abs(value) > NUMBER_LIMIT:
            raise _error(
                f"must be between {_limit_text(-NUMBER_LIMIT)} and {_limit_text(NUMBER_LIMIT)}, got {shown_value(value)}"
            )
        if self.ge is not None and value < self.ge:
            raise _error(f"must be at least {_limit_text(self.ge)}, got {shown_value(value)}")
        if self.gt is not None and value <= self.gt:
            raise _error(f"must be more than {_limit_text(self.gt)}, got {shown_value(value)}")
        if value > self.le:
            raise _error(f"must be at most {_limit_text(self.le)}, got {shown_value(value)}")
        # int()/float() also turn the round-trip loader's ScalarInt/ScalarFloat into plain numbers.
        return int(value) if self.whole or isinstance(value, int) else float(value)


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("cbt_format", message)


def _number_key(text: str) -> int | float | str:
    """A map's number key as JSON writes it ("5", "0.5"); other text is left as it is."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _finite_if_number(value: Any) -> Any:
    """`equals: .nan` would be taken as the text 'nan'; a number there must be finite too."""
    if isinstance(value, float) and not math.isfinite(value):
        raise _error(f"expected a finite number, got {shown_value(value)}")
    return value


Number = Annotated[Union[int, float], Bounded()]


def after_seconds(after: str) -> float:
    """'30 minutes' -> 1800.0 (the value is already validated)."""
    match = _AFTER.fullmatch(after)
    assert match is not None
    return float(match.group(1)) * _SECONDS_PER[match.group(2)]


def _within_a_year(after: str) -> str:
    if after_seconds(after) > AFTER_LIMIT_DAYS * _SECONDS_PER["day"]:
        raise _error(f"{shown_value(after)} is too long; a follow-up waits at most {AFTER_LIMIT_DAYS} days")
    return after


After = Annotated[
    str,
    _pattern(_AFTER),
    _matching(_AFTER, "{value} is not a duration; write it like '30 minutes', '1 day' or '2 weeks'"),
    AfterValidator(_within_a_year),
]


def _field_error(field: str, message: str) -> PydanticCustomError:
    """A model-level error that the loader reports at `field` (named in the context)."""
    return PydanticCustomError("cbt_format", message, {"field": field})


class Model(BaseModel):
    """Every model of the format: unknown keys refused, values frozen, numbers where text
    is expected taken as text, and no text longer than TEXT_LIMIT."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, str_max_length=TEXT_LIMIT, allow_inf_nan=False
    )


class Option(Model):
    value: str
    label: str | None = None
    help: str | None = None
    score: Number | None = None
    """What choosing this option adds to an exercise's `scores` (contract: scores and flags)."""

    @property
    def shown(self) -> str:
        return self.label or self.value

    @classmethod
    def written(cls, value: str) -> Option:
        """An item a person wrote (or an import brought) as an option, kept exactly as
        written: a lone surrogate too, which validation would refuse (and take the
        trainer down with it)."""
        return cls.model_construct(value=value)


def _option_kind(value: Any) -> str:
    return "option:map" if isinstance(value, (dict, Option)) else "option:plain"


OptionItem = Annotated[
    Union[Annotated[str, Tag("option:plain")], Annotated[Option, Tag("option:map")]],
    Discriminator(_option_kind),
]


def as_option(item: str | Option) -> Option:
    return item if isinstance(item, Option) else Option(value=item)


class When(Model):
    step: StepId
    at_least: Number | None = None
    at_most: Number | None = None
    equals: Annotated[Number | bool | str, BeforeValidator(_finite_if_number)] | None = None
    includes: str | None = None

    @model_validator(mode="after")
    def _one_condition(self) -> When:
        if all(v is None for v in (self.at_least, self.at_most, self.equals, self.includes)):
            raise _error("a condition needs at_least, at_most, equals or includes")
        return self

    def holds(self, answer: object) -> bool:
        """True when every given condition holds on `answer` (an unanswered step fails)."""
        if answer is None:
            return False
        number = answer if isinstance(answer, (int, float)) and not isinstance(answer, bool) else None
        checks = []
        if self.at_least is not None:
            checks.append(number is not None and number >= self.at_least)
        if self.at_most is not None:
            checks.append(number is not None and number <= self.at_most)
        if self.equals is not None:
            checks.append(answer == self.equals or str(answer) == str(self.equals))
        if self.includes is not None:
            items = answer if isinstance(answer, (list, dict)) else [answer]
            checks.append(self.includes in items)
        return all(checks)


class Recall(Model):
    """The person's own latest saved answer to a step of another exercise (their warning
    signs, from their relapse-prevention plan), shown on this step when there is one."""

    exercise: ExerciseRef
    step: StepId
    label: str | None = None


def split_ref(ref: str, pack_id: str) -> tuple[str, str]:
    """(pack, exercise) that a `suggest` or `recall` of pack `pack_id` names: `ID` is in
    that pack, `PACK/ID` in another."""
    other, _, exercise_id = ref.rpartition("/")
    return other or pack_id, exercise_id


class StepBase(Model):
    prompt: str | None = None
    help: str | None = None
    when: When | None = None
    show: list[StepId] | None = None
    """Earlier answers shown on this step, by step id (\"looking at both lists\")."""
    recall: Recall | None = None


class InputStep(StepBase):
    id: StepId
    required: bool = True


class InfoStep(StepBase):
    type: Literal["info"]
    id: StepId | None = None
    text: str


class TextStep(InputStep):
    type: Literal["text"]
    multiline: bool = False
    placeholder: str | None = None
    examples: list[str] | None = None


class ListStep(InputStep):
    type: Literal["list"]
    min_items: Annotated[int, Bounded(ge=0, whole=True)] = 1
    max_items: Annotated[int, Bounded(ge=1, whole=True)] | None = None
    placeholder: str | None = None

    @model_validator(mode="after")
    def _bounds(self) -> ListStep:
        if self.max_items is not None and self.max_items < self.min_items:
            raise _field_error("max_items", "max_items must be at least min_items")
        return self


class ScaleStep(InputStep):
    type: Literal["scale"]
    min: Number = 0
    max: Number = 100
    step: Number = 1
    labels: dict[Number, str] | None = None
    unit: str | None = None
    rerate: StepId | None = None
    better: Better = "lower"
    """Distress, urges and belief in a hot thought are better lower; enjoyment and belief
    in a balanced thought higher. Reports flag before/after pairs that did not get better."""

    @model_validator(mode="after")
    def _range(self) -> ScaleStep:
        if self.rerate is not None:
            return self  # a re-rating takes the earlier step's range: checks.py compares them
        if self.max <= self.min:
            raise _field_error("max", "max must be greater than min")
        if self.step <= 0:
            raise _field_error("step", "step must be more than 0")
        if self.step > self.max - self.min:
            span = self.max - self.min
            raise _field_error("step", f"step must be at most the range (max - min = {span:g}), got {self.step:g}")
        return self


class OptionsStep(InputStep):
    options: list[OptionItem] | None = Field(default=None, min_length=1)
    options_from: str | None = Field(
        default=None,
        description="A list of this pack's `lists`, or `PACK/LIST` for a list of a built-in pack "
        "(`core/permission_thoughts`).",
    )
    options_from_answer: StepId | None = None
    """The items of an earlier `list` step's answer are the options."""
    allow_other: bool = False


class RatingsStep(OptionsStep):
    type: Literal["ratings"]
    min: Number = 0
    max: Number = 100
    rerate: StepId | None = None
    better: Better = "lower"

    @model_validator(mode="after")
    def _range(self) -> RatingsStep:
        if self.rerate is None and self.max <= self.min:
            raise _field_error("max", "max must be greater than min")
        return self


class ChoiceStep(OptionsStep):
    type: Literal["choice"]
    multiple: bool = False


class Checks(Model):
    every_seconds: Annotated[int, Bounded(ge=5, le=3600, whole=True)]
    prompt: str
    min: Number = 0
    max: Number = 10


class Pacer(Model):
    inhale: Annotated[float, Bounded(gt=0, le=30)]
    hold: Annotated[float, Bounded(ge=0, le=30)] = 0
    exhale: Annotated[float, Bounded(gt=0, le=30)]


class Endings(Model):
    """The words the timer ends with, by how it ended; the trainer has neutral defaults."""

    completed: str | None = None
    early: str | None = None
    stopped: str | None = None


class TimerStep(InputStep):
    type: Literal["timer"]
    minutes: Annotated[float, Bounded(ge=0.5, le=120)]
    checks: Checks | None = None
    pacer: Pacer | None = None
    stop_when_at_most: Number | None = None
    ask_first: bool = False
    """The first check is asked at 0 seconds, and answering it starts the clock."""
    endings: Endings | None = None

    @model_validator(mode="after")
    def _needs_checks(self) -> TimerStep:
        if self.checks is None:
            if self.stop_when_at_most is not None:
                raise _field_error("stop_when_at_most", "stop_when_at_most needs checks to compare against")
            if self.ask_first:
                raise _field_error("ask_first", "ask_first needs checks: the first check is what it asks")
        return self


class FollowupStep(StepBase):
    type: Literal["followup"]
    id: StepId
    after: After
    after_options: list[After] | None = Field(default=None, min_length=1, max_length=10)
    """Other waits the person may choose instead of `after` (which is chosen at first)."""

    @property
    def waits(self) -> list[str]:
        """Every wait the person can choose, `after` first."""
        return [self.after, *(w for w in dict.fromkeys(self.after_options or []) if w != self.after)]


def _step_kind(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return f"step:{kind}" if isinstance(kind, str) else None


AnyStep = Union[InfoStep, TextStep, ListStep, ScaleStep, RatingsStep, ChoiceStep, TimerStep, FollowupStep]
Step = Annotated[
    Union[
        Annotated[InfoStep, Tag("step:info")],
        Annotated[TextStep, Tag("step:text")],
        Annotated[ListStep, Tag("step:list")],
        Annotated[ScaleStep, Tag("step:scale")],
        Annotated[RatingsStep, Tag("step:ratings")],
        Annotated[ChoiceStep, Tag("step:choice")],
        Annotated[TimerStep, Tag("step:timer")],
        Annotated[FollowupStep, Tag("step:followup")],
    ],
    Discriminator(_step_kind),
]
#: Union tags pydantic puts into error locations; not part of any field path.
UNION_TAGS = frozenset({"option:plain", "option:map"} | {f"step:{t}" for t in STEP_TYPES})


class Band(Model):
    """A named range of a score: up to and including `max` (the last band may omit it)."""

    max: Number | None = None
    label: str


class Score(Model):
    """A sum of answers (scale steps, scored choices), with bands and an optional flag."""

    id: StepId
    label: str
    sum: list[StepId] = Field(min_length=1)
    better: Better = "lower"
    bands: list[Band] | None = None
    flag_at_least: Number | None = None
    flag_at_most: Number | None = None

    @model_validator(mode="after")
    def _one_flag(self) -> Score:
        if self.flag_at_least is not None and self.flag_at_most is not None:
            raise _field_error("flag_at_most", "give flag_at_least or flag_at_most, not both")
        return self


class Flag(Model):
    """Raised in the entry (and the report) when its condition holds on an answer."""

    when: When
    label: str


class Suggestion(Model):
    """Another exercise offered right after this one is saved, when `when` holds on its
    answers (a check-in that records use offers "I used. What now?")."""

    when: When
    exercise: ExerciseRef
    note: str | None = None


class Exercise(Model):
    """An exercise as it stands inline in a pack (`format` may be left out)."""

    format: int | None = None
    id: PackId
    title: str
    kind: Kind
    summary: str
    minutes: Annotated[float, Bounded(gt=0)] | None = None
    tags: list[str] | None = None
    steps: list[Step] = Field(min_length=1)
    scores: list[Score] | None = None
    flags: list[Flag] | None = None
    suggest: list[Suggestion] | None = None

    def suggestions(self, answers: Mapping[str, object]) -> list[Suggestion]:
        """What to offer next, given the saved answers (in the order the pack lists them)."""
        return [item for item in self.suggest or [] if item.when.holds(answers.get(item.when.step))]

    def step(self, step_id: str) -> AnyStep | None:
        return next((s for s in self.steps if getattr(s, "id", None) == step_id), None)


class ExerciseFile(Exercise):
    """An exercise in a file of its own, which starts with `format: 1`."""

    format: int


class SafetyContact(Model):
    name: str
    contact: str
    note: str | None = None


class Assignment(Model):
    exercise: PackId
    frequency: Frequency
    start: date | None = None
    end: date | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Assignment:
        if self.start and self.end and self.end < self.start:
            raise _field_error("end", "end is before start")
        return self


class Pack(Model):
    format: int
    id: PackId
    title: str
    version: SemVer
    author: str | None = None
    description: str | None = None
    language: LanguageTag | None = None
    lists: dict[str, list[OptionItem]] | None = None
    safety: list[SafetyContact] | None = None
    assignments: list[Assignment] | None = None
    exercises: list[Exercise] = Field(default_factory=list)

    @property
    def semantic_version(self) -> semver.Version:
        """`version` for comparing: semantic-version precedence, build metadata ignored."""
        return semver.Version.parse(self.version)

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def options_of(self, step: OptionsStep, answers: Mapping[str, object] | None = None) -> list[Option]:
        """The step's options: from `options`, the pack list it names, or (given the
        answers so far) the items of the earlier list answer it names."""
        fixed = fixed_options(step, self.lists or {})
        if fixed is not None:
            return fixed
        items = (answers or {}).get(step.options_from_answer or "")
        return [Option.written(item) for item in items if isinstance(item, str)] if isinstance(items, list) else []


def fixed_options(step: OptionsStep, lists: Mapping[str, Sequence[OptionItem]]) -> list[Option] | None:
    """A step's options written in the pack (inline, or in the named list); None when
    they come from an earlier answer (`options_from_answer`)."""
    if step.options_from_answer is not None:
        return None
    items = step.options if step.options is not None else lists.get(step.options_from or "", [])
    return [as_option(item) for item in items]
