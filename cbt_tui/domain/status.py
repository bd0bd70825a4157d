"""Where an entry stands, apart from the entry model so that plain readers (`cbt due`'s
fast path, the schedule) need not import pydantic."""

from __future__ import annotations

from enum import StrEnum


class EntryStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_FOLLOWUP = "awaiting_followup"
    COMPLETE = "complete"
    DISCARDED = "discarded"

    @property
    def is_open(self) -> bool:
        """Open entries are still being worked on and can be resumed."""
        return self in (EntryStatus.DRAFT, EntryStatus.AWAITING_FOLLOWUP)
