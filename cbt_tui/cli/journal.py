"""Commands about the journal: export, import, history, backup, restore, delete.

The store, pydantic and TinyDB are imported inside each command, so `cbt --help` stays
fast. Every failure is one message on stderr and exit status 1 (2 for a usage
mistake), never a traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cbt_tui.cli.common import (
    cell,
    check_period,
    console,
    fail,
    open_journal,
    parse_choice,
    parse_day,
    say,
    write_output,
)
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from cbt_tui.domain.entries import EntrySummary


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    MD = "md"


_ROWS_PER_TABLE = 200
"""History prints in tables of this many rows with fixed widths, so the first rows show
at once (Rich lays out a 10,000-row table in seconds)."""

SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only entries started on or after this day (YYYY-MM-DD).", metavar="DATE")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only entries started on or before this day (YYYY-MM-DD).", metavar="DATE")
]
ExerciseOption = Annotated[
    str | None, typer.Option("--exercise", help="Only entries of this exercise id.", metavar="ID")
]


@app.command()
def export(
    output_format: Annotated[
        str, typer.Option("--format", help="json (for cbt import), csv or md.", metavar="FORMAT")
    ] = ExportFormat.JSON.value,
    since: SinceOption = None,
    until: UntilOption = None,
    exercise: ExerciseOption = None,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file (private, 0600) instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """Export journal entries: JSON (everything), CSV or Markdown."""
    chosen = parse_choice(ExportFormat, output_format, "--format")
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    check_period(first, last)
    from cbt_tui.domain.entries import now
    from cbt_tui.store.exchange import export_csv, export_json, export_markdown

    with open_journal() as store:
        entries = store.export_entries(since=first, until=last, exercise=exercise)
        if chosen is ExportFormat.JSON:
            text = export_json(entries, now())
        else:  # for reading: answers as words, choices by their label, where the pack is known
            from cbt_tui.packs.catalog import load_catalog

            catalog = load_catalog()
            render = export_csv if chosen is ExportFormat.CSV else export_markdown
            text = render(entries, lambda pack, exercise_id: catalog.find(exercise_id, pack))
        if output is None:
            say(text, nl=False)
            return
        write_output(output, text)
        from cbt_tui.text import entries_text

        say(f"exported {entries_text(len(entries))} to {output}", err=True)


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(help="A JSON file made by `cbt export`.", metavar="FILE")],
) -> None:
    """Import entries from a JSON export; entries already here (same id) are skipped.

    A rescue file (a draft the trainer could not save) replaces an older copy of its
    draft, and is removed once its entries are in.
    """
    from cbt_tui.store import StoreError
    from cbt_tui.store.exchange import read_export

    try:
        entries = read_export(file)
    except StoreError as error:
        raise fail(str(error)) from None
    with open_journal() as store:
        rescued = store.is_rescue(file)
        imported, skipped = store.take_rescue(file) if rescued else store.import_entries(entries)
    say(f"imported {imported}, skipped {skipped}")
    if rescued:
        say(f"removed the rescue file {file}", err=True)


#: On a terminal, `cbt history` shows this many of the newest entries (`-n`, `--all`).
NEWEST_SHOWN = 20


@app.command()
def history(
    since: SinceOption = None,
    exercise: ExerciseOption = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Only entries whose title or any answer holds TEXT (any case).", metavar="TEXT"),
    ] = None,
    count: Annotated[
        int | None,
        typer.Option(
            "-n", help=f"Show the newest N (on a terminal the default is {NEWEST_SHOWN}).", metavar="N", min=1
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every entry, on a terminal too.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List journal entries, newest first: on a terminal the newest 20, piped every one,
    one a line."""
    first = parse_day(since, "--since")
    terminal = sys.stdout.isatty()
    with open_journal() as store:
        if search is not None:
            rows = store.search(search, since=first, exercise=exercise)
        else:
            rows = store.history(since=first, exercise=exercise)
        assignments = None
        if terminal and not as_json:  # the JSON and piped text stay one entry a line
            from cbt_tui.cli.due import adherence_table

            assignments = adherence_table(store, first)
    total = len(rows)
    if count is not None:
        rows = rows[:count]
    elif terminal and not show_all and not as_json:
        rows = rows[:NEWEST_SHOWN]

    if as_json:
        from cbt_tui.store.exchange import json_lines

        say(json_lines([row.to_json() for row in rows]))
    elif not terminal:
        say(_plain_lines(rows), nl=False)
    else:
        _history_table(rows, assignments)
    more = f" (the newest {len(rows)} shown: -n N or --all for more)" if len(rows) < total else ""
    from cbt_tui.text import entries_text

    say(f"{entries_text(total)}{more}", err=True)


