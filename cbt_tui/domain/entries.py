"""Journal entries: what one run of an exercise leaves behind, and its JSON shape.

Pure domain: no storage and no screen. The store keeps entries as the JSON given by
`Entry.to_json()`; export files carry the same shape, so one validator (`Entry.from_json`)
guards both, and its errors name the field (`started_at: expected an ISO date-time`).
Files from elsewhere (an import) are also held to the answer, score and flag shapes the
trainer writes (`answer_problems`, `scoring_problems`), so an entry that imports always shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    PlainSerializer,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from ulid import ULID

from cbt_tui.domain.packs.errors import Loc, format_loc
from cbt_tui.domain.status import EntryStatus as EntryStatus  # re-exported: its home before
from cbt_tui.domain.timer import ENDINGS

_ONE_MICROSECOND = timedelta(microseconds=1)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)
"""Stored times lie in this span: every one of them converts to any local time, and a
save can always stamp one microsecond after the latest."""


def now() -> datetime:
    """The local wall time with its UTC offset: entries read right in the writer's day."""
    return datetime.now().astimezone()


def new_entry_id(at: datetime | None = None) -> str:
    """A ULID (26 characters of Crockford base 32: the millisecond, then randomness).

    Ids sort by creation time and never collide in practice, so entries made on two
    devices can be merged by id.
    """
    return str(ULID.from_datetime(at or now()))


_UNDATED = object()
"""Stands in for a `started_at` missing from JSON, so that it is reported with the rest."""


def _iso_datetime(value: Any) -> datetime:
    """Only ISO 8601 text with a UTC offset: no epoch numbers, no guessing a zone."""
    if value is _UNDATED:
        raise PydanticCustomError("missing", "required field is missing")
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("iso_datetime", "expected an ISO date-time") from None
    else:
        raise PydanticCustomError("iso_datetime", "expected an ISO date-time")
    if parsed.utcoffset() is None:
        raise PydanticCustomError("iso_datetime_offset", "expected an ISO date-time with a UTC offset (e.g. +00:00)")
    if not EARLIEST <= parsed <= LATEST:
        raise PydanticCustomError("iso_datetime_range", "expected a time between 1970 and 9999")
    return parsed


Timestamp = Annotated[
    datetime,
    BeforeValidator(_iso_datetime),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
]
EntryId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


_STATUSES = {status.value: status for status in EntryStatus}


class EntryScore(BaseModel):
    """One score of a completed entry, as `domain.packs.scoring` computed it then: the
    sum, its band's label, and the items that were not answered (then there is no value)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: int | float | None
    band: str | None = None
    missing: list[str] = Field(default_factory=list)


class Entry(BaseModel):
    """One run of an exercise, from first step to (maybe) its follow-up."""

    model_config = ConfigDict(extra="forbid")

    id: EntryId = Field(default_factory=new_entry_id)
    pack: NonEmpty
    pack_version: str
    exercise: NonEmpty
    exercise_title: str
    kind: str
    status: EntryStatus = EntryStatus.DRAFT
    started_at: Timestamp = Field(default_factory=now)
    updated_at: Timestamp = Field(default_factory=now)
    completed_at: Timestamp | None = None
    followup_due: Timestamp | None = None
    answers: dict[str, JsonValue] = Field(default_factory=dict)
    """Step id → answer, in the shapes of the pack format (text, list, number, map...)."""
    prompts: dict[str, str] = Field(default_factory=dict)
    """Step id → the prompt as it was shown, so history reads right after a pack changes."""
    position: str | None = None
    """The step id where a draft or a follow-up resumes."""
    followups_done: dict[str, Timestamp] = Field(default_factory=dict)
    """Follow-up step id → when the person came back and did it (its answer is when it fell due)."""
    scores: dict[str, EntryScore] = Field(default_factory=dict)
    """Score id → the score, stored on completion so a later change to the pack does not
    rewrite what was reported (contract: "Scores, flags and measures")."""
    flags: list[str] = Field(default_factory=list)
    """The labels of the flags raised on completion, in the order the pack gives them."""

    @property
    def month(self) -> str:
        """`YYYY-MM` of the start, in the writer's own time zone."""
        return f"{self.started_at.year:04d}-{self.started_at.month:02d}"

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        """Validate a JSON object; raises pydantic's ValidationError (see `describe_errors`).

        Stored and exported entries always carry `started_at`: one without is refused,
        never dated "now" (a new entry made in code gets the default).
        """
        if isinstance(data, Mapping) and "started_at" not in data:
            data = {**data, "started_at": _UNDATED}
        return cls.model_validate(data)

    def touched(self, previous: datetime | None = None) -> Entry:
        """A copy stamped as updated now, strictly after `previous`.

        Strictly increasing `updated_at` lets the store tell which of two copies of an
        entry is the newer one after an interrupted move.
        """
        stamp = now()
        if previous is not None and stamp <= previous:
            stamp = previous + _ONE_MICROSECOND
        return self.model_copy(update={"updated_at": stamp})


