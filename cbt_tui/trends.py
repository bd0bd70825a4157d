"""What the trends need from the store: a period's completed entries, the newest reward
plan and the assignments kept. Glue between `Store` and the pure `domain.progress`, shared
by the Progress screen, `cbt progress` and `cbt report`.

The compact summaries (`Store.history`) are read once and pick what to read in full, so
the trends of a few weeks read only the month files that hold them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from cbt_tui.domain.entries import EntryStatus, EntrySummary
from cbt_tui.domain.progress import REWARD_PLAN, Progress, build_progress, period
from cbt_tui.domain.schedule import Adherence, adherence, completion_dates, local_date, local_today

if TYPE_CHECKING:
    from cbt_tui.domain.answers import Definition
    from cbt_tui.domain.entries import Entry
    from cbt_tui.packs.catalog import Catalog
    from cbt_tui.store import Store


def _completed(summaries: Sequence[EntrySummary]) -> list[EntrySummary]:
    return [s for s in summaries if s.status is EntryStatus.COMPLETE and s.completed_at is not None]


def _local_span(first: date, last: date) -> tuple[datetime, datetime]:
    """The instants from local midnight at the start of `first` to the end of `last`:
    comparing instants picks the same entries as comparing local dates, at a fraction of
    the cost (10,000 summaries are compared each time Progress opens)."""
    return datetime.combine(first, time.min).astimezone(), datetime.combine(
        last + timedelta(days=1), time.min
    ).astimezone()


def completed_entries(
    store: Store, first: date, last: date, summaries: Sequence[EntrySummary] | None = None
) -> list[Entry]:
    """Full entries completed from `first` to `last` (local dates), whenever they started.

    The store filters by start date; a follow-up can finish weeks after the start, so
    the compact summaries pick the entries and the export reads only the months needed.
    """
    if summaries is None:
        summaries = store.history(until=last + timedelta(days=1))
    start, end = _local_span(first, last)
    wanted = [
        summary
        for summary in _completed(summaries)
        if summary.completed_at is not None and start <= summary.completed_at < end
    ]
    if not wanted:
        return []
    ids = {summary.id for summary in wanted}
    earliest = min(summary.started_at.date() for summary in wanted)
    return [entry for entry in store.export_entries(since=earliest, until=last + timedelta(days=1)) if entry.id in ids]


def newest_reward_plan(store: Store, summaries: Sequence[EntrySummary] | None = None) -> Entry | None:
    """The newest completed reward plan, however long ago it was made."""
    pack, exercise = REWARD_PLAN
    found = [
        s for s in _completed(summaries or store.history(exercise=exercise)) if (s.pack, s.exercise) == REWARD_PLAN
    ]
    newest = max(found, key=lambda s: s.completed_at or s.started_at, default=None)
    return store.get(newest.id) if newest is not None else None


def kept_assignments(
    store: Store,
    catalog: Catalog,
    first: date,
    last: date,
    today: date | None = None,
    summaries: Sequence[EntrySummary] | None = None,
) -> list[Adherence]:
    """Each installed assignment's slots kept and asked from `first` to `last` (at most today)."""
    from cbt_tui.assignments import installed_assignments

    assigned = installed_assignments(store, catalog.packs)
    until = min(last, today or local_today())
    if not assigned or first > until:
        return []
    return adherence(assigned, completion_dates(summaries or store.history()), first, until)


def load_progress(
    store: Store, catalog: Catalog, weeks: int | None, today: date | None = None, since: date | None = None
) -> Progress:
    """The trends from `since` (else `weeks` weeks back; None: since the first entry) to today."""
    today = today or local_today()
    summaries = _completed(store.history())
    earliest = None
    if since is None and weeks is None:  # all: from the day of the first entry
        earliest = local_date(min(s.completed_at for s in summaries if s.completed_at)) if summaries else None
    first, last = (since, today) if since is not None else period(today, weeks, earliest)
    found: dict[tuple[str, str], Definition | None] = {}

    def find(pack: str, exercise: str) -> Definition | None:
        if (pack, exercise) not in found:
            found[pack, exercise] = catalog.find(exercise, pack)
        return found[pack, exercise]

    return build_progress(
        completed_entries(store, first, last, summaries),
        find,
        kept_assignments(store, catalog, first, last, today, summaries),
        first,
        last,
        reward_plan=newest_reward_plan(store, summaries),
        today=today,
    )
