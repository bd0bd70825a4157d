"""Home's "Due today": assignments of installed packs, started from Home.

The last test is the issue's done-when: a pack written as docs/writing-packs.md shows,
installed with `cbt pack install`, its assignment done from Home by keys, and `cbt
report` showing it with its before/after figures.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import TESTS
from pilot_helpers import on_view, settle, store_at, type_text
from textual.widgets import Label, OptionList
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.domain.entries import EntryStatus
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen

runner = CliRunner()
GUIDE = TESTS.parent / "docs" / "writing-packs.md"


def guide_example(folder: Path) -> Path:
    """The complete example of the therapists' guide, saved as the guide says."""
    text = GUIDE.read_text(encoding="utf-8").split("## A complete example", 1)[1]
    block = re.search(r"```yaml\n(.*?)\n```", text, re.S).group(1)
    path = folder / "first-weeks.yaml"
    path.write_text(block + "\n", encoding="utf-8")
    return path


def install(path: Path) -> None:
    result = runner.invoke(cli, ["pack", "install", str(path)])
    assert result.exit_code == 0, result.stderr


def options(widget: OptionList) -> list[tuple[str | None, str, bool]]:
    return [
        (o.id, str(o.prompt), o.disabled) for o in (widget.get_option_at_index(i) for i in range(widget.option_count))
    ]


async def choose(pilot, widget: OptionList, option_id: str) -> None:
    widget.focus()
    widget.highlighted = widget.get_option_index(option_id)
    await pilot.press("enter")
    await settle(pilot)


async def test_due_section_is_hidden_without_assignments(make_app, install_test_pack) -> None:
    install_test_pack("every-step.yaml")  # copied by hand: its assignments are inactive
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not on_view(app.screen, "#due")
        assert not on_view(app.screen, "#due-title")


async def test_home_shows_a_due_assignment_and_starts_it(make_app, tmp_path: Path) -> None:
    install(guide_example(tmp_path))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        due = app.screen.query_one("#due", OptionList)
        assert due.display is True
        assert str(app.screen.query_one("#due-title", Label).render()) == "Due today"
        listed = options(due)
        assert [option_id for option_id, _, _ in listed] == [
            "due:first-weeks/evening-check-in",
            "due:first-weeks/urge-surf",
            "due:first-weeks/sober-evening",
        ]
        assert "Urge surf · 0 of " in listed[1][1] and "this week" in listed[1][1]
        assert "Before bed. Two minutes is enough." in listed[0][1]

        await choose(pilot, due, "due:first-weeks/urge-surf")
        assert isinstance(app.screen, RunnerScreen)
        assert (app.screen.run.pack.id, app.screen.run.exercise.id) == ("first-weeks", "urge-surf")


async def answer(pilot, step_id: str) -> None:
    """How a client might answer each step of the guide's evening check-in, by keys."""
    if step_id == "feelings":
        await pilot.press("7")  # Anxious 7
    elif step_id == "urge":
        await pilot.press("6")
    elif step_id == "helped":
        await pilot.press("space")  # Talked to someone
    elif step_id == "win":
        await type_text(pilot, "I cooked <b>dinner</b> [/bold]")
    elif step_id == "confidence":
        await pilot.press("4")
    elif step_id == "feelings_after":
        await pilot.press("3")  # Anxious 7 → 3
    elif step_id == "confidence_after":
        await pilot.press("3")  # 4 → 3: higher is better, so this one is flagged
    await pilot.pause()


async def test_done_when_a_guide_pack_is_installed_done_from_home_and_reported(
    make_app, tmp_path: Path, cbt_home: Path
) -> None:
    install(guide_example(tmp_path))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose(pilot, app.screen.query_one("#due", OptionList), "due:first-weeks/evening-check-in")
        assert isinstance(app.screen, RunnerScreen)
        entry_id = app.screen.run.entry.id
        for _ in range(20):
            if isinstance(app.screen, ReviewScreen):
                break
            step = app.screen.run.step
            await answer(pilot, getattr(step, "id", None) or "")
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        listed = options(app.screen.query_one("#due", OptionList))
        assert ("due:first-weeks/evening-check-in",) not in [(i,) for i, _, _ in listed]
        assert (None, "✓ Evening check-in · done today", True) in listed

    entry = store_at(cbt_home).get(entry_id)
    assert entry.status is EntryStatus.COMPLETE
    assert entry.answers["feelings"] == {"anxious": 7} and entry.answers["feelings_after"] == {"anxious": 3}

    due_now = runner.invoke(cli, ["due"]).stdout.splitlines()
    assert not any(line.startswith("first-weeks/evening-check-in") for line in due_now)
    assert any(line.startswith("first-weeks/urge-surf  Urge surf") for line in due_now)

    report = runner.invoke(cli, ["report"])
    assert report.exit_code == 0, report.stderr
    text = report.stdout
    assert "| Evening check-in | first\\-weeks |" not in text  # pack ids are not escaped needlessly
    assert "| Evening check-in | first-weeks | daily | 1 | 1 of 1 kept |" in text
    assert "| Evening check-in | Anxious | 7 → 3 | -4 |  |" in text  # a rated item named by its label
    assert "How sure are you that you can stay on track tomorrow? | 4 → 3 | -1 | ⚑ not better |" in text
    assert "I cooked \\<b\\>dinner\\</b\\> \\[/bold\\]" in text


async def test_entries_of_a_removed_pack_stay_readable_in_history(make_app, tmp_path: Path, cbt_home: Path) -> None:
    from datetime import datetime, timedelta

    from cbt_tui.domain.entries import Entry
    from cbt_tui.tui.screens.history import EntryScreen, HistoryScreen

    install(guide_example(tmp_path))
    finished = datetime.now().astimezone()
    entry = Entry(
        pack="first-weeks",
        pack_version="1.0.0",
        exercise="urge-surf",
        exercise_title="Urge surf",
        kind="craving_surf",
        status=EntryStatus.COMPLETE,
        started_at=finished - timedelta(minutes=12),
        completed_at=finished,
        answers={"trigger": "Payday", "urge_before": 8, "urge_after": 3},
        prompts={"trigger": "What set off this urge?", "urge_before": "How strong?", "urge_after": "How strong now?"},
    )
    store_at(cbt_home).import_entries([entry])
    assert runner.invoke(cli, ["pack", "remove", "first-weeks"]).exit_code == 0
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not on_view(app.screen, "#due")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#entries").row_count == 1
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        prompts = [str(w.render()) for w in app.screen.query(".review-prompt")]
        answers = [str(w.render()) for w in app.screen.query(".review-answer")]
        assert list(zip(prompts, answers, strict=True)) == [
            ("What set off this urge?", "Payday"),
            ("How strong?", "8"),
            ("How strong now?", "3"),
        ]