class EntrySummary(NamedTuple):
    """What a history list needs of an entry: cheap to build and keep by the thousand."""

    id: str
    pack: str
    exercise: str
    exercise_title: str
    kind: str
    status: EntryStatus
    started_at: datetime
    updated_at: datetime
    completed_at: datetime | None

    @classmethod
    def of(cls, entry: Entry) -> EntrySummary:
        return cls(
            entry.id,
            entry.pack,
            entry.exercise,
            entry.exercise_title,
            entry.kind,
            entry.status,
            entry.started_at,
            entry.updated_at,
            entry.completed_at,
        )

    def to_row(self) -> list[Any]:
        """The fields in order, as JSON values: the store keeps thousands of these."""
        completed = None if self.completed_at is None else self.completed_at.isoformat()
        return [
            self.id,
            self.pack,
            self.exercise,
            self.exercise_title,
            self.kind,
            self.status.value,
            self.started_at.isoformat(),
            self.updated_at.isoformat(),
            completed,
        ]

    @classmethod
    def from_row(cls, row: Any) -> EntrySummary:
        """A row as `to_row` wrote it; ValueError for anything else, so that a summary file
        that was edited or damaged is rebuilt from its month rather than trusted."""
        if not isinstance(row, list) or len(row) != len(cls._fields):
            raise ValueError("not a summary row")
        entry_id, pack, exercise, title, kind, status, started, updated, completed = row
        if not all(isinstance(text, str) for text in (entry_id, pack, exercise, title, kind, status)):
            raise ValueError("not a summary row")
        if status not in _STATUSES:
            raise ValueError(f"unknown status {status!r}")
        return cls(
            entry_id,
            pack,
            exercise,
            title,
            kind,
            _STATUSES[status],
            _iso_datetime(started),
            _iso_datetime(updated),
            None if completed is None else _iso_datetime(completed),
        )

    def to_json(self) -> dict[str, Any]:
        return dict(zip(self._fields, self.to_row(), strict=True))


_PLAIN_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "string_type": "expected text",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "expected an id of letters, digits, '-' and '_' (at most 64)",
    "enum": "expected one of " + ", ".join(status.value for status in EntryStatus),
    "dict_type": "expected an object",
    "model_type": "expected an object",
}


def describe_errors(error: ValidationError, prefix: str = "") -> list[str]:
    """`PATH: MESSAGE` lines for a validation error, PATH like `entries[3].started_at`."""
    lines = []
    for item in error.errors(include_url=False):
        loc = (prefix, *item["loc"]) if prefix else tuple(item["loc"])
        message = _PLAIN_MESSAGES.get(item["type"], item["msg"])
        lines.append(f"{format_loc(loc)}: {message}" if loc else message)
    return lines


MAX_NUMBER = 1_000_000
"""Every number a pack may give, so every number the trainer stores, lies within ±this."""
MAX_TIMER_SECONDS = 120 * 60
MAX_TIMER_CHECKS = MAX_TIMER_SECONDS // 5 + 1
"""A timer runs at most 120 minutes with a check at most every 5 s (and one at 0 s)."""
_TIMER_KEYS = ("planned_seconds", "elapsed_seconds", "ended", "checks")
_ENDED = (None, *ENDINGS)
_NUMBERS = (int, float)


