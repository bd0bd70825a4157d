"""cbt-tui: a calm, private, offline terminal trainer for CBT skills in recovery."""

__version__ = "0.1.0"
