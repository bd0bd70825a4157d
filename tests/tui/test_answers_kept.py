"""What a person wrote survives a pack upgrade and reads as words, in the real app.

The issue's case: a pack's v1 has a text step `belief`, a follow-up, then more steps;
the person answers `belief` and saves for later; v2 renames `belief` to `prediction`;
finishing the follow-up keeps the belief text in the entry, history and export, and the
runner says the exercise changed before the person goes on.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pilot_helpers import resume_from_home, settle, store_at, type_text
from textual.widgets import Markdown, Static
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.domain.entries import EntryStatus, now
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen

runner = CliRunner()
PACK = """\
format: 1
id: beliefs
title: Beliefs
version: {version}
exercises:
  - id: test-it
    title: Test a belief
    kind: behavioral_experiment
    summary: Plan it, try it, say how it went.
    steps:
      - type: text
        id: {name}
        prompt: "What do you **believe** will happen?"
        help: "**2. Gather.** Take your time."
      - {{type: followup, id: later, after: 1 day, prompt: Come back after you try it.}}
      - type: choice
        id: compared
        prompt: How did it compare?
        options:
          - {{value: not-true, label: It did not come true}}
          - {{value: came-true, label: It came true}}
      - {{type: text, id: result, prompt: What happened?}}
"""


def install(folder: Path, version: str, name: str) -> None:
    path = folder / f"beliefs-{version}.yaml"
    path.write_text(PACK.format(version=version, name=name), encoding="utf-8")
    result = runner.invoke(cli, ["pack", "install", str(path)])
    assert result.exit_code == 0, result.stderr


def markdown_shown(widget: Markdown) -> str:
    return "\n".join(str(block.render()) for block in widget.query("MarkdownParagraph"))


def review_rows(screen: ReviewScreen) -> list[tuple[str, str]]:
    prompts = [str(w.render()) for w in screen.query(".review-prompt")]
    answers = [str(w.render()) for w in screen.query(".review-answer")]
    return list(zip(prompts, answers, strict=True))


async def test_step_help_is_markdown_rendered(make_app, tmp_path: Path) -> None:
    install(tmp_path, "1.0.0", "belief")
    app = make_app(start_exercise="beliefs/test-it")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunnerScreen)
        help_box = app.screen.query_one("#step-help", Markdown)
        assert not help_box.display
        await pilot.press("f2")
        await settle(pilot)
        assert help_box.display
        assert markdown_shown(help_box) == "2. Gather. Take your time."  # bold, not asterisks
        assert markdown_shown(app.screen.query_one("#prompt", Markdown)) == "What do you believe will happen?"


async def test_a_pack_upgrade_keeps_the_answer_and_the_runner_says_so(make_app, tmp_path: Path, cbt_home: Path) -> None:
    install(tmp_path, "1.0.0", "belief")
    app = make_app(start_exercise="beliefs/test-it")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#runner-notice")  # a new entry: nothing changed
        entry_id = app.screen.run.entry.id
        await type_text(pilot, "Everyone will stare")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.run.step.id == "later"
        await pilot.press("ctrl+n")  # save for later
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    install(tmp_path, "2.0.0", "prediction")  # the upgrade renames `belief`
    store = store_at(cbt_home)
    waiting = store.get(entry_id)
    assert waiting.status is EntryStatus.AWAITING_FOLLOWUP
    due = now() - timedelta(minutes=1)  # as if the day had passed: it fell due a minute ago
    waiting.followup_due = due
    waiting.answers["later"] = due.isoformat()
    store.save(waiting)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = now()
        await resume_from_home(pilot)
        assert isinstance(app.screen, RunnerScreen)
        notice = app.screen.query_one("#runner-notice", Static)
        assert str(notice.render()) == "Updated since you began (1.0.0 → 2.0.0). Everything you wrote is kept."
        assert notice.size.height == 1  # one line above the step, at 80x24
        assert app.screen.run.step.id == "compared"
        await pilot.press("enter")  # the first option
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Nobody noticed")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        rows = review_rows(app.screen)
        assert rows[0] == (
            "What do you believe will happen? (from an earlier version of this exercise)",
            "Everyone will stare",
        )
        done = app.screen.run.entry.followups_done["later"]
        assert before <= done <= now()
        assert rows[1] == (
            "Come back after you try it.",
            f"fell due {due:%a %d %b, %H:%M} · done {done:%a %d %b, %H:%M}",
        )
        assert rows[2:] == [("How did it compare?", "It did not come true"), ("What happened?", "Nobody noticed")]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

    saved = store_at(cbt_home).get(entry_id)
    assert saved.status is EntryStatus.COMPLETE
    assert saved.answers["belief"] == "Everyone will stare"  # not dropped by complete()
    assert saved.prompts["belief"] == "What do you **believe** will happen?"
    assert saved.followups_done["later"] == done
    exported = runner.invoke(cli, ["export", "--format", "md"]).stdout
    assert (
        "### What do you believe will happen? (from an earlier version of this exercise)\n\nEveryone will stare\n"
        in exported
    )
