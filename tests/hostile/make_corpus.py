"""Writes the JSON files of the hostile corpus (JSON has no comments: each file's
expectation is in EXPECT.toml beside it). Run from the repository: python tests/hostile/make_corpus.py

The packs and keymaps are written by hand (YAML and TOML say what they expect in a comment).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from payload import PAYLOAD  # noqa: E402


def entry(number: int, **changes: object) -> dict:
    base = {
        "id": f"01JHOSTILE{number:016d}",
        "pack": "core",
        "pack_version": "1.0.0",
        "exercise": "thought-record",
        "exercise_title": "Thought record " + PAYLOAD,
        "kind": "thought_record",
        "status": "complete",
        "started_at": "2026-11-30T10:00:00+00:00",
        "updated_at": "2026-11-30T10:05:00+00:00",
        "completed_at": "2026-11-30T10:05:00+00:00",
        "answers": {
            "situation": PAYLOAD + "\nsecond line " + PAYLOAD,
            "emotions": {PAYLOAD: 50, "anxious": 70},
            "automatic_thoughts": [PAYLOAD, "I always mess up"],
            "hot_belief": 70,
        },
        "prompts": {
            "situation": "What happened? " + PAYLOAD,
            "emotions": "Feelings " + PAYLOAD,
            "automatic_thoughts": "Thoughts " + PAYLOAD,
        },
        "flags": [PAYLOAD],
    }
    base.update(changes)
    return base


def export(*entries: dict) -> str:
    return json.dumps({"format": 1, "exported_at": "2026-12-01T00:00:00+00:00", "entries": list(entries)}, indent=1)


def deep(levels: int) -> str:
    """JSON text nested `levels` deep (json.dumps itself cannot write it)."""
    return "[" * levels + '"bottom"' + "]" * levels


def main() -> None:
    exports = HERE / "exports"
    timer = {"planned_seconds": 600, "elapsed_seconds": 600, "ended": "completed", "checks": [{"at": 60, "value": 7}]}
    files = {
        "hostile-text.json": export(
            entry(1),
            entry(2, pack="gone", exercise="gone-exercise", kind="skill", exercise_title=PAYLOAD),
            entry(3, exercise="craving-surf", kind="craving_surf", answers={"surf": timer, "trigger": PAYLOAD}),
            entry(4, status="draft", completed_at=None, position="situation"),
        ),
        "bad-timer-shapes.json": export(
            entry(5, exercise="craving-surf", kind="craving_surf", answers={"surf": {**timer, "checks": "abc"}}),
            entry(6, exercise="craving-surf", kind="craving_surf", answers={"surf": {**timer, "elapsed_seconds": [1]}}),
            entry(
                7, exercise="craving-surf", kind="craving_surf", answers={"surf": {**timer, "planned_seconds": 1e15}}
            ),
        ),
        "far-timestamps.json": export(
            entry(8, started_at="0001-01-01T00:00:00+14:00"), entry(9, updated_at="9999-12-31T23:59:59+00:00")
        ),
        "deep-nesting.json": export(entry(10, answers={"situation": "DEEP"})).replace('"DEEP"', deep(5000)),
        "hostile-id.json": export(entry(11, id="01J\u001b]0;PWNED\u0007", pack="p\u001b[2J")),
    }
    for name, text in files.items():
        (exports / name).write_text(text + "\n", encoding="utf-8")
    (exports / "not-json.json").write_bytes(b'{"format": 1, "entries": [\x1b]0;PWNED\x07 \x1b[2J \xff\xfe garbage')

    stores = HERE / "stores"
    month = {
        "entries": {
            str(i): e
            for i, e in enumerate(
                [entry(21), entry(22, exercise="craving-surf", kind="craving_surf", answers={"surf": timer})], 1
            )
        }
    }
    (stores / "journal-hostile-text.json").write_text(json.dumps(month, indent=1) + "\n", encoding="utf-8")
    bad = {
        "entries": {
            "1": entry(23, answers={"surf": {**timer, "checks": "abc"}}, exercise="craving-surf", kind="craving_surf"),
            "2": entry(24),
        }
    }
    (stores / "journal-bad-shapes.json").write_text(json.dumps(bad, indent=1) + "\n", encoding="utf-8")
    (stores / "journal-not-json.json").write_bytes(b'{"entries": {"1": \x1b]0;PWNED\x07 \x1b[2J')
    state = {
        "meta": {"1": {"schema_version": 2}},
        "contacts": {"1": {"name": "Sam " + PAYLOAD, "contact": "555 " + PAYLOAD, "note": PAYLOAD}},
        "settings": {"1": {"id": "name", "value": "Alex " + PAYLOAD}},
        "open": {"1": entry(25, status="draft", completed_at=None, position="situation")},
    }
    (stores / "state-hostile-text.json").write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
