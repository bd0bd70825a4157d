"""The process ends once its terminal is gone, even if Textual cannot.

When the terminal closes, SIGHUP keeps the draft and ends the process (`TrainerApp._close`).
That handler runs on the event loop, and one case blocks the loop for good: the window
closed while the trainer was already closing (Ctrl+Q, then the window at once). Textual's
writer thread dies writing to the closed terminal, and its shutdown then waits forever to
hand that thread the last writes. The process stayed behind, with the person's text in
its memory. This watch ends it a little after the terminal is gone; the draft is safe by
then (saved before closing began, or by the SIGHUP handler within its own budget).
"""

from __future__ import annotations

import os
import termios
import threading
import time

from cbt_tui.tui.drafts import CLOSING_WAIT_SECONDS

#: Longer than the SIGHUP handler's budget for keeping the draft, so that it always ends first.
GRACE_SECONDS = CLOSING_WAIT_SECONDS + 3.0


def watch_the_terminal(fd: int, *, every: float = 1.0, grace: float = GRACE_SECONDS) -> None:
    """From a daemon thread: once `fd` (the trainer's terminal) is hung up, wait `grace`
    seconds and end the process, unless it has ended by itself. Nothing on a non-terminal."""
    if not os.isatty(fd):
        return

    def watch() -> None:
        while True:
            time.sleep(every)  # one cheap check a second
            try:
                termios.tcgetattr(fd)
            except (termios.error, OSError):  # EIO: the terminal was hung up
                break
        time.sleep(grace)
        os._exit(0)

    threading.Thread(target=watch, name="end once the terminal is gone", daemon=True).start()
