"""What the app's start-up workers tell the screens: typed messages, not shared mutation.

The app posts these to itself from its workers, keeps the state they carry (its
`catalog`, `store` and `settings`), and forwards each to the screens on its stack, which
react to what concerns them (Home fills its library when the catalog arrives).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # pydantic and TinyDB stay out of the first paint
    from cbt_tui.domain.settings import Settings
    from cbt_tui.packs.catalog import Catalog
    from cbt_tui.store import Store


class CatalogLoaded(Message, bubble=False):
    """The built-in and installed packs are read; `catalog.errors` lists broken ones."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog


class StoreOpened(Message, bubble=False):
    """The journal is open; `problems` are things found wrong with its files."""

    def __init__(self, store: Store, settings: Settings, problems: list[str]) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.problems = problems


class StoreFailed(Message, bubble=False):
    """The journal could not be opened; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
