"""The user's keymap: a misspelt id or a broken file is named, and the usual keys stay."""

from __future__ import annotations

from pathlib import Path

from cbt_tui.tui.keymap import load_keymap


def write(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "keymap.toml").write_text(text)


def test_a_misspelt_binding_id_is_named_with_the_nearest_one(cbt_home: Path) -> None:
    write(cbt_home, '[keymap]\n"app.safty" = "f5"\n"runner.next" = "ctrl+j"\n')
    keymap, problem = load_keymap(cbt_home)
    assert keymap == {"runner.next": "ctrl+j"}
    assert problem is not None and "no key binding 'app.safty', did you mean 'app.safety'?" in problem


def test_a_keymap_that_is_not_a_table_is_refused_plainly(cbt_home: Path) -> None:
    write(cbt_home, 'keymap = "f1"\n')
    keymap, problem = load_keymap(cbt_home)
    assert keymap == {}
    assert problem is not None and "'keymap' should be a table" in problem


def test_a_deeply_nested_keymap_does_not_stop_the_trainer(cbt_home: Path) -> None:
    write(cbt_home, "keymap = " + "[" * 5000 + "]" * 5000 + "\n")
    keymap, problem = load_keymap(cbt_home)
    assert keymap == {}
    assert problem is not None and "using the usual keys" in problem


def test_the_readme_names_every_binding_id_a_keymap_can_use() -> None:
    import re

    from helpers import TESTS

    from cbt_tui.tui.keymap import binding_ids

    readme = (TESTS.parent / "README.md").read_text()
    paragraph = readme.split("Binding ids: ", 1)[1].split("\n\n", 1)[0]
    named = set(re.findall(r"`([a-z_]+\.[a-z_0-9]+)`", paragraph))
    named |= {f"timer.digit_{digit}" for digit in range(10)} if "`timer.digit_9`" in paragraph else set()
    assert named == binding_ids()
