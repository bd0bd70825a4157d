"""The pack format's limits (contract section "Limits"): what a pack may hold at most.

A pack that validates must run: no infinite or astronomic numbers, no follow-up that
never falls due, no prompt that takes seconds to fill in. One home for each bound, so
the models, the cross-checks, the YAML reader and the docs agree.
"""

from __future__ import annotations

#: Every number in a pack lies within -NUMBER_LIMIT to NUMBER_LIMIT and is finite.
NUMBER_LIMIT = 1_000_000
#: Characters in one text field (a title, a prompt, an option, a list name...).
TEXT_LIMIT = 10_000
#: `{placeholders}` quoted by one prompt (or any other text that quotes answers).
PLACEHOLDER_LIMIT = 50
#: How long a follow-up may wait.
AFTER_LIMIT_DAYS = 365
#: Characters of a bad value an error message repeats.
SHOWN_LIMIT = 80
#: An integer literal longer than this is refused while reading the YAML: far beyond
#: NUMBER_LIMIT, and short enough that any base (0x...) still converts to text.
NUMBER_LITERAL_LIMIT = 3_000
