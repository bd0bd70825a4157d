"""Pydantic models of pack format version 1: the shapes, not the cross-references.

Cross-checks that need the whole pack (options_from, rerate, when, placeholders,
assignments, unique ids) live in `checks.py`, so each can point at its own field.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

FORMAT_VERSION = 1

KINDS = ("thought_record", "restructuring", "behavioral_experiment", "craving_surf", "skill")
STEP_TYPES = ("info", "text", "list", "scale", "ratings", "choice", "timer", "followup")
FREQUENCIES = ("once", "daily", "weekly", "N/week")
#: Which way a rating should move to count as better (an addition to the contract).
Better = Literal["lower", "higher"]

_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_STEP_ID = re.compile(r"^[a-z0-9_]+$")
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_FREQUENCY = re.compile(r"^(?:once|daily|weekly|[1-7]/week)$")
_AFTER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s+(minute|hour|day|week)s?\s*$")
_SECONDS_PER = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def _matching(pattern: re.Pattern[str], message: str):
    def check(value: str) -> str:
        if not pattern.match(value):
            raise PydanticCustomError("cbt_format", message, {"value": value})
        return value

    return AfterValidator(check)


PackId = Annotated[
    str,
    Field(json_schema_extra={"pattern": _PACK_ID.pattern}),
    _matching(_PACK_ID, "'{value}' is not a valid id: use a-z, 0-9 and '-', starting with a letter or digit"),
]
StepId = Annotated[
    str,
    Field(json_schema_extra={"pattern": _STEP_ID.pattern}),
    _matching(_STEP_ID, "'{value}' is not a valid step id: use a-z, 0-9 and '_'"),
]
SemVer = Annotated[
    str,
    Field(json_schema_extra={"pattern": _SEMVER.pattern}),
    _matching(_SEMVER, "'{value}' is not a semantic version; write it like 1.2.0"),
]
LanguageTag = Annotated[
    str,
    Field(json_schema_extra={"pattern": _BCP47.pattern}),
    _matching(_BCP47, "'{value}' is not a language tag; write it like en or en-US"),
]
Frequency = Annotated[
    str,
    Field(json_schema_extra={"pattern": _FREQUENCY.pattern}),
    _matching(_FREQUENCY, "'{value}' is not a frequency; use once, daily, weekly or N/week with N from 1 to 7"),
]
Number = Union[int, float]


def after_seconds(after: str) -> float:
    """'30 minutes' -> 1800.0 (the value is already validated)."""
    match = _AFTER.match(after)
    assert match is not None
    return float(match.group(1)) * _SECONDS_PER[match.group(2)]


After = Annotated[
    str,
    Field(json_schema_extra={"pattern": _AFTER.pattern}),
    _matching(_AFTER, "'{value}' is not a duration; write it like '30 minutes', '1 day' or '2 weeks'"),
]


def _field_error(field: str, message: str) -> PydanticCustomError:
    """A model-level error that the loader reports at `field` (named in the context)."""
    return PydanticCustomError("cbt_format", message, {"field": field})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Option(Model):
    value: str
    label: str | None = None
    help: str | None = None

    @property
    def shown(self) -> str:
        return self.label or self.value


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
    equals: str | Number | bool | None = None
    includes: str | None = None

    @model_validator(mode="after")
    def _one_condition(self) -> When:
        if all(v is None for v in (self.at_least, self.at_most, self.equals, self.includes)):
            raise PydanticCustomError("cbt_format", "a condition needs at_least, at_most, equals or includes")
        return self

    def holds(self, answer: Any) -> bool:
        """True when every given condition holds on `answer` (an unanswered step fails)."""
        if answer is None:
            return False
        checks = []
        if self.at_least is not None:
            checks.append(isinstance(answer, (int, float)) and answer >= self.at_least)
        if self.at_most is not None:
            checks.append(isinstance(answer, (int, float)) and answer <= self.at_most)
        if self.equals is not None:
            checks.append(answer == self.equals or str(answer) == str(self.equals))
        if self.includes is not None:
            items = answer if isinstance(answer, (list, dict)) else [answer]
            checks.append(self.includes in items)
        return all(checks)


class StepBase(Model):
    prompt: str | None = None
    help: str | None = None
    when: When | None = None


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
    min_items: int = Field(default=1, ge=0)
    max_items: int | None = Field(default=None, ge=1)
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
        if self.max <= self.min:
            raise _field_error("max", "max must be greater than min")
        if self.step <= 0:
            raise _field_error("step", "step must be more than 0")
        return self


class OptionsStep(InputStep):
    options: list[OptionItem] | None = Field(default=None, min_length=1)
    options_from: str | None = Field(
        default=None,
        description="A list of this pack's `lists`, or `PACK/LIST` for a list of a built-in pack "
        "(`core/permission_thoughts`).",
    )
    allow_other: bool = False


class RatingsStep(OptionsStep):
    type: Literal["ratings"]
    min: Number = 0
    max: Number = 100
    rerate: StepId | None = None
    better: Better = "lower"

    @model_validator(mode="after")
    def _range(self) -> RatingsStep:
        if self.max <= self.min:
            raise _field_error("max", "max must be greater than min")
        return self


class ChoiceStep(OptionsStep):
    type: Literal["choice"]
    multiple: bool = False


class Checks(Model):
    every_seconds: int = Field(ge=5, le=3600)
    prompt: str
    min: Number = 0
    max: Number = 10


class Pacer(Model):
    inhale: float = Field(gt=0, le=30)
    hold: float = Field(default=0, ge=0, le=30)
    exhale: float = Field(gt=0, le=30)


class TimerStep(InputStep):
    type: Literal["timer"]
    minutes: float = Field(ge=0.5, le=120)
    checks: Checks | None = None
    pacer: Pacer | None = None
    stop_when_at_most: Number | None = None

    @model_validator(mode="after")
    def _stop_needs_checks(self) -> TimerStep:
        if self.stop_when_at_most is not None and self.checks is None:
            raise _field_error("stop_when_at_most", "stop_when_at_most needs checks to compare against")
        return self


class FollowupStep(StepBase):
    type: Literal["followup"]
    id: StepId
    after: After


def _step_kind(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return f"step:{kind}" if isinstance(kind, str) else None


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
InputSteps = (TextStep, ListStep, ScaleStep, RatingsStep, ChoiceStep, TimerStep)


class Exercise(Model):
    """An exercise as it stands inline in a pack (`format` may be left out)."""

    format: int | None = None
    id: PackId
    title: str
    kind: Literal["thought_record", "restructuring", "behavioral_experiment", "craving_surf", "skill"]
    summary: str
    minutes: float | None = Field(default=None, gt=0)
    tags: list[str] | None = None
    steps: list[Step] = Field(min_length=1)

    def step(self, step_id: str):
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

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def options_of(self, step: OptionsStep) -> list[Option]:
        """The step's options, from `options` or the pack list it names."""
        items = step.options if step.options is not None else (self.lists or {}).get(step.options_from or "", [])
        return [as_option(item) for item in items]
