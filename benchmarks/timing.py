"""Small helpers shared by the benchmarks: repeat, take the median, run commands."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence


def median_ms(action: Callable[[], object], repeat: int = 15, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def command_medians_ms(commands: dict[str, Sequence[str]], repeat: int = 9, **kwargs) -> dict[str, float]:
    """Whole-process wall time of each command, interleaved so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache
        subprocess.run(command, capture_output=True, check=True, **kwargs)
    for _ in range(repeat):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, **kwargs)
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}
