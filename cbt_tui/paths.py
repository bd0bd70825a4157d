"""Where things live: the data home (CBT_HOME, else platformdirs) and the built-in packs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cbt-tui"
HOME_ENV = "CBT_HOME"


def data_home() -> Path:
    """The user's data folder; `CBT_HOME` overrides it (tests and scripts set it)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def tighten_data_home(home: Path) -> str | None:
    """Make an existing data home private (0700) when others may look in; None when it is
    private (or does not exist), else what is wrong and what to do, in words."""
    try:
        mode = home.stat().st_mode & 0o777
    except FileNotFoundError:
        return None
    if not mode & 0o077:
        return None
    try:
        os.chmod(home, 0o700)
    except OSError as error:
        return (
            f"other users can open this folder (mode {mode:03o}) and it could not be made private "
            f"({error.strerror or error}); make it yours alone with `chmod 700 {home}`"
        )
    return None


def ensure_data_home() -> Path:
    """Create the data home if needed, private to the user (0700)."""
    home = data_home()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    return home


def installed_packs_dir() -> Path:
    return data_home() / "packs"


def builtin_packs_dir() -> Path:
    """The packs shipped with the app: inside the wheel, or the source tree's `exercises/`."""
    package = Path(__file__).resolve().parent
    shipped = package / "exercises"
    return shipped if shipped.is_dir() else package.parent / "exercises"


def pack_folders() -> list[Path]:
    """Every folder the library is read from: the built-in packs, then the installed ones
    (what the catalog reads, and what its cache is keyed on)."""
    return [builtin_packs_dir(), installed_packs_dir()]


def has_installed_packs() -> bool:
    """Whether anything is installed: without it nothing is ever due."""
    folder = installed_packs_dir()
    return folder.is_dir() and any(not item.name.startswith(".") for item in folder.iterdir())
