"""The `list` step: add, edit and remove short items."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, ListItem, ListView, Static

from cbt_tui.tui import shown
from cbt_tui.tui.bursts import focus_now, handled_so_far
from cbt_tui.tui.widgets.steps.base import StepContext, StepView


class ItemList(ListView):
    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove item", id="list.remove"),
        # At once (not after the keys already on their way), so what is typed next goes
        # into the item being edited, and the item edited is the one highlighted.
        Binding("e", "edit", "Edit item", id="list.edit", priority=True),
    ]

    def action_remove(self) -> None:
        self.parent_view().remove_item(self.index)

    async def action_edit(self) -> None:
        await handled_so_far(self)
        self.parent_view().edit_item(self.index)

    def parent_view(self) -> ListStepView:
        return self.query_ancestor(ListStepView)


class ListStepView(StepView):
    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        initial = self.context.initial
        self.items: list[str] = [str(i) for i in initial] if isinstance(initial, list) else []
        self.editing: int | None = None
        """The item whose text is in the box being edited: Enter puts it back in its place."""

    def compose(self) -> ComposeResult:
        yield ItemList(*(self._row(item) for item in self.items), id="items")
        yield Input(
            placeholder=shown.words(self.step.placeholder or "Type an item, then press Enter"),
            id="new-item",
            select_on_focus=False,
        )
        yield Static("", id="list-status", classes="hint")

    def on_mount(self) -> None:
        self._update_status()

    def focus_target(self) -> Widget | None:
        return self.query_one("#new-item", Input)

    @staticmethod
    def _row(item: str, editing: bool = False) -> ListItem:
        return ListItem(Static(ListStepView._row_text(item, editing)))

    @staticmethod
    def _row_text(item: str, editing: bool) -> Text:
        text = shown.text("• " + item)
        if editing:
            text.append("  (editing below)", style="dim")
        return text

    def _show_row(self, index: int) -> None:
        row = self.query_one("#items", ItemList).children[index]
        row.query_one(Static).update(self._row_text(self.items[index], index == self.editing))

    def _update_status(self, note: str = "") -> None:
        if note:
            text = note
        elif self.editing is not None:
            text = f"Editing item {self.editing + 1}: Enter puts it back in its place."
        else:
            limit = f" (up to {self.step.max_items})" if self.step.max_items else ""
            count = len(self.items)
            text = (
                f"{count} item{'' if count == 1 else 's'}{limit}. "
                "Enter adds an item; in the list, e edits and Delete removes."
            )
        self.query_one("#list-status", Static).update(shown.text(text))

    async def take_enter(self, focused: Widget | None) -> bool:
        """Enter in the box adds its text as an item, or puts an edited item back where it
        was; on an empty box it moves on (unless an item is being edited)."""
        field = self.query_one("#new-item", Input)
        if focused is not field:
            return False
        text = field.value  # kept as typed: only a blank line is not an item
        if self.editing is not None:
            index, self.editing = self.editing, None
            if text.strip():
                self.items[index] = text
            field.value = ""
            self._show_row(index)
            self._update_status()
            self.changed()
            return True
        if not text.strip():
            return False
        if self.step.max_items and len(self.items) >= self.step.max_items:
            self._update_status(f"That's the most this step takes ({self.step.max_items}).")
            return True
        self.items.append(text)
        await self.query_one("#items", ItemList).append(self._row(text))
        field.value = ""
        self._update_status()
        self.changed()
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    def remove_item(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.items):
            return
        self.items.pop(index)
        if self.editing is not None:
            if index == self.editing:
                self.editing = None
                self.query_one("#new-item", Input).value = ""
            elif index < self.editing:
                self.editing -= 1
        self.query_one("#items", ItemList).remove_items([index])
        self._update_status()
        self.changed()

    def edit_item(self, index: int | None) -> None:
        """Put the item's text in the box, the cursor at its end and nothing selected; the
        item keeps its place in the list."""
        if index is None or not 0 <= index < len(self.items):
            return
        field = self.query_one("#new-item", Input)
        previous, self.editing = self.editing, index
        if previous is not None and previous != index:
            if field.value.strip():
                self.items[previous] = field.value  # what was being edited goes back first
            self._show_row(previous)
        field.value = self.items[index]
        field.cursor_position = len(field.value)
        self._show_row(index)
        self._update_status()
        focus_now(field)
        self.changed()

    def answer(self) -> Any:
        items = list(self.items)
        pending = self.query_one("#new-item", Input).value
        if pending.strip():
            if self.editing is not None:
                items[self.editing] = pending
            else:
                items.append(pending)
        return items or None

    def problem(self) -> str | None:
        items = self.answer() or []
        if self.step.required and len(items) < max(1, self.step.min_items):
            need = max(1, self.step.min_items)
            return f"Add at least {need} item{'' if need == 1 else 's'} before you go on."
        if self.step.max_items and len(items) > self.step.max_items:
            return f"This step takes at most {self.step.max_items} items."
        return None
