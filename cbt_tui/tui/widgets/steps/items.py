"""The `list` step: add, edit and remove short items."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, ListItem, ListView, Static

from cbt_tui.tui.widgets.steps.base import StepContext, StepView


class ItemList(ListView):
    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove item", id="list.remove"),
        Binding("e", "edit", "Edit item", id="list.edit"),
    ]

    def action_remove(self) -> None:
        self.parent_view().remove_item(self.index)

    def action_edit(self) -> None:
        self.parent_view().edit_item(self.index)

    def parent_view(self) -> ListStepView:
        return self.query_ancestor(ListStepView)


class ListStepView(StepView):
    def __init__(self, context: StepContext, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        initial = self.context.initial
        self.items: list[str] = [str(i) for i in initial] if isinstance(initial, list) else []

    def compose(self) -> ComposeResult:
        yield ItemList(*(self._row(item) for item in self.items), id="items")
        yield Input(placeholder=self.step.placeholder or "Type an item, then press Enter", id="new-item")
        yield Static("", id="list-status", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#new-item", Input).focus()
        self._update_status()

    @staticmethod
    def _row(item: str) -> ListItem:
        return ListItem(Static(Text("• " + item)))

    def _update_status(self) -> None:
        limit = f" (up to {self.step.max_items})" if self.step.max_items else ""
        count = len(self.items)
        text = f"{count} item{'' if count == 1 else 's'}{limit}. Enter adds an item; in the list, e edits and Delete removes."
        self.query_one("#list-status", Static).update(Text(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value  # kept as typed: only a blank line is not an item
        if not text.strip():
            return  # let the runner treat Enter on an empty line as "next"
        event.stop()
        if self.step.max_items and len(self.items) >= self.step.max_items:
            self.query_one("#list-status", Static).update(
                Text(f"That's the most this step takes ({self.step.max_items}).")
            )
            return
        self.items.append(text)
        self.query_one("#items", ItemList).append(self._row(text))
        event.input.value = ""
        self._update_status()
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    def remove_item(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self.items):
            return None
        removed = self.items.pop(index)
        self.query_one("#items", ItemList).remove_items([index])
        self._update_status()
        self.changed()
        return removed

    def edit_item(self, index: int | None) -> None:
        text = self.remove_item(index)
        if text is not None:
            field = self.query_one("#new-item", Input)
            field.value = text
            field.focus()

    def answer(self) -> Any:
        pending = self.query_one("#new-item", Input).value
        items = self.items + ([pending] if pending.strip() else [])
        return items or None

    def problem(self) -> str | None:
        items = self.answer() or []
        if self.step.required and len(items) < max(1, self.step.min_items):
            need = max(1, self.step.min_items)
            return f"Add at least {need} item{'' if need == 1 else 's'} before you go on."
        if self.step.max_items and len(items) > self.step.max_items:
            return f"This step takes at most {self.step.max_items} items."
        return None
