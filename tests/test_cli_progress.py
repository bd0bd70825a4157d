"""`cbt progress [--since DATE] [--weeks N]`: the Progress screen's summary in the terminal."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import Entry, EntryScore
from cbt_tui.domain.run import ExerciseRun, new_entry
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.store import open_store

runner = CliRunner()
CATALOG = load_catalog()


def done(exercise: str, days_ago: int, answers: dict) -> Entry:
    """Completed at noon, local time, `days_ago` days before today, by the real run rules."""
    day = date.today() - timedelta(days=days_ago)
    moment = datetime(day.year, day.month, day.day, 12, 0).astimezone()
    pack, found = CATALOG.find(exercise)
    run = ExerciseRun(pack, found, new_entry(pack, found).model_copy(update={"started_at": moment}), now=lambda: moment)
    run.answers.update(answers)
    return run.complete(moment).model_copy(update={"updated_at": moment})


def surf(days_ago: int, peak: int) -> Entry:
    checks = [{"at": 60 * m, "value": v} for m, v in enumerate([peak - 1, peak, 3], 1)]
    timer = {"planned_seconds": 1200, "elapsed_seconds": 180, "ended": "early", "checks": checks}
    return done("craving-surf", days_ago, {"trigger": "t", "urge_before": peak - 1, "surf": timer, "urge_after": 2})


def check_in(days_ago: int, used: str = "No") -> Entry:
    return done("daily-check-in", days_ago, {"mood": 6, "craving": 3, "sleep": 7, "used_today": used, "win": "w"})


@pytest.fixture
def journal(cbt_home: Path) -> None:
    weekly = {
        "cravings": "mild",
        "low_mood": "some-days",
        "sleep": "okay",
        "confidence": "very-sure",
        "support": "most-days",
    }
    entries = [
        check_in(40),
        check_in(20),
        check_in(3, "Yes"),
        check_in(2),
        check_in(1),
        surf(10, 9),
        surf(2, 7),
        done("weekly-recovery-check", 9, weekly | {"used": "no", "sleep": "very-badly"}),
        done("weekly-recovery-check", 2, weekly | {"used": "yes"}),
    ]
    assert open_store(cbt_home).import_entries(entries) == (len(entries), 0)


def progress(*args: str) -> str:
    result = runner.invoke(app, ["progress", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """The words as one line (the terminal wraps summaries at its width)."""
    return " ".join(text.split())


def test_the_last_four_weeks_by_default(journal) -> None:
    text = progress()
    words = flat(text)
    first = date.today() - timedelta(days=27)
    assert text.startswith(f"Progress · {first:%a %d %b %Y} to {date.today():%a %d %b %Y}\n")
    assert "\nPractice\n        M T W T F S S\n" in text
    assert "Practised on 6 of 28 days (8 exercises finished)." in words  # 40 days ago is outside
    assert "Days on track: 3 of the 4 days you checked in. 1 day with use:" in words
    assert "A day with use is one day: every day on track still counts." in words
    assert "2 craving surfs. On average the urge peaked at 8 and ended at 2." in words
    assert "  peaks  ▇▆\n" in text and "  ends   ▂▂\n" in text  # 9 and 7, then 2 and 2, of 0 to 10
    assert "\nWeekly recovery check\n  ▃▂\n" in text  # 5 and 3 of 0 to 15
    assert "latest 3 (A steadier week)" in words
    assert "Craving surf: Urge\n  before █▆\n  after  ▁▁\n" in text
    assert "streak" not in text.lower()


def test_weeks_and_since_choose_the_period(journal) -> None:
    assert "Practised on 3 of 7 days (5 exercises finished)." in flat(progress("--weeks", "1"))
    since = date.today() - timedelta(days=45)
    text = progress("--since", since.isoformat())
    assert f"Progress · {since:%a %d %b %Y} to" in text
    assert "Practised on 7 of 46 days (9 exercises finished)." in flat(text)


def test_an_empty_journal_says_so_kindly() -> None:
    text = progress()
    assert "No exercises finished in these 28 days yet. Each one you finish shows here." in flat(text)
    assert "No craving surfs in this period." in flat(text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-02-30"], "--since: expected a date like 2026-11-23, got '2026-02-30'"),
        (["--since", "2026-11-01", "--weeks", "2"], "give --since or --weeks, not both"),
        (["--since", (date.today() + timedelta(days=1)).isoformat()], "is after today"),
    ],
)
def test_bad_options_are_one_line_and_exit_1(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["progress", *args])
    assert result.exit_code == 1 and message in result.stderr and len(result.stderr.splitlines()) == 1


def test_weeks_must_be_a_whole_number_of_at_least_one() -> None:
    result = runner.invoke(app, ["progress", "--weeks", "0"])
    assert result.exit_code == 2 and "Invalid value for '--weeks'" in result.output


HOSTILE = "[/bold] \x1b]0;pwned\x07 \x1b[2J[red]x[/red]"


def test_hostile_text_is_shown_not_obeyed(cbt_home: Path) -> None:
    """Titles, score bands and the reward a person wrote reach the terminal as symbols."""
    entry = done("weekly-recovery-check", 1, {"cravings": "mild", "used": "no"})
    entry = entry.model_copy(
        update={"exercise_title": HOSTILE, "pack": "gone", "scores": {"total": EntryScore(value=3, band=HOSTILE)}}
    )
    plan = done("reward-plan", 2, {"days_so_far": 1, "reward_7": HOSTILE})
    assert open_store(cbt_home).import_entries([entry, plan]) == (2, 0)
    text = progress()
    assert "\x1b" not in text and "\x07" not in text
    assert "␛]0;pwned␇" in text and "[/bold]" in text
