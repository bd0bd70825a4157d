"""`cbt config get | set | list`: the person's settings (region, theme, reduced_motion, name).

The same model and the same checks as the trainer (`cbt_tui.domain.settings`, through the
store). An unknown setting or a value it cannot take is one line on stderr and exit 1,
and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from cbt_tui.cli.common import fail, say
from cbt_tui.cli.root import app

if TYPE_CHECKING:
    from cbt_tui.store import Store

config_app = typer.Typer(
    name="config",
    help="Show or change your settings: region, theme, reduced_motion, name.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)
app.add_typer(config_app)


def _store() -> Store:
    from cbt_tui.store import StoreError, open_store

    try:
        return open_store()
    except StoreError as error:
        raise fail(str(error)) from None


def _shown(value: Any) -> str:
    """A setting as `cbt config set` would take it back: on/off, or the text; unset is empty."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return "" if value is None else str(value)


@config_app.command("list")
def list_settings() -> None:
    """Every setting as KEY=VALUE, one a line (empty after '=' when not set)."""
    from cbt_tui.store import StoreError
    from cbt_tui.text import one_line

    try:
        settings = _store().settings()
    except StoreError as error:
        raise fail(str(error)) from None
    for key in type(settings).model_fields:
        say(f"{key}={one_line(_shown(getattr(settings, key)))}")


@config_app.command("get")
def get_setting(
    key: Annotated[
        str, typer.Argument(help="region, theme, reduced_motion or name.", metavar="KEY", show_default=False)
    ],
) -> None:
    """Print one setting's value (nothing when it is not set)."""
    from cbt_tui.domain.settings import SettingError, require_setting
    from cbt_tui.store import StoreError
    from cbt_tui.text import one_line

    try:
        require_setting(key)
        value = getattr(_store().settings(), key)
    except (SettingError, StoreError) as error:
        raise fail(one_line(str(error))) from None
    if value is not None:
        say(one_line(_shown(value)))


@config_app.command("set")
def set_setting(
    key: Annotated[
        str, typer.Argument(help="region, theme, reduced_motion or name.", metavar="KEY", show_default=False)
    ],
    value: Annotated[
        str,
        typer.Argument(
            help="region: a two-letter code (US, GB, AU...) or 'other'; reduced_motion: on or off; "
            "'none' unsets region, theme and name.",
            metavar="VALUE",
            show_default=False,
        ),
    ],
) -> None:
    """Change one setting, and print it as it is now stored."""
    from cbt_tui.domain.settings import SettingError, parse_setting, require_setting
    from cbt_tui.store import StoreError
    from cbt_tui.text import one_line

    try:
        require_setting(key)
        settings = _store().change_setting(key, parse_setting(key, value))
    except (SettingError, StoreError) as error:
        raise fail(one_line(str(error))) from None
    say(f"{key}={one_line(_shown(getattr(settings, key)))}")
