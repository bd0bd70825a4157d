"""The domain: pack format, entries and schedules. Knows nothing of Textual or TinyDB."""
