"""The trainer builds what it shows from data only through `cbt_tui.tui.shown` (issue 10,
section 1): a source check over cbt_tui/tui, so that a new screen that put a title into
`Text(...)` or `Static(...)` as it is fails here, before an ESC in a pack reaches a
terminal.

The rules, simple on purpose:
- `Text(...)` and `Content(...)` are given only the app's own words (a string literal, an
  UPPER_CASE constant, a literal repeated);
  anything else is made by `shown.text`, `shown.line` or `shown.content`.
- `.append(...)` on a Text made in the same module takes a literal or a `shown` call.
- Widgets that render what they are given (`Static`, `Label`, `Option`, `Selection`,
  `RadioButton`, `Markdown`, and `.update(...)` on one queried by its class) take a
  literal, a `shown` call, a Text/Content (held to the first rule), or what a function of
  the same module returns (its body is held to these rules).
- `notify(...)` of anything but a literal passes `markup=False` and a `shown.words(...)`.
- Nothing calls `Matcher.highlight` (it reads the candidate as markup): `shown.highlight`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cbt_tui.tui

TUI = Path(cbt_tui.tui.__file__).parent
RENDERABLES = {"Text", "Content"}
WIDGETS = {"Static", "Label", "Option", "Selection", "RadioButton", "Markdown"}
QUERIED = WIDGETS | {"Digits"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_shown(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "shown"
    )


def _is_literal(node: ast.expr) -> bool:
    """The app's own words: a string literal, a module constant (`NO_CARD`), or a literal
    repeated (`"─" * width`)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) and _is_literal(node.orelse)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_literal(node.left) and _is_literal(node.right)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and _is_literal(node.left)


class Checker(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.problems: list[str] = []
        self.functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.texts: set[str] = set()  # names bound to a Text/Content or a shown(...)
        self.widgets: set[str] = set()  # names bound to a queried widget
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                for target in targets:  # a, b = Label(...), OptionList(...)
                    if isinstance(target, ast.Tuple):
                        names |= {e.id for e in target.elts if isinstance(e, ast.Name)}
                if self._renderable(node.value):
                    self.texts |= names
                if self._queried(node.value):
                    self.widgets |= names

    def _renderable(self, node: ast.expr) -> bool:
        """Text(...), Content(...), shown.*(...), or Text("\\n").join(...) of them."""
        if not isinstance(node, ast.Call):
            return False
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            return self._renderable(node.func.value)
        return _name(node.func) in RENDERABLES or _is_shown(node)

    @staticmethod
    def _queried(node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Call)
            and _name(node.func) == "query_one"
            and any(_name(arg) in QUERIED for arg in node.args[1:])
        ) or (isinstance(node, ast.Call) and _name(node.func) in WIDGETS)

    def _shows_safely(self, node: ast.expr) -> bool:
        """Something a widget may be given."""
        if _is_literal(node) or _is_shown(node):
            return True
        if isinstance(node, ast.Call):
            func = node.func
            if _name(func) in RENDERABLES or _name(func) in self.functions:
                return True
            # Text("\n").join(texts made safely), or .append chains on a safe Text
            if isinstance(func, ast.Attribute) and func.attr in ("join", "append") and self._shows_safely(func.value):
                return True
        if isinstance(node, ast.Name):
            return node.id in self.texts
        if isinstance(node, ast.IfExp):
            return self._shows_safely(node.body) and self._shows_safely(node.orelse)
        return False

    def problem(self, node: ast.AST, what: str) -> None:
        self.problems.append(f"line {node.lineno}: {what}")  # type: ignore[attr-defined]

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        first = node.args[0] if node.args else None
        if name in RENDERABLES and first is not None and not _is_literal(first):
            self.problem(node, f"{name}({ast.unparse(first)}): use shown.*")
        elif name == "append" and isinstance(receiver, ast.Name) and receiver.id in self.texts:
            if first is not None and not (_is_literal(first) or _is_shown(first)):
                self.problem(node, f"{receiver.id}.append({ast.unparse(first)}): use shown.*")
        elif name in WIDGETS and first is not None and not self._shows_safely(first):
            self.problem(node, f"{name}({ast.unparse(first)})")
        elif name == "update" and receiver is not None and first is not None:
            queried = self._queried(receiver) or (isinstance(receiver, ast.Name) and receiver.id in self.widgets)
            if queried and not self._shows_safely(first):
                self.problem(node, f".update({ast.unparse(first)})")
        elif name == "notify" and first is not None and not _is_literal(first):
            plain = any(
                k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
                for k in node.keywords
            )
            if not (plain and _is_shown(first)):
                self.problem(node, f"notify({ast.unparse(first)}): markup=False and shown.words(...)")
        elif name == "highlight" and isinstance(receiver, ast.Name) and receiver.id == "matcher":
            self.problem(node, "matcher.highlight reads markup: use shown.highlight")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            titled = isinstance(target, ast.Attribute) and target.attr in ("title", "sub_title")
            if titled and not (_is_literal(node.value) or _is_shown(node.value)):
                self.problem(node, f"{ast.unparse(target)} = {ast.unparse(node.value)}")
        self.generic_visit(node)


def problems_in(source: str) -> list[str]:
    tree = ast.parse(source)
    checker = Checker(tree)
    checker.visit(tree)
    return checker.problems


def test_screens_and_widgets_show_data_only_through_shown() -> None:
    found = {
        str(path.relative_to(TUI)): problems
        for path in sorted(TUI.rglob("*.py"))
        if path.name != "shown.py" and (problems := problems_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_each_way_around_it() -> None:
    for source in (
        "Text(entry.exercise_title)",
        "Text(f'{title} · step 2')",
        "Content(prompt)",
        "heading = Text('x')\nheading.append(entry.exercise_title)",
        "Static(title)",
        "Static(f'{title}')",
        "Label(pack.title)",
        "Option(exercise.title)",
        "Selection(option.shown, 1)",
        "self.query_one('#t', Static).update(entry.title)",
        "box = self.query_one('#t', Markdown)\nbox.update(step.help)",
        "self.notify(problem)",
        "self.notify(shown.words(problem))",
        "self.app.notify(f'{message} again', severity='error')",
        "matcher.highlight(title)",
        "self.sub_title = entry.exercise_title",
    ):
        assert problems_in(source), source
    for source in (
        "Text('Progress', style='bold')",
        "Static(shown.text(row.text))",
        "self.query_one('#t', Static).update(shown.line(title, 'bold'))",
        "self.notify(shown.words(problem), markup=False)",
        "self.notify('Saved.')",
        "t = shown.line(title)\nt.append(' · step', style='dim')\nStatic(t)",
        "options.append(title)",  # a list, not a Text
        "self.answers.update(answers)",  # a dict, not a widget
    ):
        assert not problems_in(source), source
