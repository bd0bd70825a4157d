"""`cbt due`: today's assignments, one per line, for a login message or a shell prompt.

Kept light: with no pack in the packs folder it returns before importing the store or
the loader, and otherwise it reads only the installed packs (never the built-in ones,
which carry no install date and so no assignments).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cbt_tui.cli.common import cell, say
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from rich.table import Table

    from cbt_tui.store import Store


@app.command()
def due(
    count: Annotated[bool, typer.Option("--count", help="Print only how many are due (0 when none).")] = False,
) -> None:
    """Print what is due today: PACK/EXERCISE  Title  (note). Nothing when nothing is due.

    Usually answered without this parser (`quick_due`), from the journal's summaries and
    the catalog cache; this reads everything, and refreshes the cache for next time."""
    from cbt_tui.paths import has_installed_packs

    if not has_installed_packs():
        if count:
            say("0")
        return
    from cbt_tui.assignments import week_plan
    from cbt_tui.store import StoreError, open_store

    try:
        store = open_store()
        plan = week_plan(store)
    except StoreError as error:
        say(str(error), err=True)
        raise typer.Exit(1) from None
    _refresh_cache(store.home)
    if count:
        say(str(len(plan.due)))
        return
    from cbt_tui.cli.quick_due import due_line

    for item in plan.due:
        say(due_line(item))


def _refresh_cache(home: Path) -> None:
    """The catalog cache `cbt due`'s fast path reads, when it is missing or stale."""
    from cbt_tui.packs.cache import read_listing, write_listing
    from cbt_tui.paths import pack_folders

    folders = pack_folders()
    if read_listing(home, folders) is None:
        from cbt_tui.packs.catalog import load_catalog

        write_listing(home, folders, load_catalog())


def adherence_table(store: Store, since: date | None) -> Table | None:
    """Kept / assigned per assignment, from `since` (or each start) to today; None if none.

    For `cbt history`, above its entries.
    """
    if not store.installed_packs():
        return None
    from rich.table import Table

    from cbt_tui.assignments import completions, installed_assignments
    from cbt_tui.domain.schedule import adherence, local_today

    assigned = installed_assignments(store)
    rows = adherence(assigned, completions(store), since, local_today()) if assigned else []
    if not rows:
        return None
    table = Table(box=None, header_style="bold", title="Assignments", title_justify="left", title_style="bold")
    for column in ("Exercise", "Pack", "Assigned", "Kept"):
        table.add_column(column, no_wrap=column != "Exercise", overflow="fold")
    for row in rows:
        item = row.assigned_to
        percent = f" ({row.ratio:.0%})" if row.ratio is not None else ""
        cells = (item.title, item.pack, item.describe(), f"{row.kept} of {row.assigned}{percent}")
        table.add_row(*map(cell, cells))
    return table
