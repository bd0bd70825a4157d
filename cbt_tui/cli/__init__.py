"""The `cbt` command. Thin over the domain; imports nothing heavy at module level.

Each area registers its commands on the shared Typer app from its own module. Heavy
imports (pydantic, ruamel, TinyDB, Textual) happen inside the commands that need them,
so `cbt --help` and shell completion stay fast and never load Textual.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


def build_app() -> typer.Typer:
    """The Typer app with every command module registered on it."""
    from cbt_tui.cli import config, due, journal, library, pack_commands, progress, report, trainer  # noqa: F401  (they register commands)
    from cbt_tui.cli.root import app

    return app


def main() -> None:
    if len(sys.argv) == 1:
        # Bare `cbt` opens the trainer at once: someone with an urge should not wait
        # for the command parser (Typer costs ~80 ms before the first screen).
        from cbt_tui.tui.launch import open_trainer

        raise SystemExit(open_trainer())
    if sys.argv[1:2] == ["due"]:
        # For a shell prompt or a login file: plain reads, no Typer (see quick_due);
        # None means the ordinary command must answer (something to read in full).
        from cbt_tui.cli.quick_due import quick_due

        code = quick_due(sys.argv[2:])
        if code is not None:
            raise SystemExit(code)
    build_app()()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # `from cbt_tui.cli import app`, as tests and scripts use it
        return build_app()
    raise AttributeError(name)
