"""The session report as one self-contained HTML file: inline CSS, no scripts, no links out.

It prints cleanly (each section starts a new page, entries are not split across
pages), so "Print → Save as PDF" in any browser makes the PDF. Every client or pack
string goes through `_text` (html.escape, control characters shown as symbols); long
answers keep their line breaks with `white-space: pre-wrap`.
"""

from __future__ import annotations

import html

from cbt_tui.domain.report import Report
from cbt_tui.reports import words
from cbt_tui.text import visible_text

_STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, .private { color: #555; margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
th { font-weight: 600; border-bottom: 2px solid #999; }
.flag { color: #8a3b00; font-weight: 600; white-space: nowrap; }
tr.flagged td { background: #fff4e5; }
.prompt { font-weight: 600; margin: .8rem 0 .2rem; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 .4rem; }
.entry { border-top: 1px solid #eee; padding-top: .3rem; }
@page { margin: 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  .entry, tr, .experiment { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, .prompt { break-after: avoid; page-break-after: avoid; }
  tr.flagged td { background: none; }
}
"""


def _text(text: str) -> str:
    return html.escape(visible_text(text), quote=True)


def _table(table: words.Table) -> str:
    header = table.header + ([""] if table.flags is not None else [])
    head = "".join(f"<th>{_text(cell)}</th>" for cell in header)
    flags = table.flags or [False] * len(table.rows)
    body = "".join(
        ('<tr class="flagged">' if flagged else "<tr>")
        + "".join(f"<td>{_text(cell)}</td>" for cell in cells)
        + (f"<td>{_flag(flagged)}</td>" if table.flags is not None else "")
        + "</tr>"
        for cells, flagged in zip(table.rows, flags, strict=True)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _flag(flagged: bool) -> str:
    return f'<span class="flag">{_text(words.FLAG)}</span>' if flagged else ""


def render_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(words.TITLE)}, {_text(words.day(report.since))} to {_text(words.day(report.until))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        '<section class="first">',
        f"<h1>{_text(words.TITLE)}</h1>",
        f'<p class="meta">{_text(words.period(report))}</p>',
        f'<p class="private">{_text(words.PRIVATE_NOTE)}</p>',
        "<h2>Practice</h2>",
    ]
    if report.exercises:
        parts.append(_table(words.practice_table(report)))
    else:
        parts.append("<p>No exercises were done or assigned in this period.</p>")
    parts.append("<h2>Worth talking about</h2>")
    if report.flagged:
        parts.append("<ul>")
        parts += [f"<li>{_text(words.flagged_line(c))}</li>" for c in report.flagged]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{_text(words.NO_FLAGS if report.changes else 'No re-ratings in this period.')}</p>")
    parts.append("</section>")

    if report.changes:
        parts += ["<section>", "<h2>Before and after</h2>", _table(words.changes_table(report)), "</section>"]

    if report.cravings:
        parts += ["<section>", "<h2>Craving surfing</h2>", _table(words.cravings_table(report)), "</section>"]

    if report.experiments:
        parts += ["<section>", "<h2>Behavioural experiments</h2>"]
        for e in report.experiments:
            parts.append('<div class="experiment">')
            parts.append(f"<h3>{_text(e.exercise_title)}, {_text(words.moment(e.when))}</h3>")
            parts.append(f'<p class="prompt">Belief tested</p><p class="answer">{_text(e.belief or words.NOTHING)}</p>')
            if e.change is not None:
                parts.append(
                    f'<p class="prompt">Belief before → after</p><p class="answer">{_text(e.change.before_text)} → '
                    f"{_text(e.change.after_text)} {_flag(e.change.flagged)}</p>"
                )
            parts.append(
                f'<p class="prompt">What was learned</p><p class="answer">{_text(e.learned or words.NOTHING)}</p>'
            )
            parts.append("</div>")
        parts.append("</section>")

    parts += ["<section>", "<h2>Entries</h2>"]
    if not report.entries:
        parts.append("<p>No entries were completed in this period.</p>")
    for entry in report.entries:
        parts.append('<div class="entry">')
        parts.append(f"<h3>{_text(entry.exercise_title)}, {_text(words.moment(entry.when))}</h3>")
        for answer in entry.answers:
            parts.append(f'<p class="prompt">{_text(answer.heading)}</p><p class="answer">{_text(answer.text)}</p>')
        parts.append("</div>")
    parts += ["</section>", "</body></html>"]
    return "\n".join(parts) + "\n"
