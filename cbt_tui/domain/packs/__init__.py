"""The exercise pack format, version 1 (see docs/pack-format.md)."""
