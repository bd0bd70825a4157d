"""Pack loading (a folder of 50 exercises) and `cbt --help` against a bare Typer app."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

from benchmarks.timing import command_medians_ms, median_ms
from cbt_tui.packs.loader import load_pack
from cbt_tui.paths import builtin_packs_dir

BARE_TYPER = '''
import typer
app = typer.Typer(add_completion=False)
@app.command()
def validate(path: str) -> None:
    """Check a pack."""
@app.command("list")
def list_() -> None:
    """List exercises."""
app()
'''


def fifty_exercise_pack(folder: Path) -> Path:
    """A folder pack of 50 exercise files: the built-in ones, copied under new ids."""
    yaml = YAML(typ="safe")
    builtin = builtin_packs_dir()
    header = {"format": 1, "id": "fifty", "title": "Fifty", "version": "1.0.0", "lists": {}}
    sources = []
    for name in ("core", "recovery"):
        header["lists"].update(yaml.load(builtin / name / "pack.yaml").get("lists") or {})
        sources += sorted(p for p in (builtin / name).glob("*.yaml") if p.name != "pack.yaml")
    pack = folder / "fifty"
    (pack / "nested").mkdir(parents=True)
    with (pack / "pack.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(header, handle)
    for index in range(50):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        exercise_id = yaml.load(text)["id"]
        target = pack / ("nested" if index % 2 else ".") / f"{index:02d}-{source.name}"
        target.write_text(text.replace(f"id: {exercise_id}", f"id: {exercise_id}-{index}", 1), encoding="utf-8")
    return pack


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pack = fifty_exercise_pack(folder)
        result = load_pack(pack)
        status = (
            f"{len(result.pack.exercises)} exercises"
            if result.ok
            else f"{len(result.errors)} errors: {result.errors[0]}"
        )
        size = sum(p.stat().st_size for p in pack.rglob("*.yaml"))
        print(
            f"load+validate folder pack ({status}, {size / 1024:.0f} KiB): median {median_ms(lambda: load_pack(pack)):.1f} ms"
        )
        for name in ("core", "recovery"):
            print(
                f"load+validate built-in '{name}': median {median_ms(lambda name=name: load_pack(builtin_packs_dir() / name)):.1f} ms"
            )

        bare = folder / "bare_typer.py"
        bare.write_text(BARE_TYPER)
        cbt = shutil.which("cbt", path=str(Path(sys.executable).parent)) or "cbt"
        medians = command_medians_ms(
            {
                "bare typer --help": [sys.executable, str(bare), "--help"],
                "cbt --help": [cbt, "--help"],
                "python -c pass": [sys.executable, "-c", "pass"],
            },
            repeat=11,
        )
        for name, value in medians.items():
            print(f"{name}: median {value:.0f} ms (whole process)")
        ratio = medians["cbt --help"] / medians["bare typer --help"]
        print(f"cbt --help / bare typer --help: {ratio:.2f}x (target <= 1.5x)")
