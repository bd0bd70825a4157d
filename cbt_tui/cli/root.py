"""The Typer app every command module registers on, and bare `cbt` opening the trainer."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="cbt",
    help="A calm, private, offline trainer for CBT skills in recovery.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def root(ctx: typer.Context) -> None:
    """With no command, open the trainer."""
    if ctx.invoked_subcommand is None:
        from cbt_tui.tui.launch import open_trainer

        raise typer.Exit(open_trainer())
