"""Help now, in the order a person in trouble needs it.

The emergency number first, then the person's own people, then the contacts their packs
bring, then the region's help lines. A pack's contact can never come above the
emergency number. The lines themselves come from the data file shipped with the app
(read by `cbt_tui.help_lines`); this module only puts things in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cbt_tui.domain.packs.models import Pack
from cbt_tui.domain.settings import ELSEWHERE

#: What a help line is for, in the order Help now shows them.
KINDS = ("emergency", "crisis", "alcohol-and-drugs")

EMERGENCY_CALL = "If you or someone with you is in danger or may have overdosed, call emergency services now"


@dataclass(frozen=True)
class OverdoseSigns:
    """First aid only: the signs of an overdose of one kind of substance, and what to do."""

    substance: str
    signs: str
    steps: str


#: Always on Help now, in plain words; nothing beyond first aid.
OVERDOSE = (
    OverdoseSigns(
        "Opioids",
        "can't be woken, slow or no breathing, blue or grey lips.",
        "Call emergency services. Give naloxone if there is some. If they are breathing, roll them on "
        "their side. Stay with them. If there is no response after 2-3 minutes, give a second dose "
        "(naloxone can wear off first).",
    ),
    OverdoseSigns("Stimulants", "chest pain, overheating or a seizure.", "Call emergency services."),
    OverdoseSigns(
        "Alcohol",
        "can't be woken, or vomiting while passed out.",
        "Call emergency services. Don't leave them to sleep it off.",
    ),
)


@dataclass(frozen=True)
class HelpLine:
    region: str
    kind: str
    name: str
    contact: str
    """A number to call, or text such as a web address."""
    hours: str
    """As the service publishes them; empty where hours do not apply (emergency numbers)."""
    note: str
    checked: date
    """When the line was last checked against the service's own pages."""


@dataclass(frozen=True)
class HelpLines:
    """Every shipped line, and the regions the region picker offers (code -> name)."""

    regions: Mapping[str, str]
    lines: tuple[HelpLine, ...]

    def of(self, region: str) -> tuple[HelpLine, ...]:
        """The region's lines, emergency first, then crisis, then alcohol and drugs."""
        found = [line for line in self.lines if line.region == region]
        return tuple(sorted(found, key=lambda line: KINDS.index(line.kind)))


@dataclass(frozen=True)
class Contact:
    name: str
    contact: str
    note: str = ""
    source: str = ""  # "mine" or "pack:ID"


@dataclass(frozen=True)
class HelpNow:
    """What Help now shows, section by section, in this order."""

    region: str | None
    """The person's setting; None until they have been asked."""
    shown_region: str
    """Whose lines are shown: the setting, or ZZ when there are no lines for it."""
    emergency: tuple[HelpLine, ...]
    people: tuple[Contact, ...]
    pack_contacts: tuple[Contact, ...]
    lines: tuple[HelpLine, ...]
    every_emergency: tuple[HelpLine, ...]
    """Each region's emergency number, when the region is not known (never asked, or no
    lines for it): the person can find their own at a glance."""

    @property
    def region_known(self) -> bool:
        return self.region == self.shown_region

    def in_order(self) -> list[HelpLine | Contact]:
        """Everything on the screen, top to bottom."""
        return [*self.emergency, *self.people, *self.pack_contacts, *self.lines]


def help_now(
    region: str | None,
    help_lines: HelpLines,
    mine: Iterable[Mapping[str, str]],
    packs: Sequence[Pack],
) -> HelpNow:
    """Help now for a person in `region`, with their own people (`mine`, as the store keeps
    them) and the `safety` contacts of their packs."""
    shown = region if region is not None and help_lines.of(region) else ELSEWHERE
    lines = help_lines.of(shown)
    every = () if shown == region else tuple(line for line in help_lines.lines if line.kind == "emergency")
    return HelpNow(
        region=region,
        shown_region=shown,
        emergency=tuple(line for line in lines if line.kind == "emergency"),
        people=tuple(Contact(m.get("name", ""), m.get("contact", ""), m.get("note", ""), "mine") for m in mine),
        pack_contacts=tuple(
            Contact(c.name, c.contact, c.note or "", f"pack:{pack.id}") for pack in packs for c in pack.safety or []
        ),
        lines=tuple(line for line in lines if line.kind != "emergency"),
        every_emergency=every,
    )
