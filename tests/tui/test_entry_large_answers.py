"""An answer of tens of megabytes (pasted, or imported) opens in the entry view cut, with
its full length noted, and the view is made off the screen's thread (issue 10, section 5)."""

from __future__ import annotations

import threading
from pathlib import Path

from helpers import saved_entry
from pilot_helpers import settle, store_at
from textual.widgets import Static

from cbt_tui.domain.entries import Entry
from cbt_tui.tui.screens import history
from cbt_tui.tui.screens.history import EntryScreen

BIG = 30_000_000
#: What one answer of the entry view may hold at most: a few screens, not megabytes.
SHOWN_CHARACTERS = 20_200


def big_entry() -> Entry:
    return saved_entry(
        {
            "situation": ("calm " * (BIG // 5))[: BIG - 7] + "THE-END",
            "automatic_thoughts": [f"thought {i}" for i in range(300_000)],
        },
        prompts={"situation": "What happened? " * 200_000},
    )


async def test_a_huge_answer_is_shown_cut_with_its_length(make_app, cbt_home: Path, monkeypatch) -> None:
    entry = big_entry()
    store_at(cbt_home).save(entry)
    threads: list[str] = []
    real = history.answer_rows

    def answer_rows(*args):
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(history, "answer_rows", answer_rows)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(EntryScreen(entry.id))
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        texts = [str(widget.render()) for widget in app.screen.query(Static)]
        answer = next(text for text in texts if text.startswith("calm calm"))
        assert len(answer) < SHOWN_CHARACTERS
        assert "THE-END" not in answer
        assert f"the whole answer is {BIG:,} characters" in answer
        thoughts = next(text for text in texts if "thought 0" in text[:40])
        assert len(thoughts) < SHOWN_CHARACTERS and "characters" in thoughts
        assert all(len(text) < SHOWN_CHARACTERS for text in texts)
    assert threads and threading.main_thread().name not in threads
