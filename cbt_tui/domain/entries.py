"""Journal entries: what one run of an exercise leaves behind, and its JSON shape.

Pure domain: no storage and no screen. The store keeps entries as the JSON given by
`Entry.to_json()`; export files carry the same shape, so one validator (`Entry.from_json`)
guards both, and its errors name the field (`started_at: expected an ISO date-time`).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from enum import StrEnum
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

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ONE_MICROSECOND = timedelta(microseconds=1)


def now() -> datetime:
    """The local wall time with its UTC offset: entries read right in the writer's day."""
    return datetime.now().astimezone()


def new_entry_id(at: datetime | None = None) -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base 32.

    Ids sort by creation time and never collide in practice, so entries made on two
    devices can be merged by id.
    """
    millis = int((at or now()).timestamp() * 1000)
    value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def _iso_datetime(value: Any) -> datetime:
    """Only ISO 8601 text with a UTC offset: no epoch numbers, no guessing a zone."""
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
    return parsed


Timestamp = Annotated[
    datetime,
    BeforeValidator(_iso_datetime),
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
]
EntryId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class EntryStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_FOLLOWUP = "awaiting_followup"
    COMPLETE = "complete"
    DISCARDED = "discarded"

    @property
    def is_open(self) -> bool:
        """Open entries are still being worked on and can be resumed."""
        return self in (EntryStatus.DRAFT, EntryStatus.AWAITING_FOLLOWUP)


_STATUSES = {status.value: status for status in EntryStatus}


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

    @property
    def month(self) -> str:
        """`YYYY-MM` of the start, in the writer's own time zone."""
        return f"{self.started_at.year:04d}-{self.started_at.month:02d}"

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        """Validate a JSON object; raises pydantic's ValidationError (see `describe_errors`)."""
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
    def from_row(cls, row: list[Any]) -> EntrySummary:
        """Trusting: rows are written by the store from validated entries."""
        entry_id, pack, exercise, title, kind, status, started, updated, completed = row
        return cls(
            entry_id,
            pack,
            exercise,
            title,
            kind,
            _STATUSES[status],
            datetime.fromisoformat(started),
            datetime.fromisoformat(updated),
            None if completed is None else datetime.fromisoformat(completed),
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
        path = prefix
        for part in item["loc"]:
            path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
        message = _PLAIN_MESSAGES.get(item["type"], item["msg"])
        lines.append(f"{path}: {message}" if path else message)
    return lines
