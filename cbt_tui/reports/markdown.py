"""The session report as Markdown (CommonMark with GitHub tables).

Client and pack text can hold anything (`# heading`, `| pipes |`, "```", `<script>`),
so every such string goes through `inline` (one line, for headings and table cells) or
`block` (paragraphs, line breaks kept): characters that start Markdown syntax are
backslash-escaped, leading spaces dropped (they would start a code block), and
control characters shown as symbols. What renders is the text as typed.
"""

from __future__ import annotations

from cbt_tui.domain.progress_words import (
    CALENDAR_KEY,
    cravings_summary,
    milestone_summary,
    on_track_summary,
    practice_summary,
    score_summary,
    wave_summary,
)
from cbt_tui.domain.report import Report
from cbt_tui.reports import words
from cbt_tui.text import markdown_block, markdown_escape_inline, one_line, visible_text


def inline(text: str) -> str:
    """Any text as one escaped line (line breaks become ' / '), for inside a line: table
    cells, headings after their '#', bold labels. Never put it at the start of a line."""
    lines = [line for line in visible_text(text).splitlines() if line.strip()]
    return " / ".join(markdown_escape_inline(line) for line in lines)


def block(text: str) -> str:
    """Any text as escaped paragraphs; single line breaks kept as hard breaks."""
    return markdown_block(text) or words.NOTHING


def _table(table: words.Table) -> str:
    header = table.header + ([""] if table.flags is not None else [])
    flags = table.flags or [False] * len(table.rows)
    rows = [
        [inline(cell) for cell in cells] + ([inline(words.FLAG) if flagged else ""] if table.flags is not None else [])
        for cells, flagged in zip(table.rows, flags, strict=True)
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(report: Report) -> str:
    out = [f"# {words.TITLE}", "", block(words.period(report))]
    whom = words.for_whom(report)
    if whom:
        out += ["", f"**{inline(whom)}**"]
    out += ["", f"*{inline(words.PRIVATE_NOTE)}*"]
    trends = report.trends

    out += ["", "## Practice", ""]
    if report.exercises:
        out.append(_table(words.practice_table(report)))
    else:
        out.append("No exercises were done or assigned in this period.")
    if trends is not None:
        out += ["", block(practice_summary(trends.practice)), "", _table(words.calendar_table(trends.practice.weeks()))]
        out += ["", inline(CALENDAR_KEY)]

    out += ["", "## Worth talking about", ""]
    worth = words.worth_talking_about(report)
    if worth:
        out += [f"- {inline(line)}" for line in worth]
    elif report.changes:
        out.append(words.NO_FLAGS)
    else:
        out.append("No re-ratings in this period.")

    if trends is not None:
        out += ["", "## Days on track", "", block(on_track_summary(trends.on_track))]
        if trends.milestone is not None:
            out += ["", block(milestone_summary(trends.milestone))]

    if trends is not None and trends.scores:
        out += ["", "## Scores"]
        for trend in trends.scores:
            points = [(p.when, p.value) for p in trend.points]
            out += ["", f"**{inline(words.score_heading(trend))}**", "", block(score_summary(trend))]
            out += ["", f"Day by day: {inline(words.spark(points, trend.low, trend.high))}"]
        out += ["", _table(words.scores_table(trends))]

    if report.changes:
        out += ["", "## Before and after", "", _table(words.changes_table(report))]
        if trends is not None:
            out += ["", _table(words.trends_table(trends))]

    if report.cravings:
        out += ["", "## Craving surfing", "", _table(words.cravings_table(report))]
        if trends is not None:
            cravings = trends.cravings
            peaks = [(s.when, s.peak) for s in cravings.surfs if s.peak is not None]
            ends = [(s.when, s.end) for s in cravings.surfs if s.end is not None]
            out += ["", block(cravings_summary(cravings))]
            top = words.craving_top(cravings)
            out += ["", f"Peaks, day by day: {inline(words.spark(peaks, 0, top))}"]
            out += ["", f"Ends, day by day: {inline(words.spark(ends, 0, top))}"]
            if cravings.wave:
                out += ["", block(wave_summary(cravings)), "", _table(words.wave_table(trends))]

    if report.experiments:
        out += ["", "## Behavioural experiments"]
        for e in report.experiments:
            out += ["", f"### {inline(e.exercise_title)}, {inline(words.moment(e.when))}", ""]
            out += ["**Belief tested**", "", block(e.belief or words.NOTHING), ""]
            out += ["**Prediction**", "", block(e.prediction or words.NOTHING), ""]
            out += ["**What happened**", "", block(e.outcome or words.NOTHING), ""]
            if e.change is not None:
                flag = f" {inline(words.FLAG)}" if e.change.flagged else ""
                out += [
                    f"**Belief before → after:** {inline(e.change.before_text)} → {inline(e.change.after_text)}{flag}",
                    "",
                ]
            out += ["**What was learned**", "", block(e.learned or words.NOTHING)]

    out += ["", "## Entries"]
    if not report.entries:
        out += ["", "No entries were completed in this period."]
    for entry in report.entries:
        out += ["", f"### {inline(entry.exercise_title)}, {inline(words.moment(entry.when))}"]
        for answer in entry.answers:
            out += ["", f"**{inline(one_line(answer.heading))}**", "", block(answer.text)]
        for score in entry.scores:
            out += ["", f"**{inline(score.label)}:** {inline(score.text)}"]
        for flag in entry.flags:
            out += ["", f"**{inline(words.FLAGGED)}:** {inline(flag)}"]
    return "\n".join(out) + "\n"
