"""The session report as one self-contained HTML file: inline CSS and inline SVG charts
(`reports.svg`), no scripts, no links out.

It prints cleanly (each section starts a new page, entries are not split across
pages), so "Print → Save as PDF" in any browser makes the PDF. Every client or pack
string goes through `_text` (html.escape, control characters shown as symbols); long
answers keep their line breaks with `white-space: pre-wrap`.
"""

from __future__ import annotations

import html
from datetime import date, datetime

from cbt_tui.domain.progress import by_day
from cbt_tui.domain.progress_words import (
    before_after_summary,
    cravings_summary,
    milestone_summary,
    on_track_summary,
    practice_summary,
    score_summary,
    wave_summary,
)
from cbt_tui.domain.report import Report
from cbt_tui.reports import svg, words
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
.whom { font-weight: 600; margin: .2rem 0; }
figure.trend { margin: .6rem 0 1rem; }
figure.trend svg { max-width: 100%; height: auto; display: block; }
figcaption, .summary { color: #333; margin: .3rem 0; }
@page { margin: 16mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section.first { break-before: auto; page-break-before: auto; }
  .entry, tr, .experiment, figure.trend { break-inside: avoid; page-break-inside: avoid; }
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


def _summary(text: str) -> str:
    return f'<p class="summary">{_text(text)}</p>'


def _figure(summary: str, chart: str) -> str:
    """A chart with its summary beside it (under it on paper), the same words as its title."""
    return f'<figure class="trend">{chart}<figcaption>{_text(summary)}</figcaption></figure>'


def _day_points(points: list[tuple[datetime, float]], first: date) -> list[tuple[float, float]]:
    return [(float((day - first).days), value) for day, value in by_day(points)]


def _trend_charts(report: Report) -> dict[str, list[str]]:
    """The charts of each section, by section."""
    trends = report.trends
    if trends is None:
        return {}
    first, last = trends.first, trends.last
    axis = svg.day_axis(first, last)
    charts: dict[str, list[str]] = {"practice": [], "scores": [], "changes": [], "cravings": []}
    summary = practice_summary(trends.practice)
    charts["practice"].append(_figure(summary, svg.calendar(summary, trends.practice.weeks())))
    for trend in trends.scores:
        summary = score_summary(trend)
        values = [p.value for p in trend.points]
        low = trend.low if trend.low is not None else min(values, default=0)
        high = trend.high if trend.high is not None else max(values, default=1)
        series = [svg.Series(trend.label, _day_points([(p.when, p.value) for p in trend.points], first))]
        bands = [svg.Band(b.label, b.low, b.high) for b in trend.bands]
        chart = svg.line_chart(summary, series, axis, low, high, bands)
        charts["scores"].append(f"<h3>{_text(words.score_heading(trend))}</h3>" + _figure(summary, chart))
    for measure in trends.before_after:
        summary = before_after_summary(measure)
        numbers = [v for c in measure.changes for v in (c.before, c.after)]
        series = [
            svg.Series("before", _day_points([(c.when, c.before) for c in measure.changes], first)),
            svg.Series(
                "after", _day_points([(c.when, c.after) for c in measure.changes], first), dashed=True, hollow=True
            ),
        ]
        chart = svg.line_chart(summary, series, axis, min(0.0, min(numbers)), max(numbers))
        heading = f"<h3>{_text(measure.exercise_title)}: {_text(measure.label)}</h3>"
        charts["changes"].append(heading + _figure(summary, chart))
    cravings = trends.cravings
    if cravings.surfs:
        summary = cravings_summary(cravings)
        peaks = [(s.when, s.peak) for s in cravings.surfs if s.peak is not None]
        ends = [(s.when, s.end) for s in cravings.surfs if s.end is not None]
        series = [
            svg.Series("peak", _day_points(peaks, first)),
            svg.Series("end", _day_points(ends, first), dashed=True, hollow=True),
        ]
        charts["cravings"].append(
            _figure(summary, svg.line_chart(summary, series, axis, 0, words.craving_top(cravings)))
        )
    if cravings.wave:
        summary = wave_summary(cravings)
        minutes = svg.minute_axis(cravings.wave[-1].minute)
        wave = [svg.Series("average urge", [(float(p.minute), p.average) for p in cravings.wave])]
        top = max(p.average for p in cravings.wave)
        charts["cravings"].append(_figure(summary, svg.line_chart(summary, wave, minutes, 0, max(10.0, top))))
    return charts


def render_html(report: Report) -> str:
    trends = report.trends
    charts = _trend_charts(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(words.TITLE)}, {_text(words.day(report.since))} to {_text(words.day(report.until))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        '<section class="first">',
        f"<h1>{_text(words.TITLE)}</h1>",
        f'<p class="meta">{_text(words.period(report))}</p>',
    ]
    whom = words.for_whom(report)
    if whom:
        parts.append(f'<p class="whom">{_text(whom)}</p>')
    parts += [f'<p class="private">{_text(words.PRIVATE_NOTE)}</p>', "<h2>Practice</h2>"]
    if report.exercises:
        parts.append(_table(words.practice_table(report)))
    else:
        parts.append("<p>No exercises were done or assigned in this period.</p>")
    parts += charts.get("practice", [])
    parts.append("<h2>Worth talking about</h2>")
    worth = words.worth_talking_about(report)
    if worth:
        parts.append("<ul>")
        parts += [f"<li>{_text(line)}</li>" for line in worth]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{_text(words.NO_FLAGS if report.changes else 'No re-ratings in this period.')}</p>")
    if trends is not None:
        parts += ["<h2>Days on track</h2>", _summary(on_track_summary(trends.on_track))]
        if trends.milestone is not None:
            parts.append(_summary(milestone_summary(trends.milestone)))
    parts.append("</section>")

    if trends is not None and trends.scores:
        parts += ["<section>", "<h2>Scores</h2>", *charts["scores"], _table(words.scores_table(trends)), "</section>"]

    if report.changes:
        parts += ["<section>", "<h2>Before and after</h2>", _table(words.changes_table(report))]
        parts += [*charts.get("changes", []), "</section>"]

    if report.cravings:
        parts += ["<section>", "<h2>Craving surfing</h2>", _table(words.cravings_table(report))]
        parts += [*charts.get("cravings", []), "</section>"]

    if report.experiments:
        parts += ["<section>", "<h2>Behavioural experiments</h2>"]
        for e in report.experiments:
            parts.append('<div class="experiment">')
            parts.append(f"<h3>{_text(e.exercise_title)}, {_text(words.moment(e.when))}</h3>")
            for heading, text in (
                ("Belief tested", e.belief),
                ("Prediction", e.prediction),
                ("What happened", e.outcome),
            ):
                parts.append(f'<p class="prompt">{heading}</p><p class="answer">{_text(text or words.NOTHING)}</p>')
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
        for score in entry.scores:
            parts.append(f'<p class="prompt">{_text(score.label)}</p><p class="answer score">{_text(score.text)}</p>')
        for flag in entry.flags:
            parts.append(f'<p class="answer"><span class="flag">{_text(words.FLAGGED)}</span>: {_text(flag)}</p>')
        parts.append("</div>")
    parts += ["</section>", "</body></html>"]
    return "\n".join(parts) + "\n"
