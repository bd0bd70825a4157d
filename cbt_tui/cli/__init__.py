"""The `cbt` command. Thin over the domain; imports nothing heavy at module level.

Each area registers its commands on the shared Typer app from its own module. Heavy
imports (pydantic, ruamel, TinyDB, Textual) happen inside the commands that need them,
so `cbt --help` and shell completion stay fast and never load Textual.
"""

from cbt_tui.cli.app import app
from cbt_tui.cli import packs as _packs  # noqa: F401  (registers commands)
from cbt_tui.cli import trainer as _trainer  # noqa: F401
from cbt_tui.cli import journal  # noqa: F401  (registers commands)


def main() -> None:
    app()


__all__ = ["app", "main"]
