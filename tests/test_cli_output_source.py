"""The CLI prints only through cli/common.py: `say` for lines, `console` with `cell` for
Rich tables and lines. Both show pack and journal text through `visible_text`, so a new
command that printed a title any other way would send its control codes to the terminal
(issue 10, section 1). A source check, so the rule holds for code no test drives yet."""

from __future__ import annotations

import ast
from pathlib import Path

import cbt_tui.cli

CLI = Path(cbt_tui.cli.__file__).parent

#: Ways of printing that bypass `visible_text`, as the names they are called by.
PRINTERS = {"echo", "secho", "print", "Console", "write", "Text", "from_markup", "assemble"}


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_cell(node: ast.expr) -> bool:
    """`cell(...)`, or `*map(cell, ...)`."""
    if isinstance(node, ast.Starred):
        node = node.value
        return (
            isinstance(node, ast.Call)
            and _called_name(node) == "map"
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "cell"
        )
    return isinstance(node, ast.Call) and _called_name(node) == "cell"


def _is_safe(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _called_name(node) in ("visible_text", "len")


def bypasses(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        # `terminal.print(...)` on the console of `console()` is the one allowed print.
        if name == "print" and isinstance(receiver, ast.Name) and receiver.id != "rich":
            continue
        if name == "print" and isinstance(receiver, ast.Call) and _called_name(receiver) == "console":
            continue
        # `cbt due`'s fast path runs without Typer: a bare print of visible_text(...) or a count.
        if name == "print" and receiver is None and node.args and all(_is_safe(arg) for arg in node.args):
            continue
        if name in PRINTERS:
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}(...)")
        elif name == "add_row" and not all(_is_cell(arg) for arg in node.args):
            found.append(f"line {node.lineno}: add_row without cell(...)")
    return found


def test_every_command_prints_through_say_or_cell() -> None:
    problems = {
        path.name: found
        for path in sorted(CLI.glob("*.py"))
        if path.name != "common.py" and (found := bypasses(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_check_sees_each_way_around_it() -> None:
    """The check itself: each of these would print untrusted text as it is."""
    for source in (
        "typer.echo(title)",
        "click.echo(title)",
        "print(title)",
        "rich.print(title)",
        "Console().print(title)",
        "sys.stdout.write(title)",
        "table.add_row(Text(title))",
        "table.add_row(title, cell(other))",
        "lines.append(Text(title))",
    ):
        assert bypasses(source), source
    assert not bypasses("say(title)\nconsole().print(table)\nterminal.print(line)\ntable.add_row(*map(cell, row))")
