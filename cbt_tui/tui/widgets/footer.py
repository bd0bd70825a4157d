"""The footer, with "Help now" always first, and only whole keys: a key that does not
fit beside the palette key is left out (the palette lists every key), never cut."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

SAFETY_ACTION = "safety"
PALETTE_CLASS = "-command-palette"


class TrainerFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Footer keys carry the action they run; groups and labels carry none.
        keys.sort(key=lambda key: not str(getattr(key, "action", "")).endswith(SAFETY_ACTION))
        yield from keys

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys, in order, while they fit whole beside the palette key."""
        width = self.size.width
        if not width:
            return
        keys = [child for child in self.children if not child.has_class(PALETTE_CLASS)]
        room = width - sum(_width(child) for child in self.children if child.has_class(PALETTE_CLASS))
        for key in keys:
            needed = _width(key)
            fits = 0 < needed <= room
            if fits:
                room -= needed
            else:
                room = 0  # keep the order: once one is left out, so are the ones after it
            if key.display != fits:
                key.display = fits


def _width(widget: Widget) -> int:
    """The columns a key takes, margins and borders included (shown or not)."""
    content = widget.get_content_width(Size(0, 0), Size(0, 0))
    return content + widget.styles.gutter.width + widget.styles.margin.width
