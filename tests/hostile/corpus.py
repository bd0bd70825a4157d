"""The corpus files and what each says must happen."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

HERE = Path(__file__).parent
PACKS = sorted((HERE / "packs").glob("*.yaml"))
KEYMAPS = sorted((HERE / "keymaps").glob("*.toml"))


def expected(folder: str) -> dict[str, dict[str, str]]:
    """A folder's EXPECT.toml (JSON has no comments): file name → what must happen."""
    return tomllib.loads((HERE / folder / "EXPECT.toml").read_text(encoding="utf-8"))


EXPORTS = expected("exports")
STORES = expected("stores")


def stated(path: Path) -> str:
    """What a YAML or TOML file says must happen: its first line is `# expect: WORD — why`."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} does not say what must happen"
    return first.removeprefix("# expect: ").split(" ", 1)[0]


def put_store_file(home: Path, name: str) -> None:
    """A store file of the corpus in its place in a fresh data home."""
    target = home / STORES[name]["as"]
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    home.chmod(0o700)
    shutil.copy(HERE / "stores" / name, target)
