"""The craving-surf countdown on a fake clock: time, checks, ending, drafts, the pacer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cbt_tui.domain.timer import SurfTimer, pacer_phase


class FakeClock:
    """Seconds that move only when a test moves them."""

    def __init__(self, start: float = 5000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def surf(clock: FakeClock, minutes: float = 20, every: float | None = 60, stop: float | None = None) -> SurfTimer:
    timer = SurfTimer(round(minutes * 60), every_seconds=every, stop_when_at_most=stop, now=clock)
    timer.start()
    return timer


def due_offsets(timer: SurfTimer, clock: FakeClock, step: float = 1.0) -> list[int]:
    """Walk the clock in small steps to the end, answering every check as soon as it is due."""
    offsets = []
    while not timer.finished:
        clock.advance(step)
        if timer.check_due():
            offsets.append(timer.record_check(5)["at"])
    return offsets


def test_not_started_means_no_time(clock: FakeClock) -> None:
    timer = SurfTimer(60, now=clock)
    clock.advance(30)
    assert timer.elapsed == 0
    assert not timer.running and not timer.paused and not timer.started


def test_elapsed_comes_from_the_clock_and_is_capped(clock: FakeClock) -> None:
    timer = surf(clock, minutes=1)
    assert timer.running and timer.elapsed == 0 and timer.remaining == 60
    clock.advance(12.5)
    assert timer.elapsed == 12.5
    assert timer.remaining == 47.5
    assert not timer.finished
    clock.advance(1000)
    assert timer.elapsed == 60
    assert timer.remaining == 0
    assert timer.finished


def test_checks_fall_due_every_interval_before_the_end(clock: FakeClock) -> None:
    timer = surf(clock, minutes=20, every=60)
    assert due_offsets(timer, clock) == list(range(60, 1200, 60))
    assert [c["at"] for c in timer.checks] == list(range(60, 1200, 60))


def test_a_check_is_not_due_a_moment_early_and_stays_due_until_answered(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(59.9)
    assert not timer.check_due()
    clock.advance(0.1)
    assert timer.check_due()
    clock.advance(30)
    assert timer.check_due()  # still waiting for an answer; the clock went on
    assert timer.elapsed == 90
    assert timer.record_check(6) == {"at": 90, "value": 6}
    assert not timer.check_due()
    assert timer.next_check_at == 120


def test_skip_stores_nothing_and_schedules_the_next(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(60)
    assert timer.check_due()
    timer.skip_check()
    assert not timer.check_due()
    assert timer.checks == []
    clock.advance(59)
    assert not timer.check_due()
    clock.advance(1)
    assert timer.check_due()


def test_no_checks_without_an_interval(clock: FakeClock) -> None:
    timer = surf(clock, every=None)
    clock.advance(600)
    assert not timer.check_due()
    assert timer.next_check_at is None


def test_pause_excludes_time(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(30)
    timer.pause()
    assert timer.paused and not timer.running
    clock.advance(500)
    assert timer.elapsed == 30
    assert not timer.check_due()
    timer.resume()
    assert timer.running
    clock.advance(30)
    assert timer.elapsed == 60
    assert timer.check_due()
    timer.toggle()
    assert timer.paused
    timer.toggle()
    assert timer.running


def test_a_clock_jump_uses_up_the_countdown_and_asks_once(clock: FakeClock) -> None:
    timer = surf(clock, minutes=20, every=60)
    clock.advance(90)
    timer.record_check(8)
    clock.advance(600)  # the laptop slept for ten minutes
    assert timer.elapsed == 690
    assert timer.remaining == 510
    assert timer.check_due()
    assert timer.record_check(6) == {"at": 690, "value": 6}
    assert not timer.check_due()  # not nine more prompts
    assert timer.next_check_at == 720
    clock.advance(29)
    assert not timer.check_due()
    clock.advance(1)
    assert timer.check_due()


def test_a_jump_of_ten_minutes_leaves_ten_minutes(clock: FakeClock) -> None:
    timer = surf(clock, minutes=20, every=60)
    clock.advance(600)
    assert timer.remaining == 600
    assert timer.check_due()
    timer.skip_check()
    assert timer.next_check_at == 660
    assert not timer.check_due()


def test_a_jump_past_the_end_finishes_without_a_check(clock: FakeClock) -> None:
    timer = surf(clock, minutes=20, every=60)
    clock.advance(5000)
    assert timer.finished
    assert timer.elapsed == 1200
    assert not timer.check_due()


def test_can_finish_early_follows_the_latest_rating(clock: FakeClock) -> None:
    timer = surf(clock, stop=2)
    assert not timer.can_finish_early
    clock.advance(60)
    timer.record_check(3)
    assert not timer.can_finish_early
    clock.advance(60)
    timer.record_check(2)
    assert timer.can_finish_early
    clock.advance(60)
    timer.record_check(4)
    assert not timer.can_finish_early  # the wave came back up
    clock.advance(60)
    timer.record_check(0)
    assert timer.can_finish_early


def test_no_early_finish_without_a_threshold(clock: FakeClock) -> None:
    timer = surf(clock, stop=None)
    clock.advance(60)
    timer.record_check(0)
    assert not timer.can_finish_early
    with pytest.raises(ValueError):
        timer.end("early")


def test_answer_when_completed(clock: FakeClock) -> None:
    timer = surf(clock, minutes=2)
    clock.advance(60)
    timer.record_check(7)
    with pytest.raises(ValueError):
        timer.end("completed")  # not yet
    clock.advance(61)
    assert timer.end("completed") == {
        "planned_seconds": 120,
        "elapsed_seconds": 120,
        "ended": "completed",
        "checks": [{"at": 60, "value": 7}],
    }
    assert timer.ended == "completed"
    assert not timer.running and not timer.paused


def test_answer_when_finished_early(clock: FakeClock) -> None:
    timer = surf(clock, stop=2)
    clock.advance(60)
    timer.record_check(5)
    clock.advance(60.7)
    timer.record_check(1.5)
    clock.advance(10)
    answer = timer.end("early")
    assert answer == {
        "planned_seconds": 1200,
        "elapsed_seconds": 130,
        "ended": "early",
        "checks": [{"at": 60, "value": 5}, {"at": 120, "value": 1.5}],
    }
    clock.advance(100)
    assert timer.answer() == answer  # frozen once ended
    assert json.loads(json.dumps(answer)) == answer


def test_answer_when_stopped_keeps_the_ratings(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(60)
    timer.record_check(9)
    clock.advance(45)
    assert timer.end("stopped") == {
        "planned_seconds": 1200,
        "elapsed_seconds": 105,
        "ended": "stopped",
        "checks": [{"at": 60, "value": 9}],
    }
    with pytest.raises(RuntimeError):
        timer.record_check(3)
    with pytest.raises(RuntimeError):
        timer.end("early")


def test_answer_needs_a_known_ending(clock: FakeClock) -> None:
    timer = surf(clock)
    with pytest.raises(ValueError):
        timer.answer()
    with pytest.raises(ValueError):
        timer.answer("gave-up")
    assert timer.answer("stopped")["ended"] == "stopped"


def test_ratings_must_be_numbers(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(60)
    for bad in ("7", None, True, float("nan")):
        with pytest.raises(TypeError):
            timer.record_check(bad)  # type: ignore[arg-type]
    assert timer.checks == []


def test_snapshot_and_restore_round_trip(clock: FakeClock) -> None:
    timer = surf(clock, stop=2)
    clock.advance(60)
    timer.record_check(8)
    clock.advance(60)
    timer.record_check(6)
    clock.advance(30.4)
    snapshot = timer.snapshot()
    assert snapshot == {
        "planned_seconds": 1200,
        "elapsed_seconds": 150,
        "ended": None,
        "checks": [{"at": 60, "value": 8}, {"at": 120, "value": 6}],
    }
    snapshot = json.loads(json.dumps(snapshot))  # as a draft file keeps it

    later = FakeClock(start=99.0)  # another boot: another clock origin
    restored = SurfTimer.restore(snapshot, every_seconds=60, stop_when_at_most=2, now=later)
    assert restored.paused and not restored.running
    assert restored.elapsed == 150
    assert restored.checks == snapshot["checks"]
    later.advance(1000)
    assert restored.elapsed == 150  # paused until the person goes on
    restored.resume()
    later.advance(30)
    assert restored.elapsed == 180
    assert restored.check_due()
    assert restored.record_check(2) == {"at": 180, "value": 2}
    assert restored.can_finish_early
    assert restored.end("early")["checks"] == [*snapshot["checks"], {"at": 180, "value": 2}]


def test_restore_keeps_a_check_that_was_due(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(75)
    assert timer.check_due()
    restored = SurfTimer.restore(timer.snapshot(), every_seconds=60, now=clock)
    assert restored.check_due()  # asked again, once
    restored.record_check(4)
    assert restored.next_check_at == 120


def test_restore_an_ended_answer(clock: FakeClock) -> None:
    answer = {"planned_seconds": 300, "elapsed_seconds": 300, "ended": "completed", "checks": [{"at": 60, "value": 3}]}
    restored = SurfTimer.restore(answer, every_seconds=60, now=clock)
    assert restored.ended == "completed"
    assert restored.answer() == answer
    assert restored.snapshot() == answer


@pytest.mark.parametrize(
    "bad",
    [
        None,
        [],
        {},
        {"planned_seconds": 0, "elapsed_seconds": 0, "ended": None, "checks": []},
        {"planned_seconds": 60, "elapsed_seconds": -1, "ended": None, "checks": []},
        {"planned_seconds": 60, "elapsed_seconds": "10", "ended": None, "checks": []},
        {"planned_seconds": 60, "elapsed_seconds": 10, "ended": "maybe", "checks": []},
        {"planned_seconds": 60, "elapsed_seconds": 10, "ended": None, "checks": "x"},
        {"planned_seconds": 60, "elapsed_seconds": 10, "ended": None, "checks": [{"at": 1}]},
    ],
)
def test_restore_refuses_what_is_not_a_snapshot(bad: object, clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        SurfTimer.restore(bad, every_seconds=60, now=clock)  # type: ignore[arg-type]


def test_a_clock_running_backwards_does_not_take_time_away(clock: FakeClock) -> None:
    timer = surf(clock)
    clock.advance(40)
    timer.pause()
    timer.resume()
    clock.advance(-30)
    assert timer.elapsed == 40


@pytest.mark.parametrize(
    ("t", "word", "fraction"),
    [
        (0, "Breathe in", 0.0),
        (2, "Breathe in", 0.5),
        (4, "Hold", 1.0),
        (5.9, "Hold", 1.0),
        (6, "Breathe out", 1.0),
        (9, "Breathe out", 0.5),
        (11.99, "Breathe out", 0.0),
        (12, "Breathe in", 0.0),
        (12 * 40 + 3, "Breathe in", 0.75),
    ],
)
def test_pacer_phases(t: float, word: str, fraction: float) -> None:
    got_word, got_fraction = pacer_phase({"inhale": 4, "hold": 2, "exhale": 6}, t)
    assert got_word == word
    assert got_fraction == pytest.approx(fraction, abs=0.01)


def test_pacer_without_a_hold_and_from_the_model() -> None:
    from cbt_tui.domain.packs.models import Pacer

    pacer = Pacer(inhale=4, hold=0, exhale=6)
    assert pacer_phase(pacer, 3.999)[0] == "Breathe in"
    assert pacer_phase(pacer, 4) == ("Breathe out", 1.0)
    assert pacer_phase(pacer, 10) == ("Breathe in", 0.0)
    fractions = [pacer_phase(pacer, t / 10)[1] for t in range(0, 100)]
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert max(fractions) == pytest.approx(1.0, abs=0.03)


def test_the_domain_does_not_import_textual() -> None:
    code = (
        "import sys, cbt_tui.domain.timer\n"
        "sys.exit(1 if any(m.split('.')[0] == 'textual' for m in sys.modules) else 0)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# -- edges: bad arguments, repeated calls, the real clock ------------------------------------


@pytest.mark.parametrize(("planned", "every"), [(0, None), (-5, None), (float("nan"), None), (60, 0), (60, -1)])
def test_a_timer_refuses_times_that_are_not_positive(planned: float, every: float | None) -> None:
    with pytest.raises(ValueError, match="must be a positive number"):
        SurfTimer(planned, every_seconds=every)


def test_start_pause_and_resume_are_safe_to_repeat(clock: FakeClock) -> None:
    timer = SurfTimer(60, now=clock)
    timer.pause()  # not started: nothing to pause
    assert not timer.started and timer.elapsed == 0
    timer.start()
    clock.advance(10)
    timer.start()  # a second start does not restart the count
    timer.resume()  # already running
    assert timer.elapsed == 10 and timer.running
    timer.pause()
    clock.advance(30)
    timer.pause()
    assert timer.elapsed == 10 and timer.paused


def test_ending_twice_the_same_way_gives_the_same_answer_and_another_way_is_refused(clock: FakeClock) -> None:
    timer = surf(clock, minutes=1, every=None)
    first = timer.end("stopped")
    assert timer.end("stopped") == first
    with pytest.raises(RuntimeError, match="already ended"):
        timer.end("completed")
    with pytest.raises(ValueError, match="ended must be one of"):
        SurfTimer(60, now=clock).end("paused")


def test_the_boot_clock_moves_forward() -> None:
    from cbt_tui.domain.timer import boot_clock

    first = boot_clock()
    assert boot_clock() >= first > 0


def test_a_pacer_without_any_breath_stays_still() -> None:
    assert pacer_phase({"inhale": 0, "hold": 0, "exhale": 0}, 12.5) == ("Breathe in", 0.0)
    assert pacer_phase({"inhale": 4, "hold": 2, "exhale": 0}, 5.0) == ("Hold", 1.0)
