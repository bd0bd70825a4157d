"""Widgets of the trainer, by area: `steps/` holds one input view per step type."""
