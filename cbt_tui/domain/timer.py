"""The craving-surf countdown: running time on an injected clock, urge checks, a breathing pacer.

Pure Python (no Textual), so it can be tested with a fake clock and reused anywhere.

Time is read, never counted: `elapsed` is the sum of the clock's running stretches, so a
slow screen cannot stretch the countdown, and a clock that keeps going through a laptop's
suspend (the boot-time clock) simply uses up that much of the countdown. Paused time
does not count.

Checks fall due at multiples of `every_seconds` strictly before the end (a 20-minute timer
with checks every 60 s asks at 60, 120, ..., 1140). However long a check is left open
or however far the clock jumps, only one check is due at a time, and once it is answered
or skipped the next one falls due at the next multiple after the current elapsed time.

The stored answer is `{planned_seconds, elapsed_seconds, ended, checks: [{at, value}]}`
(pack format, `timer` step); a draft is the same shape with `ended: None`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeGuard

ENDINGS = ("completed", "early", "stopped")

PHASE_IN = "Breathe in"
PHASE_HOLD = "Hold"
PHASE_OUT = "Breathe out"


def boot_clock() -> float:
    """Seconds on a clock that keeps counting through a laptop's suspend when it can."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: float) -> int | float:
    """3.0 -> 3 (JSON-friendly), 2.5 stays 2.5."""
    return int(value) if float(value).is_integer() else value


class SurfTimer:
    """A countdown of `planned_seconds` of running time, with optional urge checks."""

    def __init__(
        self,
        planned_seconds: float,
        every_seconds: float | None = None,
        stop_when_at_most: float | None = None,
        now: Callable[[], float] = boot_clock,
    ) -> None:
        if not _is_number(planned_seconds) or planned_seconds <= 0:
            raise ValueError(f"planned_seconds must be a positive number, not {planned_seconds!r}")
        if every_seconds is not None and (not _is_number(every_seconds) or every_seconds <= 0):
            raise ValueError(f"every_seconds must be a positive number, not {every_seconds!r}")
        self.planned_seconds = _whole(planned_seconds)
        self.every_seconds = every_seconds
        self.stop_when_at_most = stop_when_at_most
        self._now = now
        self._banked = 0.0  # running time before the current running stretch
        self._since: float | None = None  # clock reading when the current stretch began
        self._started = False
        self._ended: str | None = None
        self._checks: list[dict[str, int | float]] = []
        self._next_check = float(every_seconds) if every_seconds else math.inf

    # -- running -------------------------------------------------------------------------

    def start(self) -> None:
        """Start counting (once; a restored or paused timer goes on with `resume()`)."""
        if self._started or self._ended:
            return
        self._started = True
        self._since = self._now()

    def pause(self) -> None:
        if self._since is None or self._ended:
            return
        self._banked = self._elapsed_now()
        self._since = None

    def resume(self) -> None:
        if self._ended or self._since is not None:
            return
        self._started = True
        self._since = self._now()

    def toggle(self) -> None:
        """Pause when running, go on when paused."""
        if self.running:
            self.pause()
        else:
            self.resume()

    @property
    def started(self) -> bool:
        return self._started

    @property
    def running(self) -> bool:
        return self._since is not None and self._ended is None

    @property
    def paused(self) -> bool:
        return self._started and self._since is None and self._ended is None

    @property
    def ended(self) -> str | None:
        """How it ended ("completed", "early", "stopped"), or None while it goes on."""
        return self._ended

    def _elapsed_now(self) -> float:
        total = self._banked
        if self._since is not None:
            total += max(0.0, self._now() - self._since)  # a clock never runs backwards here
        return min(total, float(self.planned_seconds))

    @property
    def elapsed(self) -> float:
        """Seconds of running time so far, capped at the planned time."""
        return self._elapsed_now()

    @property
    def remaining(self) -> float:
        return max(0.0, float(self.planned_seconds) - self.elapsed)

    @property
    def finished(self) -> bool:
        """The planned time has run out (whether or not `end` has been called)."""
        return self.elapsed >= self.planned_seconds

    # -- checks --------------------------------------------------------------------------

    @property
    def checks(self) -> list[dict[str, int | float]]:
        return [dict(c) for c in self._checks]

    @property
    def next_check_at(self) -> float | None:
        """The offset at which the next check falls due (None without checks or past the end)."""
        if self._next_check >= self.planned_seconds:
            return None
        return self._next_check

    def check_due(self) -> bool:
        """A rating is asked for now: the elapsed time reached the next check offset."""
        if self._ended is not None or self.finished:
            return False
        due_at = self.next_check_at
        return due_at is not None and self.elapsed >= due_at

    def _schedule_after(self, elapsed: float) -> None:
        if self.every_seconds:
            every = float(self.every_seconds)
            self._next_check = (math.floor(elapsed / every) + 1) * every

    def record_check(self, value: int | float) -> dict[str, int | float]:
        """Keep a rating at the current offset and schedule the next check after now."""
        if not _is_number(value):
            raise TypeError(f"a check value must be a number, not {value!r}")
        if self._ended is not None:
            raise RuntimeError("the timer has ended")
        elapsed = self.elapsed
        check = {"at": int(elapsed), "value": _whole(value)}
        self._checks.append(check)
        self._schedule_after(elapsed)
        return dict(check)

    def another_wave(self, seconds: float) -> None:
        """Go on for `seconds` more from now (a fresh wave), keeping every rating so far.

        Works on an ended timer (surf another wave) and on a paused one (a draft picked
        up later): the planned time becomes the time surfed so far plus `seconds`, and the
        timer runs.
        """
        if not _is_number(seconds) or seconds <= 0:
            raise ValueError(f"seconds must be a positive number, not {seconds!r}")
        elapsed = self.elapsed
        self.pause()
        self._banked = elapsed
        self.planned_seconds = _whole(math.floor(elapsed) + seconds)
        self._ended = None
        self._schedule_after(elapsed)
        self.resume()

    def skip_check(self) -> None:
        """The check was dismissed without an answer: nothing is kept, the next one is scheduled."""
        self._schedule_after(self.elapsed)

    @property
    def latest_value(self) -> int | float | None:
        return self._checks[-1]["value"] if self._checks else None

    @property
    def can_finish_early(self) -> bool:
        """The latest rating is at or below `stop_when_at_most`."""
        if self._ended is not None or self.stop_when_at_most is None:
            return False
        latest = self.latest_value
        return latest is not None and latest <= self.stop_when_at_most

    # -- ending and storing --------------------------------------------------------------

    def end(self, ended: str) -> dict[str, Any]:
        """Stop for good and return the answer to store.

        "completed" needs the time to have run out, "early" needs `can_finish_early`;
        "stopped" is always allowed and keeps what was recorded.
        """
        if ended not in ENDINGS:
            raise ValueError(f"ended must be one of {', '.join(ENDINGS)}, not {ended!r}")
        if self._ended is not None:
            if self._ended == ended:
                return self.answer()
            raise RuntimeError(f"the timer has already ended ({self._ended})")
        if ended == "completed" and not self.finished:
            raise ValueError("the timer has not run out yet")
        if ended == "early" and not self.can_finish_early:
            raise ValueError("finishing early needs a check at or below stop_when_at_most")
        self.pause()
        self._since = None
        self._ended = ended
        return self.answer()

    def answer(self, ended: str | None = None) -> dict[str, Any]:
        """The stored answer: `{planned_seconds, elapsed_seconds, ended, checks}`."""
        ended = ended if ended is not None else self._ended
        if ended not in ENDINGS:
            raise ValueError(f"ended must be one of {', '.join(ENDINGS)}, not {ended!r}")
        return {
            "planned_seconds": self.planned_seconds,
            "elapsed_seconds": int(self.elapsed),
            "ended": ended,
            "checks": self.checks,
        }

    def snapshot(self) -> dict[str, Any]:
        """The draft: the answer's shape with `ended` None while the timer goes on."""
        if self._ended is not None:
            return self.answer()
        return {
            "planned_seconds": self.planned_seconds,
            "elapsed_seconds": int(self.elapsed),
            "ended": None,
            "checks": self.checks,
        }

    @classmethod
    def restore(
        cls,
        snapshot: Mapping[str, Any],
        every_seconds: float | None = None,
        stop_when_at_most: float | None = None,
        now: Callable[[], float] = boot_clock,
    ) -> SurfTimer:
        """A timer from a snapshot or a stored answer.

        A draft (`ended` None) comes back paused at its elapsed time with its checks; the
        next check falls due one interval after the last rating (at once, if that time has
        passed: one check, not a flood). A stored answer comes back ended.
        Raises ValueError for anything that is not such a dict.
        """
        if not isinstance(snapshot, Mapping):
            raise ValueError("a timer snapshot is a mapping")
        planned = snapshot.get("planned_seconds")
        elapsed = snapshot.get("elapsed_seconds")
        ended = snapshot.get("ended")
        raw_checks = snapshot.get("checks", [])
        if not _is_number(planned) or planned <= 0:
            raise ValueError("planned_seconds must be a positive number")
        if not _is_number(elapsed) or elapsed < 0:
            raise ValueError("elapsed_seconds must be a number, at least 0")
        if ended is not None and ended not in ENDINGS:
            raise ValueError(f"ended must be None or one of {', '.join(ENDINGS)}")
        checks = _parse_checks(raw_checks)
        timer = cls(planned, every_seconds, stop_when_at_most, now)
        timer._banked = min(float(elapsed), float(planned))
        timer._started = True
        timer._checks = checks
        if every_seconds:
            last_at = checks[-1]["at"] if checks else 0
            timer._next_check = (math.floor(last_at / float(every_seconds)) + 1) * float(every_seconds)
        timer._ended = ended
        return timer


