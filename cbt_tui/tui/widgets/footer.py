"""The footer, with "Help now" always first, and only whole keys: a key that does not
fit beside the palette key is left out (the palette lists every key), never cut.

Textual's footer is built again whenever the screen's bindings may have changed (a
focus moving, a step shown: dozens of times while the craving surf opens); this one is
only when the keys it shows did change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

SAFETY_ACTION = "safety"
PALETTE_CLASS = "-command-palette"


class TrainerFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._built_for: Any = None
        """What the keys were built from (`_shown_keys`), when they were last built."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        # Footer keys carry the action they run; groups and labels carry none.
        keys.sort(key=lambda key: not str(getattr(key, "action", "")).endswith(SAFETY_ACTION))
        yield from keys

    def _shown_keys(self) -> Any:
        """Everything of the screen's bindings that Footer.compose draws."""
        if not self._bindings_ready or not self.is_attached:
            return None
        app = self.app
        active = self.screen.active_bindings
        shown: list[tuple[object, ...]] = [
            (binding.key, app.get_key_display(binding), binding.description, binding.action, binding.group)
            + (enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        ]
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        if palette is not None:
            _, binding, enabled, tooltip = palette
            shown.append((binding.key, app.get_key_display(binding), binding.description, binding.tooltip, enabled))
        return shown, self.show_command_palette, app.ENABLE_COMMAND_PALETTE

    async def recompose(self) -> None:
        shown = self._shown_keys()
        if shown is not None and shown == self._built_for and self.children:
            return  # the same keys: built again they would look the same
        await super().recompose()
        self._built_for = shown
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
