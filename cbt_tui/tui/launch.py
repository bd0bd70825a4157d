"""Open the trainer. The only way the CLI reaches Textual, imported on demand."""

from __future__ import annotations


def open_trainer(exercise_id: str | None = None) -> int:
    from cbt_tui.tui.app import TrainerApp

    app = TrainerApp(start_exercise=exercise_id)
    app.run()
    return app.return_code or 0
