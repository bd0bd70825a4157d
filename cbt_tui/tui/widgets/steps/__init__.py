"""One view per step type, and `view_for` to pick it."""

from __future__ import annotations

from cbt_tui.tui.widgets.steps.base import StepContext, StepView
from cbt_tui.tui.widgets.steps.choice import ChoiceStepView
from cbt_tui.tui.widgets.steps.items import ListStepView
from cbt_tui.tui.widgets.steps.ratings import RatingsStepView
from cbt_tui.tui.widgets.steps.scale import ScaleStepView
from cbt_tui.tui.widgets.steps.simple import FollowupStepView, InfoStepView, TextStepView

_VIEWS: dict[str, type[StepView]] = {
    "info": InfoStepView,
    "text": TextStepView,
    "list": ListStepView,
    "scale": ScaleStepView,
    "ratings": RatingsStepView,
    "choice": ChoiceStepView,
    "followup": FollowupStepView,
}


def view_for(context: StepContext) -> StepView:
    if context.step.type == "timer":
        from cbt_tui.tui.widgets.steps.timer import TimerStepView

        return TimerStepView(context)
    return _VIEWS[context.step.type](context)


__all__ = ["StepContext", "StepView", "view_for"]