def answer_problems(answers: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Where and how answers differ from the shapes the trainer stores, which every view
    and report can show: text, a list of text (a list, or several choices), a number, a
    map of item → number (ratings), or a timer's `{planned_seconds, elapsed_seconds,
    ended, checks: [{at, value}]}`. Numbers are finite and within ±MAX_NUMBER.

    An import checks 100,000 entries, so each rule is tested inline (`type(x) in
    _NUMBERS` leaves out bools, a comparison leaves out NaN) and words are made only
    for what fails.
    """
    problems: list[tuple[Loc, str]] = []
    for step, value in answers.items():
        loc: Loc = ("answers", step)
        kind = type(value)
        if kind is str or (kind in _NUMBERS and -MAX_NUMBER <= value <= MAX_NUMBER):
            continue
        if kind is list:
            problems += [((*loc, i), "expected text") for i, item in enumerate(value) if type(item) is not str]
        elif kind is dict and "planned_seconds" in value:
            problems += _timer_problems(loc, value)
        elif kind is dict:
            problems += [
                ((*loc, item), _number_problem(rating))
                for item, rating in value.items()
                if not (type(rating) in _NUMBERS and -MAX_NUMBER <= rating <= MAX_NUMBER)
            ]
        elif kind in _NUMBERS:
            problems.append((loc, _number_problem(value)))
        else:
            problems.append((loc, "expected text, a list of text, a number, ratings or a timer"))
    return problems


_SCORE_KEYS = ("value", "band", "missing")


def scoring_problems(document: Mapping[str, Any]) -> list[tuple[Loc, str]]:
    """Where and how an entry's `scores` and `flags` differ from the shapes a completed
    entry stores: `scores: {ID: {value, band, missing}}` (value a number within
    ±MAX_NUMBER or null, band text or null, missing a list of step ids) and `flags: [label,
    ...]`. Either may be absent (entries made before scores were stored have neither)."""
    problems: list[tuple[Loc, str]] = []
    scores = document.get("scores", {})
    if type(scores) is not dict:
        problems.append((("scores",), "expected an object of score id → {value, band, missing}"))
        scores = {}
    for score_id, score in scores.items():
        loc: Loc = ("scores", score_id)
        if type(score) is not dict:
            problems.append((loc, "expected {value, band, missing}"))
            continue
        problems += [((*loc, key), "unknown field") for key in score if key not in _SCORE_KEYS]
        if "value" not in score:
            problems.append(((*loc, "value"), "required field is missing"))
        value = score.get("value")
        if value is not None and not (type(value) in _NUMBERS and -MAX_NUMBER <= value <= MAX_NUMBER):
            problems.append(((*loc, "value"), _number_problem(value) + ", or null"))
        if score.get("band") is not None and type(score["band"]) is not str:
            problems.append(((*loc, "band"), "expected text or null"))
        missing = score.get("missing", [])
        if type(missing) is not list or any(type(step) is not str for step in missing):
            problems.append(((*loc, "missing"), "expected a list of step ids"))
    flags = document.get("flags", [])
    if type(flags) is not list:
        problems.append((("flags",), "expected a list of text"))
    else:
        problems += [(("flags", i), "expected text") for i, flag in enumerate(flags) if type(flag) is not str]
    return problems


def _number_problem(value: Any, low: float = -MAX_NUMBER, high: float = MAX_NUMBER) -> str:
    """What is wrong with a value that is not a number from `low` to `high`."""
    if type(value) not in _NUMBERS:
        return "expected a number"
    return f"expected a number from {low:,.15g} to {high:,.15g}"


def _timer_problems(loc: Loc, timer: dict[str, Any]) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = [((*loc, key), "unknown field") for key in timer if key not in _TIMER_KEYS]
    problems += [((*loc, key), "required field is missing") for key in _TIMER_KEYS if key not in timer]
    planned = timer["planned_seconds"]
    if not (type(planned) in _NUMBERS and 0 < planned <= MAX_TIMER_SECONDS):
        message = (
            "expected a number" if type(planned) not in _NUMBERS else f"expected more than 0, up to {MAX_TIMER_SECONDS}"
        )
        return [*problems, ((*loc, "planned_seconds"), message)]  # the other limits hang on it
    elapsed = timer.get("elapsed_seconds", 0)
    if not (type(elapsed) in _NUMBERS and 0 <= elapsed <= planned):
        problems.append(((*loc, "elapsed_seconds"), _number_problem(elapsed, 0, planned)))
    if timer.get("ended") not in _ENDED:
        problems.append(((*loc, "ended"), "expected null or one of " + ", ".join(ENDINGS)))
    checks = timer.get("checks", [])
    if type(checks) is not list or len(checks) > MAX_TIMER_CHECKS:
        return [*problems, ((*loc, "checks"), f"expected a list of at most {MAX_TIMER_CHECKS} checks")]
    for index, check in enumerate(checks):
        if type(check) is not dict or len(check) != 2 or "at" not in check or "value" not in check:
            problems.append(((*loc, "checks", index), "expected {at, value}"))
            continue
        at, rating = check["at"], check["value"]
        if not (type(at) in _NUMBERS and 0 <= at <= planned):
            problems.append(((*loc, "checks", index, "at"), _number_problem(at, 0, planned)))
        if not (type(rating) in _NUMBERS and -MAX_NUMBER <= rating <= MAX_NUMBER):
            problems.append(((*loc, "checks", index, "value"), _number_problem(rating)))
    return problems
