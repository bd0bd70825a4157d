"""`make bench`: run every benchmarks/bench_*.py module's main() and print its numbers."""

from __future__ import annotations

import compileall
import importlib
import sys
from pathlib import Path


def main(selected: list[str]) -> None:
    here = Path(__file__).parent
    sys.path.insert(0, str(here.parent))
    # Measured as installed: with bytecode, as pip leaves a wheel (see BYTECODE in the
    # Makefile), even where PYTHONDONTWRITEBYTECODE keeps Python from writing it.
    compileall.compile_dir(here.parent / "cbt_tui", quiet=1)
    for module_file in sorted(here.glob("bench_*.py")):
        name = module_file.stem
        if selected and not any(s in name for s in selected):
            continue
        print(f"\n== {name} ==", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
