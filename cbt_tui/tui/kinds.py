"""How the trainer names each kind of exercise (the kinds themselves are the format's)."""

from __future__ import annotations

KIND_NAMES = {
    "craving_surf": "Craving surfing",
    "thought_record": "Thought records",
    "restructuring": "Rethinking thoughts",
    "behavioral_experiment": "Behavioural experiments",
    "skill": "Skills",
    "measure": "Check-ins",
}
"""In the order the library lists them."""
KIND_ORDER = list(KIND_NAMES)