def _parse_checks(raw: Any) -> list[dict[str, int | float]]:
    if not isinstance(raw, Iterable) or isinstance(raw, (str, bytes, Mapping)):
        raise ValueError("checks must be a list")
    checks = []
    for item in raw:
        if not isinstance(item, Mapping) or not _is_number(item.get("at")) or not _is_number(item.get("value")):
            raise ValueError("each check is {at: seconds, value: number}")
        checks.append({"at": int(item["at"]), "value": _whole(item["value"])})
    return checks


def pacer_phase(pacer: Any, t: float) -> tuple[str, float]:
    """Where a breath cycle is at `t` seconds: (word, fraction of the bar, 0..1).

    The bar grows over `inhale`, stays full over `hold`, shrinks over `exhale`, and the
    cycle repeats every inhale + hold + exhale seconds. `pacer` is a `Pacer` model or a
    mapping with those keys.
    """
    if isinstance(pacer, Mapping):
        inhale, hold, exhale = (float(pacer.get(k, 0) or 0) for k in ("inhale", "hold", "exhale"))
    else:
        inhale, hold, exhale = (float(getattr(pacer, k, 0) or 0) for k in ("inhale", "hold", "exhale"))
    cycle = inhale + hold + exhale
    if cycle <= 0:
        return PHASE_IN, 0.0
    p = max(0.0, float(t)) % cycle
    if p < inhale:
        return PHASE_IN, p / inhale
    if p < inhale + hold:  # without an exhale, p never gets past here
        return PHASE_HOLD, 1.0
    return PHASE_OUT, max(0.0, 1.0 - (p - inhale - hold) / exhale)
