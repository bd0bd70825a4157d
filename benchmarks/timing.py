"""Small helpers shared by the benchmarks: repeat, take the median, run commands."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BARE_TYPER = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "you") -> None:
    print(name)


@app.command()
def bye() -> None:
    pass


app()
"""
"""The command line's yardstick: a bare Typer app with two commands, run with `--help`."""


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


def interleaved_to_file(
    commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, folder: Path
) -> dict[str, float]:
    """Median whole-process milliseconds of each (command, environment), stdout to a file
    (not a pipe, not a terminal), interleaved so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    out = folder / "out.txt"
    for command, env in commands.values():  # warm the file cache (and any index a first run leaves)
        _run_to_file(command, env, out)
    for _ in range(runs):
        for name, (command, env) in commands.items():
            samples[name].append(_run_to_file(command, env, out))
    return {name: statistics.median(values) for name, values in samples.items()}


def _run_to_file(command: list[str], env: dict[str, str], output: Path) -> float:
    with output.open("wb") as sink:
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=sink, stderr=subprocess.DEVNULL, check=True)
        return (time.perf_counter() - start) * 1000
