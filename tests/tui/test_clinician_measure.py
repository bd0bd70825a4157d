"""Done when (issue 13): a clinician's scored measure, written by following the guide,
installs, runs by keys, and its total and band are right in the review, history,
`cbt progress` and both reports."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import TESTS
from pilot_helpers import settle, store_at
from typer.testing import CliRunner

from cbt_tui.cli import app as cli
from cbt_tui.tui.screens.history import EntryScreen
from cbt_tui.tui.screens.home import HomeScreen
from cbt_tui.tui.screens.runner import ReviewScreen, RunnerScreen

GUIDE = TESTS.parent / "docs" / "writing-packs.md"
runner = CliRunner()


def the_guides_pack(folder: Path) -> Path:
    """`my-check-ins/` exactly as the guide's scored check-in section gives it."""
    blocks = re.findall(r"```yaml\n(.*?)\n```", GUIDE.read_text(encoding="utf-8"), re.S)
    header = next(b for b in blocks if "id: my-check-ins" in b)
    measure = next(b for b in blocks if "kind: measure" in b)
    pack = folder / "my-check-ins"
    pack.mkdir()
    (pack / "pack.yaml").write_text(header + "\n")
    (pack / "weekly-check.yaml").write_text(measure + "\n")
    return pack


def shown(screen) -> list[str]:
    return [str(widget.render()) for widget in screen.query(".review-prompt, .review-answer")]


SCORED = ["Weekly check total", "12 (High)", "Worth talking about", "⚑ Weekly check total: 12 (High)\n⚑ Used this week"]


async def test_a_clinicians_measure_from_the_guide_scores_right_everywhere(make_app, cbt_home: Path, tmp_path) -> None:
    pack = the_guides_pack(tmp_path)
    assert runner.invoke(cli, ["validate", str(pack)]).stdout == "ok: my-check-ins (1 exercise)\n"
    installed = runner.invoke(cli, ["pack", "install", str(pack)])
    assert installed.exit_code == 0, installed.output

    app = make_app(start_exercise="my-check-ins/weekly-check")
    keys = {"craving": ["8"], "low_mood": ["down", "down", "enter"], "sleep": ["down", "enter"], "used": ["enter"]}
    async with app.run_test(size=(80, 24)) as pilot:  # craving 8 + most days 2 + badly 2 = 12
        await settle(pilot)
        while isinstance(app.screen, RunnerScreen):
            await pilot.press(*keys[app.screen.run.step.id])
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert shown(app.screen)[-4:] == SCORED
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [entry] = store_at(cbt_home).recent(1)
        assert entry.answers == {"craving": 8, "low_mood": "most-days", "sleep": "badly", "used": "yes"}
        app.push_screen(EntryScreen(entry.id))
        await settle(pilot)
        assert shown(app.screen)[-4:] == SCORED

    words = " ".join(runner.invoke(cli, ["progress"]).stdout.split())
    assert "Weekly check: Weekly check total" in words
    assert "Weekly check total, once: latest 12 (High)" in words
    assert "Bands: up to 4 Low; up to 9 Some; above 9 High." in words

    markdown = runner.invoke(cli, ["report"]).stdout
    assert re.search(r"\| [^|]+ \| Weekly check \| Weekly check total \| 12 \| High \|", markdown)
    worth = markdown.split("## Worth talking about", 1)[1].split("\n## ", 1)[0]
    assert "Weekly check: Weekly check total: 12 (High)" in worth and "Weekly check: Used this week" in worth
    assert "**Weekly check total:** 12 (High)" in markdown.split("## Entries", 1)[1]
    html = runner.invoke(cli, ["report", "--format", "html"]).stdout
    assert "<td>Weekly check total</td><td>12</td><td>High</td>" in html
    scores = html.split("<h2>Scores</h2>", 1)[1].split("</section>", 1)[0]
    assert scores.count("<svg") == 1 and all(f">{band}</text>" in scores for band in ("Low", "Some", "High"))
