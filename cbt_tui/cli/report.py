"""`cbt report`: a session report of a period, in Markdown or HTML, for the therapy session.

Nothing leaves the machine: the report goes to stdout, or with `-o FILE` to a new
private file (0600). Reading the journal is `cbt_tui.trends`, building `domain.report`,
rendering `cbt_tui.reports`.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cbt_tui.cli.common import check_period, fail, parse_choice, parse_day, say, write_output
from cbt_tui.cli.root import app

DEFAULT_DAYS = 14
"""Without --since: the last two weeks, a common time between sessions."""
PDF_HINT = "for a PDF, write html and print it from a browser (Print, then Save as PDF)"


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"


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
            "--format",
            help="md (Markdown, with tables and text sparklines) or html (one file with charts; "
            "for a PDF, open it in a browser and print it: Print, then Save as PDF; it prints in black "
            "and white). There is no pdf format: no well-kept pure-Python library makes one without a browser.",
            metavar="FORMAT",
        ),
    ] = ReportFormat.MD.value,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file (private, 0600) instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """A session report: practice against assignments, days on track, scores with their bands,
    before/after ratings, craving surfs, experiments, what is worth talking about, and every
    entry in full; the HTML has charts (printable in black and white)."""
    from cbt_tui.domain.schedule import local_today

    chosen = parse_choice(ReportFormat, output_format, "--format", PDF_HINT if output_format == "pdf" else "")
    today = local_today()
    last = parse_day(until, "--until") or today
    first = parse_day(since, "--since") or last - timedelta(days=DEFAULT_DAYS - 1)
    check_period(first, last)
    if last > today:  # a report covers days already lived (and its calendar stays small)
        raise fail(f"--until {last} is after today ({today})")

    from cbt_tui.domain.entries import now
    from cbt_tui.domain.report import build_report
    from cbt_tui.packs.catalog import load_catalog
    from cbt_tui.reports import FORMATS
    from cbt_tui.store import StoreError, open_store
    from cbt_tui.trends import completed_entries, kept_assignments, newest_reward_plan

    catalog = load_catalog()
    try:
        store = open_store()
        kept = kept_assignments(store, catalog, first, last, today)
        entries = completed_entries(store, first, last)
        plan = newest_reward_plan(store)
        name = store.settings().name
    except StoreError as error:
        raise fail(str(error)) from None
    built = build_report(
        entries,
        lambda pack, exercise: catalog.find(exercise, pack),
        kept,
        first,
        last,
        now(),
        name=name,
        reward_plan=plan,
    )
    text = FORMATS[chosen.value](built)
    if output is None:
        say(text, nl=False)
        return
    write_output(output, text)
    from cbt_tui.text import entries_text

    say(f"wrote the report ({entries_text(len(built.entries))}) to {output}", err=True)
