"""What the schedule needs from the store: installed packs' records and completed entries.

Glue between `Store` and the pure `domain.schedule`, shared by Home, `cbt due`,
`cbt history` and `cbt report`. Only packs installed with `cbt pack install` have a
store record, and so an install date to start their assignments from: a pack copied
into the packs folder by hand shows in the library, but its assignments stay inactive
until it is installed (see docs/writing-packs.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from cbt_tui.domain.schedule import (
    Assigned,
    Completions,
    WeekStatus,
    assignments_of,
    completion_dates,
    due_today,
    local_date,
    local_today,
    this_week,
)

if TYPE_CHECKING:
    from cbt_tui.domain.packs.models import Pack
    from cbt_tui.store import Store


def installed_assignments(
    store: Store, packs: Iterable[Pack] | None = None, tz: tzinfo | None = None
) -> list[Assigned]:
    """Assignments of the recorded packs; `packs` are the catalog's, else read from the records."""
    records = {record.id: record for record in store.installed_packs()}
    if not records:
        return []
    if packs is None:
        from cbt_tui.packs.loader import load_pack

        packs = [result.pack for record in records.values() if (result := load_pack(record.path)).pack is not None]
    return assignments_of(
        (pack, local_date(records[pack.id].installed_at, tz))
        for pack in packs
        if pack.id in records and pack.assignments
    )


def completions(store: Store, tz: tzinfo | None = None) -> Completions:
    """Completion dates of every complete entry (the store's compact summaries)."""
    return completion_dates(store.history(), tz)


@dataclass(frozen=True)
class WeekPlan:
    today: date
    due: list[Assigned]
    week: list[WeekStatus]

    def __bool__(self) -> bool:
        return bool(self.week)


def week_plan(store: Store, packs: Iterable[Pack] | None = None, today: date | None = None) -> WeekPlan:
    """Today's due list and this ISO week's counts."""
    today = today or local_today()
    assigned = installed_assignments(store, packs)
    if not assigned:
        return WeekPlan(today, [], [])
    done = completions(store)
    return WeekPlan(today, due_today(assigned, done, today), this_week(assigned, done, today))
