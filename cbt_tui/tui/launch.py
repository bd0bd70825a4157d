"""Open the trainer. The only way the CLI reaches Textual, imported on demand."""

from __future__ import annotations

import sys


def open_trainer(exercise_id: str | None = None) -> int:
    """Run the trainer (straight into `exercise_id` when given); returns the exit status.

    An unknown exercise is refused before any screen opens: one line on stderr, status 2.
    """
    catalog = None
    if exercise_id is not None:
        from cbt_tui.packs.catalog import load_catalog
        from cbt_tui.text import one_line

        catalog = load_catalog()
        if catalog.find(exercise_id) is None:
            print(
                f"cbt run: there is no exercise '{one_line(exercise_id)[:80]}'; `cbt list` shows them all",
                file=sys.stderr,
            )
            return 2
    from cbt_tui.tui.app import TrainerApp
    from cbt_tui.tui.hangup import watch_the_terminal

    app = TrainerApp(start_exercise=exercise_id, catalog=catalog)
    watch_the_terminal(sys.__stdin__.fileno() if sys.__stdin__ is not None else -1)
    app.run()
    return app.return_code or 0
