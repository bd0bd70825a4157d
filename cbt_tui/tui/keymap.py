"""The user's own keys: `keymap.toml` in the data home maps binding ids to keys.

    [keymap]
    "app.safety" = "f1,ctrl+g"
    "runner.next" = "ctrl+n"

A broken file never stops the app: it is named in one notice and the usual keys stay.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from cbt_tui.text import one_line

KEYMAP_FILE = "keymap.toml"
MAX_BYTES = 64 * 1024


def binding_ids() -> set[str]:
    """Every binding id of the trainer's app, screens and widgets."""
    from textual.binding import Binding

    from cbt_tui.tui.app import TrainerApp
    from cbt_tui.tui.screens.confirm import ConfirmScreen
    from cbt_tui.tui.screens.coping_card import CopingCardScreen
    from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen
    from cbt_tui.tui.screens.home import HomeScreen
    from cbt_tui.tui.screens.progress import ProgressScreen
    from cbt_tui.tui.screens.region import RegionScreen
    from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen
    from cbt_tui.tui.screens.safety import SafetyScreen
    from cbt_tui.tui.widgets.steps.items import ItemList
    from cbt_tui.tui.widgets.steps.ratings import RatingsStepView
    from cbt_tui.tui.widgets.steps.scale import ScaleInput
    from cbt_tui.tui.widgets.steps.simple import AnswerArea
    from cbt_tui.tui.widgets.steps.timer import TimerStepView

    owners: tuple[type[object], ...] = (TrainerApp, HomeScreen, RunnerScreen, ReviewScreen, HistoryScreen)
    owners += (EntryScreen, ProgressScreen, SafetyScreen, ConfirmScreen, RegionScreen, CopingCardScreen)
    owners += (ItemList, TimerStepView, ScaleInput, RatingsStepView, AnswerArea)
    return {
        binding.id
        for owner in owners
        for binding in getattr(owner, "BINDINGS", ())
        if isinstance(binding, Binding) and binding.id is not None
    }


def load_keymap(home: Path) -> tuple[dict[str, str], str | None]:
    """(binding id -> keys, a problem to show or None)."""
    path = home / KEYMAP_FILE
    if not path.is_file():
        return {}, None
    import tomllib  # only with a keymap: most people have none, and the first frame waits for it

    try:
        if path.stat().st_size > MAX_BYTES:
            return {}, f"{path}: your keymap is larger than {MAX_BYTES // 1024} KiB; using the usual keys."
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = one_line(str(exc))[:120] if not isinstance(exc, RecursionError) else "nested too deeply"
        return {}, f"{path}: could not read your keymap ({reason}); using the usual keys."
    keys = table.get("keymap", {})
    if not isinstance(keys, dict):
        return {}, f"{path}: 'keymap' should be a table like [keymap]; using the usual keys."
    known = binding_ids()  # only with a keymap: it imports every screen
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in keys.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, sorted(known), n=1)
            hint = f", did you mean '{close[0]}'?" if close else ""
            problems.append(f"no key binding '{one_line(binding_id)[:60]}'{hint}")
        elif not isinstance(value, str) or not value.strip() or not all(map(_is_key, value.split(","))):
            problems.append(f'\'{binding_id}\' should be keys like "ctrl+g" or "f1,ctrl+g"')
        else:
            keymap[binding_id] = value
    if problems:
        return keymap, f"{path}: " + "; ".join(problems) + ". The other keys are used."
    return keymap, None


_KEY_NAME = re.compile(r"[A-Za-z0-9_+-]+")


def _is_key(key: str) -> bool:
    """A key as Textual names it (`ctrl+g`, `f1`, `question_mark`) or one printable
    character: never control characters or markup, which the footer would draw."""
    key = key.strip()
    return bool(_KEY_NAME.fullmatch(key)) or (len(key) == 1 and key.isprintable() and not key.isspace())
