"""`cbt report`: a session report of a period, in Markdown or HTML, for the therapy session.

Nothing leaves the machine: the report goes to stdout, or with `-o FILE` to a new
private file (0600). Building is `domain.report`, rendering `cbt_tui.reports`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cbt_tui.cli.common import fail, parse_day
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from cbt_tui.domain.entries import Entry
    from cbt_tui.store import Store

DEFAULT_DAYS = 14
"""Without --since: the last two weeks, a common time between sessions."""


@app.command()
def report(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help=f"First day (YYYY-MM-DD); default {DEFAULT_DAYS - 1} days before --until.", metavar="DATE"
        ),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day (YYYY-MM-DD); default today.", metavar="DATE")
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format", help="md (Markdown) or html (one file; print it to PDF from a browser).", metavar="FORMAT"
        ),
    ] = "md",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file (private, 0600) instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """A session report: practice against assignments, before/after ratings, craving surfs,
    experiments, and every entry in full."""
    from cbt_tui.domain.schedule import local_today

    if output_format not in ("md", "html"):
        raise fail(f"--format: expected md or html, got {output_format!r}")
    today = local_today()
    last = parse_day(until, "--until") or today
    first = parse_day(since, "--since") or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise fail(f"--since {first} is after --until {last}")

    from cbt_tui.assignments import completions, installed_assignments
    from cbt_tui.domain.entries import now
    from cbt_tui.domain.report import build_report
    from cbt_tui.domain.schedule import adherence
    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.reports import FORMATS
    from cbt_tui.store import StoreError, open_store
    from cbt_tui.store.errors import os_failure
    from cbt_tui.store.files import write_atomically

    catalog = load_catalog()
    try:
        store = open_store()
        assigned = installed_assignments(store, catalog.packs)
        kept = adherence(assigned, completions(store), first, min(last, today)) if assigned and first <= today else []
        entries = _completed_entries(store, first, last)
    except StoreError as error:
        raise fail(str(error)) from None
    built = build_report(entries, lambda pack, exercise: catalog.find(exercise, pack), kept, first, last, now())
    text = FORMATS[output_format](built)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        raise fail(str(os_failure(error, output, "write"))) from None
    typer.echo(f"wrote the report ({len(built.entries)} entries) to {output}", err=True)


def _completed_entries(store: Store, first: date, last: date) -> list[Entry]:
    """Full entries completed from `first` to `last` (local dates), whenever they started.

    The store filters by start date; a follow-up can finish weeks after the start, so
    the compact summaries pick the entries and the export reads only the months needed.
    """
    from cbt_tui.domain.entries import EntryStatus
    from cbt_tui.domain.schedule import local_date

    wanted = [
        summary
        for summary in store.history(until=last + timedelta(days=1))
        if summary.status is EntryStatus.COMPLETE
        and summary.completed_at is not None
        and first <= local_date(summary.completed_at) <= last
    ]
    if not wanted:
        return []
    ids = {summary.id for summary in wanted}
    earliest = min(summary.started_at.date() for summary in wanted)
    return [entry for entry in store.export_entries(since=earliest, until=last + timedelta(days=1)) if entry.id in ids]
