"""Background threads that never keep a closed trainer running.

Textual runs thread workers in the event loop's default executor, and Python waits for
that executor's threads when the app ends (`asyncio.run` shuts it down, and the
interpreter joins its threads at exit). A store call stuck on another process's lock
would then keep the process alive for the whole lock timeout after the trainer has
closed. The trainer's loop gets `DaemonThreads` instead: each job on a daemon thread of
its own, which the process does not wait for.

Abandoning a thread at exit is no worse than kill -9, which the store survives (every
write replaces a whole file); and the app closes only once the draft is safe (see
`drafts`), after giving other writes under way a moment to finish.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

Result = TypeVar("Result")


def in_daemon_thread(work: Callable[[], Result], name: str = "cbt-worker") -> Future[Result]:
    """Run `work` on a daemon thread of its own; its future holds the result."""
    future: Future[Result] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(work())
            except BaseException as error:
                future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


class DaemonThreads(ThreadPoolExecutor):
    """An executor for the event loop (which takes only a ThreadPoolExecutor) that runs
    each job on a daemon thread and waits for none of them when shut down."""

    def submit(self, fn: Callable[..., Result], /, *args: Any, **kwargs: Any) -> Future[Result]:
        return in_daemon_thread(partial(fn, *args, **kwargs))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads are daemons."""
