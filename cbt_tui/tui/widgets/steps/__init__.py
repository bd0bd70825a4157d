"""One view per step type, and `view_for` to pick it.

Each view's module is imported when a step of its type is first shown: the craving
surf's timer, opened at once by `c`, waits for none of the others.
"""

from __future__ import annotations

from importlib import import_module

from cbt_tui.tui.widgets.steps.base import StepContext, StepView

#: Step type: (module under cbt_tui.tui.widgets.steps, view class).
_VIEWS: dict[str, tuple[str, str]] = {
    "info": ("simple", "InfoStepView"),
    "text": ("simple", "TextStepView"),
    "list": ("items", "ListStepView"),
    "scale": ("scale", "ScaleStepView"),
    "ratings": ("ratings", "RatingsStepView"),
    "choice": ("choice", "ChoiceStepView"),
    "followup": ("simple", "FollowupStepView"),
    "timer": ("timer", "TimerStepView"),
}


def view_class(step_type: str) -> type[StepView]:
    module, name = _VIEWS[step_type]
    view: type[StepView] = getattr(import_module(f"{__name__}.{module}"), name)
    return view


def preload_views() -> None:
    """Import every view's module (off the UI thread, once the packs are read)."""
    for step_type in _VIEWS:
        view_class(step_type)


def view_for(context: StepContext) -> StepView:
    return view_class(context.step.type)(context)


__all__ = ["StepContext", "StepView", "preload_views", "view_class", "view_for"]
