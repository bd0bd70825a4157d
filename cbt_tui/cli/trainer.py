"""`cbt run EXERCISE_ID`: open the trainer straight into one exercise."""

from __future__ import annotations

from typing import Annotated

import typer

from cbt_tui.cli.root import app


@app.command()
def run(
    exercise: Annotated[str, typer.Argument(help="Exercise id, or PACK/ID (see `cbt list`).", metavar="EXERCISE_ID")],
) -> None:
    """Open the trainer straight into an exercise."""
    from cbt_tui.tui.launch import open_trainer

    raise typer.Exit(open_trainer(exercise))
