"""Screens of the trainer: home, runner (with review), history, help now."""
