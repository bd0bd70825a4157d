"""The progress trends, from real pack definitions and entries (issue 13.4): practice
days, craving waves, before and after by exercise, scores with bands, days on track as a
count (never a streak), and the reward plan's next milestone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.progress import (
    BandSpan,
    build_progress,
    by_day,
    milestone,
    period,
    sparkline,
)
from cbt_tui.domain.progress_words import (
    calendar_lines,
    milestone_summary,
    on_track_summary,
    practice_summary,
    score_summary,
)
from cbt_tui.domain.run import ExerciseRun, new_entry
from cbt_tui.packs.catalog import load_catalog

CATALOG = load_catalog()
TODAY = date(2026, 11, 30)  # a Monday


def find(pack: str, exercise: str):
    return CATALOG.find(exercise, pack)


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def done(pack: str, exercise: str, day: date, answers: dict) -> Entry:
    """An entry completed at noon on `day` by the real run rules (so scores and flags are stored)."""
    found = find(pack, exercise)
    assert found is not None
    run = ExerciseRun(*found, new_entry(*found), now=lambda: noon(day))
    run.answers.update(answers)
    return run.complete(noon(day))


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def check_in(day: date, used: str = "No", **more) -> Entry:
    return done(
        "recovery", "daily-check-in", day, {"mood": 6, "craving": 3, "sleep": 7, "used_today": used, "win": "w"} | more
    )


def surf(day: date, ratings: list[int], before: int, after: int) -> Entry:
    checks = [{"at": 60 * (i + 1), "value": v} for i, v in enumerate(ratings)]
    timer = {"planned_seconds": 1200, "elapsed_seconds": 60 * len(ratings), "ended": "early", "checks": checks}
    return done(
        "core", "craving-surf", day, {"trigger": "t", "urge_before": before, "surf": timer, "urge_after": after}
    )


def progress_of(*entries: Entry, weeks: int | None = 4, plan: Entry | None = None):
    first, last = period(TODAY, weeks, min((e.completed_at.date() for e in entries), default=None))
    return build_progress(entries, find, [], first, last, reward_plan=plan, today=TODAY, tz=UTC)


def test_the_period_counts_back_whole_weeks_to_today_or_from_the_first_entry() -> None:
    assert period(TODAY, 4) == (date(2026, 11, 3), TODAY)
    assert period(TODAY, 12) == (date(2026, 9, 8), TODAY)
    assert period(TODAY, None, date(2025, 1, 5)) == (date(2025, 1, 5), TODAY)
    assert period(TODAY, None, None) == (TODAY, TODAY)


def test_practice_is_a_calendar_of_days_a_week_per_row() -> None:
    found = progress_of(check_in(days_ago(0)), check_in(days_ago(0)), check_in(days_ago(2)), check_in(days_ago(40)))
    practice = found.practice
    assert (practice.days, practice.practised, practice.entries) == (28, 2, 3)  # 40 days ago is outside
    weeks = practice.weeks()
    assert [w.monday for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
        TODAY,
    ]
    assert weeks[0].days == (None, 0, 0, 0, 0, 0, 0)  # Monday 2 Nov is before the period
    assert weeks[3].days == (0, 0, 0, 0, 0, 1, 0)  # Saturday 28 Nov: one
    assert weeks[4].days == (2, None, None, None, None, None, None)  # today: two; the rest is to come
    lines = calendar_lines(weeks)
    assert lines[0] == "        M T W T F S S"
    assert lines[4:6] == ["23 Nov  · · · · · ▪ ·", "30 Nov  ■"]
    assert practice_summary(practice) == "Practised on 2 of 28 days (3 exercises finished)."


def test_each_surfs_peak_and_end_and_the_average_wave() -> None:
    found = progress_of(surf(days_ago(3), [8, 9, 6, 3], 7, 2), surf(days_ago(1), [6, 5], 6, 4))
    cravings = found.cravings
    assert [(s.peak, s.end) for s in cravings.surfs] == [(9, 2), (6, 4)]
    assert [(p.minute, p.average, p.surfs) for p in cravings.wave] == [(1, 7, 2), (2, 7, 2), (3, 6, 1), (4, 3, 1)]
    assert (cravings.average_peak, cravings.average_end) == (7.5, 3)


def test_before_and_after_groups_by_exercise_and_step_whatever_the_prompt_quoted() -> None:
    def record(day: date, thought: str, before: int, after: int) -> Entry:
        answers = {
            "situation": "s",
            "emotions": {"anxious": 80},
            "automatic_thoughts": [thought],
            "hot_thought": thought,  # quoted by the belief prompts, so they differ entry by entry
            "hot_belief": before,
            "balanced_thought": "b",
            "balanced_belief": 50,
            "emotions_after": {"anxious": 40},
            "hot_belief_after": after,
        }
        return done("core", "thought-record", day, answers)

    found = progress_of(record(days_ago(5), "I always fail", 90, 40), record(days_ago(2), "Nobody likes me", 70, 80))
    measures = {(m.exercise_title, m.label): m for m in found.before_after}
    assert set(measures) == {("Thought record", "Anxious"), ("Thought record", "Hot belief")}
    belief = measures[("Thought record", "Hot belief")]
    assert [(c.before, c.after) for c in belief.changes] == [(90, 40), (70, 80)]
    assert (belief.average_before, belief.average_after, belief.average_change, belief.moved_better) == (80, 60, -20, 1)


WEEKLY = {
    "cravings": "strong",
    "low_mood": "some-days",
    "sleep": "okay",
    "confidence": "fairly-sure",
    "support": "once",
}


def test_scores_over_time_carry_their_bands_and_what_was_not_added_up() -> None:
    found = progress_of(
        done("measures", "weekly-recovery-check", days_ago(14), WEEKLY | {"cravings": "very-strong", "used": "no"}),
        done("measures", "weekly-recovery-check", days_ago(7), {k: v for k, v in WEEKLY.items() if k != "sleep"}),
        done("measures", "weekly-recovery-check", days_ago(0), WEEKLY | {"support": "most-days", "used": "no"}),
    )
    [trend] = found.scores
    assert (trend.exercise_title, trend.label, trend.better, trend.low, trend.high) == (
        "Weekly recovery check",
        "Weekly recovery check",
        "lower",
        0,
        15,
    )
    assert [(p.value, p.band) for p in trend.points] == [(8, "Some strain"), (5, "Some strain")]
    assert trend.missing == 1
    assert trend.bands == [
        BandSpan("A steadier week", 0, 4),
        BandSpan("Some strain", 4, 9),
        BandSpan("A hard week", 9, 15),
    ]
    words = score_summary(trend)
    assert "latest 5 (Some strain) on Mon 30 Nov; lower is better" in words
    assert "Bands: up to 4 A steadier week; up to 9 Some strain; above 9 A hard week." in words
    assert "Once it was not added up: a question was skipped." in words


def test_days_on_track_are_a_count_and_a_day_with_use_is_one_day() -> None:
    entries = [check_in(days_ago(n)) for n in range(10, 0, -1)]
    entries[4] = check_in(days_ago(6), "Yes")  # a lapse in the middle
    entries.append(check_in(days_ago(6)))  # and a second check-in that day saying no: still a day with use
    entries.append(check_in(days_ago(0), "I'd rather not say"))  # neither
    entries.append(
        done(
            "measures",
            "craving-check",
            days_ago(12),
            {"strength": "mild", "how_often": "once", "how_hard": "easy", "used_today": "no"},
        )
    )
    on_track = progress_of(*entries).on_track
    assert len(on_track.kept) == 10 and on_track.with_use == [days_ago(6)]  # 9 check-in days + the craving check
    words = on_track_summary(on_track)
    assert words == (
        "Days on track: 10 of the 11 days you checked in. 1 day with use: Tue 24 Nov. "
        "A day with use is one day: every day on track still counts."
    )
    assert not any(word in words.lower() for word in ("streak", "reset", "start again", "failed", "zero"))


def test_the_check_ins_flags_are_collected_with_their_day() -> None:
    found = progress_of(check_in(days_ago(3), "Yes"), check_in(days_ago(2)))
    assert [(f.when.date(), f.exercise_title, f.label) for f in found.flags] == [
        (days_ago(3), "Daily check-in", "A day with use")
    ]


def plan(day: date, days_so_far: int | None) -> Entry:
    answers = {"day_kept": "No drink", "reward_7": "A takeaway", "reward_14": "Cinema", "reward_30": "Haircut"}
    if days_so_far is not None:
        answers["days_so_far"] = days_so_far
    return done("recovery-support", "reward-plan", day, answers)


@pytest.mark.parametrize(
    ("days_so_far", "written", "days", "upcoming", "reward"),
    [
        (0, 0, 0, 7, "A takeaway"),
        (3, 10, 13, 14, "Cinema"),
        (4, 10, 14, 30, "Haircut"),  # reached 14 today: the next is 30
        (80, 9, 89, 90, None),  # no reward written for 90
        (95, 0, 95, None, None),
    ],
)
def test_the_reward_plans_next_milestone(days_so_far, written, days, upcoming, reward) -> None:
    found = milestone(plan(days_ago(written), days_so_far), TODAY, UTC)
    assert (found.days, found.next, found.reward) == (days, upcoming, reward)


def test_the_milestone_in_words_and_none_without_a_count() -> None:
    assert milestone(plan(days_ago(0), None), TODAY, UTC) is None
    found = progress_of(check_in(days_ago(1)), plan=plan(days_ago(10), 3))
    assert milestone_summary(found.milestone) == (
        "Reward plan: 13 days kept by your plan's count. Next milestone: 14 days, in 1 day: Cinema."
    )
    assert milestone_summary(milestone(plan(days_ago(0), 95), TODAY, UTC)).endswith(
        "past the last milestone (90 days)."
    )


def test_an_empty_period_says_so_in_words() -> None:
    found = progress_of()
    assert found.is_empty
    assert practice_summary(found.practice).startswith("No exercises finished in these 28 days yet.")


def test_sparklines_and_days() -> None:
    assert sparkline([0, 5, 10], 0, 10) == "▁▅█"
    assert sparkline([3, 3]) == "▁▁"
    assert sparkline([]) == ""
    assert len(sparkline(list(range(100)), width=10)) == 10
    monday = noon(TODAY)
    assert by_day([(monday, 2), (monday, 4), (monday + timedelta(days=1), 1)]) == [
        (TODAY, 3),
        (TODAY + timedelta(days=1), 1),
    ]


def test_a_removed_pack_still_shows_its_stored_scores() -> None:
    entry = done(
        "measures", "craving-check", days_ago(1), {"strength": "strong", "how_often": "many", "how_hard": "hard"}
    )
    gone = build_progress([entry], lambda pack, exercise: None, [], *period(TODAY, 4), today=TODAY, tz=UTC)
    [trend] = gone.scores
    assert (trend.label, trend.low, trend.bands, [(p.value, p.band) for p in trend.points]) == (
        "total",
        None,
        [],
        [(7, "Strong")],
    )
    assert entry.status is EntryStatus.COMPLETE and entry.flags == ["Craving check: 7 (Strong)"]


def test_assignments_kept_against_those_asked_are_part_of_practice() -> None:
    from cbt_tui.domain.schedule import Assigned, adherence, completion_dates

    entries = [check_in(days_ago(n)) for n in (0, 1, 3)]
    daily = Assigned("recovery", "daily-check-in", "Daily check-in", "daily", days_ago(6))
    kept = adherence([daily], completion_dates(entries, UTC), *period(TODAY, 4))
    found = build_progress(entries, find, kept, *period(TODAY, 4), today=TODAY, tz=UTC)
    assert practice_summary(found.practice) == (
        "Practised on 3 of 28 days (3 exercises finished).\nDaily check-in (daily): 3 of 7 kept."
    )
