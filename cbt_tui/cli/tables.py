"""Tables for the terminal that never break a word: ids and numbers stay whole, other
text wraps at spaces. When the terminal is too narrow for every column, the columns
that matter least are left out (`--json` has everything) until the rest fit."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

GAP = 2  # columns between cells


@dataclass(frozen=True)
class Column:
    name: str
    whole: bool = False
    """Never wrapped: ids, versions, numbers, dates."""
    drop: int | None = None
    """Left out when space is short: 1 first, then 2, and so on; None never."""


def print_table(columns: list[Column], rows: list[list[str]], width: int | None = None) -> None:
    """Print rows under their column names, through the one CLI console (`cell` shows
    control characters as symbols, so widths are measured on what is shown)."""
    from rich.table import Table

    from cbt_tui.cli.common import cell, console
    from cbt_tui.text import visible_text

    rows = [[visible_text(text) for text in row] for row in rows]
    terminal = console()
    width = width or terminal.width
    shown = list(range(len(columns)))
    for rank in sorted({c.drop for c in columns if c.drop is not None}):
        if _needed(columns, rows, shown) <= width:
            break
        shown = [i for i in shown if columns[i].drop != rank]
    widths = {i: _min_width(columns[i], [row[i] for row in rows]) for i in shown}
    wrapping = [i for i in shown if not columns[i].whole]
    spare = width - _needed(columns, rows, shown)
    for i in wrapping:  # the room left goes to the text columns, up to their longest line
        longest = max([cell_len(columns[i].name), *(cell_len(row[i]) for row in rows)])
        extra = min(max(spare, 0) // len(wrapping) if spare > 0 else 0, longest - widths[i])
        widths[i] += max(extra, 0)
    spare = width - sum(widths.values()) - GAP * (len(shown) - 1)
    for i in wrapping:  # what is still spare, to the first that can use it
        longest = max([cell_len(columns[i].name), *(cell_len(row[i]) for row in rows)])
        extra = max(0, min(spare, longest - widths[i]))
        widths[i] += extra
        spare -= extra
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, GAP // 2))
    for i in shown:
        column = columns[i]
        table.add_column(column.name, no_wrap=column.whole, width=widths[i], overflow="fold")
    for row in rows:
        table.add_row(*map(cell, [row[i] for i in shown]))
    terminal.print(table, width=width)


def _needed(columns: list[Column], rows: list[list[str]], shown: list[int]) -> int:
    return sum(_min_width(columns[i], [row[i] for row in rows]) for i in shown) + GAP * (len(shown) - 1)


def _min_width(column: Column, cells: list[str]) -> int:
    """A whole column's widest cell; a wrapping column's longest word (its name's too)."""
    if column.whole:
        return max([cell_len(column.name), *(cell_len(line) for cell in cells for line in cell.splitlines())])
    words = [word for text in [column.name, *cells] for word in text.split()]
    return max([1, *(cell_len(word) for word in words)])
