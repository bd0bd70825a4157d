"""Background work never takes the app down (issue 10, section 3): every worker the
trainer starts, `@work(...)` or `run_worker(...)`, passes `exit_on_error=False`, so that a
failure is reported (the app's Worker.StateChanged handler) instead of exiting the app
with WorkerFailed. A source check, so a new worker cannot forget it."""

from __future__ import annotations

import ast
from pathlib import Path

import cbt_tui.tui

TUI = Path(cbt_tui.tui.__file__).parent


def workers_that_may_exit(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        decorators = node.decorator_list if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else []
        calls = [d for d in decorators if isinstance(d, ast.Call | ast.Name) and _name(d) == "work"]
        if isinstance(node, ast.Call) and _name(node) == "run_worker":
            calls.append(node)
        for call in calls:
            keywords = call.keywords if isinstance(call, ast.Call) else []
            if not any(
                k.arg == "exit_on_error" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in keywords
            ):
                lines.append(call.lineno)
    return lines


def _name(node: ast.expr) -> str | None:
    func = node.func if isinstance(node, ast.Call) else node
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def test_every_worker_reports_its_failure_instead_of_exiting() -> None:
    found = {
        str(path.relative_to(TUI)): lines
        for path in sorted(TUI.rglob("*.py"))
        if (lines := workers_that_may_exit(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_a_worker_that_may_exit() -> None:
    assert workers_that_may_exit("@work(thread=True)\ndef load(self): pass")
    assert workers_that_may_exit("@work\ndef load(self): pass")
    assert workers_that_may_exit("self.run_worker(self.step(), exclusive=True)")
    assert not workers_that_may_exit("@work(thread=True, exit_on_error=False)\ndef load(self): pass")
    assert not workers_that_may_exit("self.run_worker(job, exit_on_error=False)")
