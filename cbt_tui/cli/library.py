"""Commands about packs: validate, list, schema. And `where`, the data home."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cbt_tui.cli.common import say, write_output
from cbt_tui.cli.root import app


@app.command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Pack files or folders to check.", metavar="PATH...", show_default=False)
    ],
) -> None:
    """Check packs against the pack format; one error per line on stderr.

    A pack from outside the built-in folder that takes a built-in pack's id is an error
    here too, as it is for `cbt pack install`: what validates, installs.
    """
    from cbt_tui.packs.catalog import builtin_pack_ids, expand_pack_paths, is_builtin_path
    from cbt_tui.packs.loader import load_pack

    failed = False
    reserved = builtin_pack_ids()
    for path in expand_pack_paths(paths):
        result = load_pack(path, reserved_ids=() if is_builtin_path(path) else reserved)
        for error in result.errors:
            say(str(error), err=True)
        if result.pack is not None and not result.errors:
            count = len(result.pack.exercises)
            say(f"ok: {result.pack.id} ({count} exercise{'' if count == 1 else 's'})")
        else:
            failed = True
    raise typer.Exit(1 if failed else 0)


@app.command("list")
def list_exercises(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Every exercise available, built-in and installed."""
    from cbt_tui.packs.catalog import load_catalog

    catalog = load_catalog()
    for error in catalog.errors:
        say(str(error), err=True)
    rows = [
        {
            "pack": pack.id,
            "id": exercise.id,
            "kind": exercise.kind,
            "title": exercise.title,
            "minutes": exercise.minutes,
            "summary": exercise.summary,
            "builtin": pack.id in catalog.builtin_ids,
        }
        for pack, exercise in catalog.exercises()
    ]
    if as_json:
        say(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from cbt_tui.cli.tables import Column, print_table

    columns = [
        Column("Pack", whole=True),
        Column("Exercise", whole=True),
        Column("Kind", whole=True, drop=1),
        Column("Min", whole=True),
        Column("Title"),
    ]
    cells = [
        [str(row[key]) for key in ("pack", "id", "kind")]
        + ["" if row["minutes"] is None else f"{row['minutes']:g}", str(row["title"])]
        for row in rows
    ]
    print_table(columns, cells)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")] = None,
) -> None:
    """Print the pack format's JSON Schema (draft-07), for editors."""
    from cbt_tui.domain.packs.schema import schema_text

    text = schema_text()
    if output is None:
        say(text, nl=False)
    else:
        write_output(output, text)
        say(f"wrote {output}", err=True)


@app.command()
def where() -> None:
    """Where your data lives, and what is in it."""
    from cbt_tui.paths import builtin_packs_dir, data_home, tighten_data_home

    home = data_home()
    say(f"data home: {home}{'' if home.exists() else ' (not created yet)'}")
    if (open_to_others := tighten_data_home(home)) is not None:
        say(f"  not private: {open_to_others}")
    if home.is_dir():
        for item in sorted(home.rglob("*")):
            if item.is_file():
                say(f"  {item.relative_to(home)}  {item.stat().st_size:,} bytes")
    say(f"built-in packs: {builtin_packs_dir()}")
