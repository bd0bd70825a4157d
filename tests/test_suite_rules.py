"""Rules for the suite itself: tests share helpers through tests/helpers.py, the pilot
and store helper modules or a conftest, never by importing another test module (a test
module is no interface: its helpers change with its own tests)."""

from __future__ import annotations

import ast

from helpers import TESTS


def test_no_test_module_imports_another() -> None:
    found = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [f"{path.relative_to(TESTS)}: {name}" for name in names if name.split(".")[-1].startswith("test_")]
    assert found == []
