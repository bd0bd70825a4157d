"""Who to reach in a crisis: pack contacts first, then the person's own, then defaults."""

from __future__ import annotations

from dataclasses import dataclass

from cbt_tui.domain.packs.models import Pack


@dataclass(frozen=True)
class Contact:
    name: str
    contact: str
    note: str = ""
    source: str = ""  # "pack:ID", "mine" or "built-in"


BUILT_IN = (
    Contact("988 Suicide & Crisis Lifeline (US)", "988", "Call or text, any time, day or night.", "built-in"),
    Contact(
        "SAMHSA National Helpline (US)",
        "1-800-662-4357",
        "Free and confidential, 24/7, in English and Spanish.",
        "built-in",
    ),
    Contact("Emergency", "911 (US) · 112 (Europe)", "If you or someone else is in danger right now.", "built-in"),
)


def safety_contacts(packs: list[Pack], mine: list[dict[str, str]]) -> list[Contact]:
    contacts = [
        Contact(c.name, c.contact, c.note or "", f"pack:{pack.id}") for pack in packs for c in pack.safety or []
    ]
    contacts += [Contact(m.get("name", ""), m.get("contact", ""), m.get("note", ""), "mine") for m in mine]
    return contacts + list(BUILT_IN)
