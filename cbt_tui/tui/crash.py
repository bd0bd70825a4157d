"""When something goes wrong: plain words on screen, the details in a private file.

A traceback can hold a person's answers (in locals, or in an exception's message), so
none is ever printed. The crash report goes to the data home, readable only by the
person, with the traceback and no locals; the screen shows one calm line and its path.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from rich.text import Text

from cbt_tui.tui import shown


def failure_message(what: str, error: BaseException | None) -> str:
    """One plain message for a background job that failed; the app goes on."""
    from cbt_tui.store import StoreError

    doing = f"Could not {what}." if what else "Something in the background failed."
    if isinstance(error, StoreError):
        return f"{doing} {error}"
    return f"{doing} Nothing you wrote is lost; if it happens again, restart cbt."


def write_crash_report(home: Path, error: BaseException | None) -> Text:
    """Write the error's traceback (no locals) to a new 0600 file in `home`; return the
    line to show. Never raises: a crash while reporting a crash says less."""
    error = sys.exc_info()[1] or error
    name = type(error).__name__ if error is not None else "an error"
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = home / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as report:
            report.write("cbt-tui stopped after an unexpected error. The traceback, without local values:\n\n")
            if error is not None:
                report.write("".join(traceback.format_exception(error)))
    except OSError:
        return shown.text(f"cbt stopped after an unexpected error ({name}). Your draft was saved first.")
    return shown.text(
        f"cbt stopped after an unexpected error ({name}). Your draft was saved first. "
        f"The details are in {path} (only you can read it)."
    )
