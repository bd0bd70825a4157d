"""`cbt pack install | list | remove | new`: managing the packs a therapist hands over.

Heavy imports (the loader, the store) happen inside each command. Every refusal is one
line per problem on stderr and exit 1; a refused pack changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cbt_tui.cli.common import fail, say
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from cbt_tui.store import Store

pack_app = typer.Typer(
    name="pack",
    help="Install, list, remove and start exercise packs.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
app.add_typer(pack_app)


def _open_store() -> Store:
    from cbt_tui.store import StoreError, open_store

    try:
        return open_store()
    except StoreError as error:
        raise fail(str(error)) from None


@pack_app.command("install")
def install(
    path: Annotated[
        Path, typer.Argument(help="A pack file, or a pack folder with pack.yaml.", metavar="PATH", show_default=False)
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Install even if this version or a newer one is installed.")
    ] = False,
) -> None:
    """Check a pack and install a copy of it; a newer version upgrades the installed one."""
    from cbt_tui.packs.installer import PackRefused, check_install, install_pack
    from cbt_tui.store import StoreError

    try:
        check_install(path, force=force)  # before the store is opened: a refusal writes nothing
        store = _open_store()
        outcome = install_pack(path, force=force)
    except PackRefused as refused:
        raise fail(*refused.lines) from None
    except OSError as error:
        raise fail(f"could not install {path}: {error.strerror or error}; the installed packs are unchanged") from None
    earlier = next((record for record in store.installed_packs() if record.id == outcome.pack.id), None)
    try:
        # Keep the first install date: assignments without `start` count from it.
        store.record_pack(
            outcome.pack.id, outcome.pack.version, outcome.path, earlier.installed_at if earlier else None
        )
    except StoreError as error:
        raise fail(f"installed {outcome.pack.id} in {outcome.path}, but could not record it: {error}") from None
    count = len(outcome.pack.exercises)
    was = f" (was {outcome.previous})" if outcome.previous and outcome.previous != outcome.pack.version else ""
    say(f"{outcome.verb} {outcome.pack.id} {outcome.pack.version}{was}: {count} exercise{'' if count == 1 else 's'}")
    if outcome.pack.assignments:
        assigned = "; ".join(f"{a.exercise} {a.frequency}" for a in outcome.pack.assignments)
        say(f"assigned: {assigned}")


@pack_app.command("list")
def list_packs(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Every pack: id, title, version, author, exercises and assignments."""
    from cbt_tui.packs.catalog import load_catalog

    catalog = load_catalog()
    for error in catalog.errors:
        say(str(error), err=True)
    store = _open_store()
    installed_on = {record.id: record.installed_at for record in store.installed_packs()}
    rows: list[dict[str, Any]] = [
        {
            "id": pack.id,
            "title": pack.title,
            "version": pack.version,
            "author": pack.author,
            "exercises": len(pack.exercises),
            "builtin": pack.id in catalog.builtin_ids,
            "installed_at": installed_on[pack.id].isoformat() if pack.id in installed_on else None,
            "assignments": [a.model_dump(mode="json") for a in pack.assignments or []],
        }
        for pack in catalog.packs
    ]
    if as_json:
        say(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from cbt_tui.cli.tables import Column, print_table

    columns = [
        Column("Id", whole=True),
        Column("Title"),
        Column("Version", whole=True, drop=2),
        Column("Author", drop=1),
        Column("Exercises", whole=True),
        Column("Assigned"),
        Column("Installed", whole=True),
    ]
    table: list[list[str]] = []
    for row in rows:
        assignments = "; ".join(f"{a['exercise']} {a['frequency']}" for a in row["assignments"])
        if row["builtin"]:
            installed = "built-in"
        elif row["installed_at"]:
            installed = row["installed_at"][:10]
        else:
            installed = "by hand"  # no install date: its assignments wait for `cbt pack install`
        cells = (
            row["id"],
            row["title"],
            row["version"],
            row["author"] or "",
            str(row["exercises"]),
            assignments,
            installed,
        )
        table.append(list(cells))
    print_table(columns, table)


@pack_app.command("remove")
def remove(
    pack_id: Annotated[str, typer.Argument(help="The id of an installed pack.", metavar="ID", show_default=False)],
) -> None:
    """Remove an installed pack; entries made with it stay in your history."""
    from cbt_tui.packs.installer import PackRefused, remove_pack
    from cbt_tui.store import StoreError

    try:
        store = _open_store()
        recorded = any(record.id == pack_id for record in store.installed_packs())
        removed = remove_pack(pack_id)
        if not removed and not recorded:
            raise fail(f"no installed pack '{pack_id}'; `cbt pack list` shows the installed ones")
        store.forget_pack(pack_id)
        kept = sum(1 for summary in store.history() if summary.pack == pack_id)
    except PackRefused as refused:
        raise fail(*refused.lines) from None
    except OSError as error:
        raise fail(f"could not remove {pack_id}: {error.strerror or error}") from None
    except StoreError as error:
        raise fail(str(error)) from None
    noun = "entry stays" if kept == 1 else "entries stay"
    say(f"removed {pack_id}; its {kept} {noun} in your history")


@pack_app.command("new")
def new(
    folder: Annotated[
        Path, typer.Argument(help="A folder to create (or an empty one).", metavar="DIR", show_default=False)
    ],
) -> None:
    """Write a commented example pack to start from, with a schema for your editor."""
    from cbt_tui.packs.starter import StarterRefused, write_starter_pack

    try:
        pack_id = write_starter_pack(folder)
    except StarterRefused as refused:
        raise fail(str(refused)) from None
    except OSError as error:
        raise fail(f"could not write {folder}: {error.strerror or error}") from None
    say(f"wrote pack '{pack_id}' in {folder}")
    say(f"check it with: cbt validate {folder}")
    say(f"install it with: cbt pack install {folder}")