def _cells(row: EntrySummary) -> tuple[str, str, str, str]:
    return (
        row.started_at.isoformat(" ", "minutes")[:16],  # YYYY-MM-DD HH:MM, twice as fast as strftime
        row.exercise_title or row.exercise,
        row.status.value.replace("_", " "),
        row.id,
    )


def _plain_lines(rows: list[EntrySummary]) -> str:
    """Every row as one line of plain text, in aligned columns (for a pipe or a file)."""
    from cbt_tui.text import one_line

    titles: dict[str, str] = {}  # a few titles, each on thousands of rows
    cells = [
        (when, titles.get(title) or titles.setdefault(title, one_line(title)), status, entry_id)
        for when, title, status, entry_id in map(_cells, rows)
    ]
    width = max((len(title) for _, title, _, _ in cells), default=0)
    status_width = max((len(status) for _, _, status, _ in cells), default=0)
    return "".join(
        f"{when}  {title.ljust(width)}  {status.ljust(status_width)}  {entry_id}\n"
        for when, title, status, entry_id in cells
    )


def _history_table(rows: list[EntrySummary], assignments: object) -> None:
    from rich.table import Table

    terminal = console()
    if assignments is not None:
        terminal.print(assignments)
        terminal.print()
    for start in range(0, len(rows), _ROWS_PER_TABLE):
        table = Table(box=None, header_style="bold", show_header=start == 0, expand=True)
        table.add_column("Started", no_wrap=True, min_width=16)
        table.add_column("Exercise", no_wrap=True, overflow="ellipsis", ratio=1)
        table.add_column("Status", no_wrap=True, min_width=17)
        table.add_column("Id", no_wrap=True, min_width=26)
        for row in rows[start : start + _ROWS_PER_TABLE]:
            table.add_row(*map(cell, _cells(row)))
        terminal.print(table)


@app.command()
def backup(
    dest: Annotated[
        Path | None,
        typer.Argument(help="Folder to copy into (default: a new one under the data home's backups/).", metavar="DEST"),
    ] = None,
) -> None:
    """Copy every journal file into a backup folder."""
    with open_journal() as store:
        folder = store.backup(dest)
    say(f"backed up to {folder}")


@app.command()
def restore(
    source: Annotated[
        Path | None, typer.Argument(help="A backup folder or file (default: the newest backup).", metavar="FROM")
    ] = None,
) -> None:
    """Bring back entries and packs from a backup: what is missing here or older than the backup's."""
    with open_journal() as store:
        report = store.restore(source)

    for problem in report.problems:
        say(f"{problem} (not restored)", err=True)
    from cbt_tui.text import entries_text

    say(f"restored {entries_text(report.restored)} from {report.source} ({report.unchanged} already up to date)")
    if report.packs:
        say("restored packs: " + ", ".join(report.packs))


@app.command()
def delete(
    entry_id: Annotated[
        str, typer.Argument(help="The entry's id (`cbt history` shows it).", metavar="ENTRY_ID", show_default=False)
    ],
    yes: Annotated[bool, typer.Option("--yes", help="Delete without asking.")] = False,
) -> None:
    """Delete one entry for good: from the journal and from every backup in the data home."""
    from cbt_tui.text import one_line

    with open_journal() as store:
        entry = store.get(entry_id)
        if entry is None:
            raise fail(f"no entry has the id {one_line(entry_id)!r}; `cbt history` shows them")
        named = f'"{one_line(entry.exercise_title or entry.exercise)}" of {entry.started_at:%Y-%m-%d %H:%M}'
        if not yes:
            if not sys.stdin.isatty():
                say(f"not deleting {named} without asking: run it in a terminal, or add --yes", err=True)
                raise typer.Exit(2)
            question = (
                f"Delete {named} (id {entry.id}) from your journal and from every backup in {store.home}? "
                "Files you exported elsewhere are yours and are not touched."
            )
            if not typer.confirm(question, default=False):
                say("Nothing was deleted.")
                raise typer.Exit(1)
        store.delete(entry.id)
    say(f"deleted {named} (id {entry.id})")
