"""`cbt report`: contents from fixture entries, in Markdown and HTML, with hostile text.

Entries go into a real store in tmp_path; exercise definitions are the built-in packs.
"""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cbt_tui.cli import app
from cbt_tui.domain.entries import Entry, EntryStatus
from cbt_tui.domain.report import build_report
from cbt_tui.packs.catalog import load_catalog
from cbt_tui.reports import render_html, render_markdown
from cbt_tui.store import open_store

runner = CliRunner()
UTC = UTC
HOSTILE = "<script>alert('x')</script> [/bold] [red]red[/red] # not a heading\n| a | b |\n```\n    indented\n1. not a list & &amp; \\ *stars* _under_ [link](javascript:alert(1)) \x1b[31m"
PERIOD = ["--since", "2026-11-02", "--until", "2026-11-15"]


def at(day: int, hour: int = 20, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def shown(moment: datetime) -> str:
    """How the report writes a time: in the local zone of the computer it runs on."""
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


def made(
    exercise: str,
    pack: str,
    kind: str,
    title: str,
    answers: dict,
    done: datetime,
    started: datetime | None = None,
    **extra,
) -> Entry:
    return Entry(
        pack=pack,
        pack_version="1.0.0",
        exercise=exercise,
        exercise_title=title,
        kind=kind,
        status=EntryStatus.COMPLETE,
        started_at=started or done - timedelta(minutes=10),
        updated_at=done,
        completed_at=done,
        answers=answers,
        prompts={k: f"Prompt for {k}" for k in answers},
        **extra,
    )


def thought_record(done: datetime, hot_after: int = 40, situation: str = "Argument at work") -> Entry:
    return made(
        "thought-record",
        "core",
        "thought_record",
        "Thought record",
        {
            "situation": situation,
            "emotions": {"anxious": 80, "ashamed": 0, "angry": 50},
            "automatic_thoughts": ["They'll fire me", "I always mess up"],
            "hot_thought": "I always mess up",
            "hot_belief": 90,
            "balanced_thought": "I made one mistake and I fixed it.",
            "balanced_belief": 60,
            "emotions_after": {"anxious": 30, "ashamed": 0, "angry": 55},
            "hot_belief_after": hot_after,
        },
        done,
    )


def craving(done: datetime) -> Entry:
    return made(
        "craving-surf",
        "core",
        "craving_surf",
        "Craving surf",
        {
            "trigger": "Walked past my old bar.",
            "urge_before": 8,
            "surf": {
                "planned_seconds": 1200,
                "elapsed_seconds": 1140,
                "ended": "early",
                "checks": [{"at": 60 * m, "value": v} for m, v in enumerate([8, 9, 7, 5, 2], 1)],
            },
            "urge_after": 3,
        },
        done,
    )


def experiment(done: datetime) -> Entry:
    return made(
        "behavioral-experiment",
        "core",
        "behavioral_experiment",
        "Behavioural experiment",
        {
            "belief": "If I say no to a drink, people will think I'm boring.",
            "belief_before": 80,
            "prediction": "Two people will leave the conversation.",
            "plan": "Sam's party, Saturday 8 to 10, soda in hand.",
            "experiment_done": at(8, 9).isoformat(),
            "outcome": "Nobody cared what I drank.",
            "compared": "not-true",
            "belief_after": 20,
            "learned": "Most people don't notice what I'm drinking.",
        },
        done,
        started=at(6, 19),
    )


def enjoyment(done: datetime, actual: int) -> Entry:
    return made(
        "rewarding-activities",
        "recovery",
        "skill",
        "Rewarding activities",
        {"activities": ["Walk"], "schedule": "Saturday", "expected": 5, "actual": actual, "learned": "Walks help."},
        done,
    )


@pytest.fixture
def journal(cbt_home: Path):
    def write(*entries: Entry) -> None:
        imported, _ = open_store(cbt_home).import_entries(list(entries))
        assert imported == len(entries)

    return write


def report(*args: str) -> str:
    result = runner.invoke(app, ["report", *PERIOD, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


# -- what the report holds -------------------------------------------------------------------


def test_before_and_after_pairs_with_changes_and_flags(journal) -> None:
    journal(thought_record(at(3)), thought_record(at(4), hot_after=90), enjoyment(at(5), 8), enjoyment(at(6), 3))
    text = report()
    assert "| Prompt for hot\\_belief | 90% → 40% | -50% |  |" in text
    # A rated item's row is named by its label, not the long prompt above the items.
    assert "| Thought record | Anxious | 80 → 30 | -50 |  |" in text
    assert "| Thought record | Angry | 50 → 55 | +5 | ⚑ not better |" in text  # feelings: lower is better
    assert "| Thought record | Ashamed | 0 → 0 | ±0 |  |" in text  # resting at the best end: no flag
    assert "Prompt for emotions" not in text.split("## Entries", 1)[0]
    assert "90% → 90% | ±0% | ⚑ not better" in text  # a belief that did not move
    assert "Prompt for expected | 5 → 8 | +3 |  |" in text  # enjoyment: higher is better
    assert "Prompt for expected | 5 → 3 | -2 | ⚑ not better |" in text
    worth = text.split("## Worth talking about", 1)[1].split("##", 1)[0]
    assert worth.count("\n- ") == 4  # Angry twice (two records), the unmoved belief, the enjoyment
    assert "higher is better" in worth and "lower is better" in worth


def test_craving_sessions_show_start_peak_end_and_minutes(journal) -> None:
    journal(craving(at(7)))
    text = report()
    assert f"| {shown(at(7))} | Craving surf | 8 | 9 | 3 | 19:00 |" in text  # one duration format
    assert "19:00 of 20:00 (finished early)" in text
    html = report("--format", "html")
    assert "<td>8</td><td>9</td><td>3</td><td>19:00</td>" in html


def test_experiments_show_belief_change_and_what_was_learned(journal) -> None:
    journal(experiment(at(9)))
    text = report()
    section = text.split("## Behavioural experiments", 1)[1].split("## Entries", 1)[0]
    assert "If I say no to a drink, people will think I'm boring." in section
    assert "**Belief before → after:** 80% → 20%" in section
    assert "Most people don't notice what I'm drinking." in section


def test_entries_show_choices_by_label_and_when_a_followup_was_done(journal) -> None:
    done = experiment(at(9))
    done.followups_done["experiment_done"] = at(8, 21, 15)  # fell due at 09:00, done that evening
    journal(done)
    text = report()
    entries = text.split("## Entries", 1)[1]
    assert "**Prompt for compared**\n\nIt did not come true\n" in entries  # the label, not "not-true"
    assert "not-true" not in text
    due, came = at(8, 9), at(8, 21, 15)
    assert f"fell due {due.astimezone():%a %d %b, %H:%M} · done {came.astimezone():%a %d %b, %H:%M}" in entries
    assert "came back" not in text
    html = report("--format", "html")
    assert '<p class="answer">It did not come true</p>' in html


def test_answers_from_an_earlier_version_are_reported_and_marked(journal) -> None:
    older = thought_record(at(3))
    older.answers["first_guess"] = "They hate me"  # a step the installed thought record no longer has
    older.prompts["first_guess"] = "Your **first** guess?"
    journal(older)
    entries = report().split("## Entries", 1)[1]
    assert "**Your first guess? (from an earlier version of this exercise)**\n\nThey hate me" in entries
    html = report("--format", "html")
    assert "Your first guess? (from an earlier version of this exercise)</p>" in html


def test_markdown_in_prompts_is_read_as_words_not_shown_as_marks(journal) -> None:
    surf = {"planned_seconds": 60, "elapsed_seconds": 60, "ended": "completed", "checks": []}
    breathing = made("breathing-space", "recovery", "skill", "Breathing space", {"gathering": surf}, at(5))
    del breathing.prompts["gathering"]  # no prompt stored: the pack's own, `**2. Gather.** Bring ...`
    noticed = made("breathing-space", "recovery", "skill", "Breathing space", {"noticed": "Calmer"}, at(6))
    noticed.prompts["noticed"] = "What did you **notice**? You wrote \\*calm\\*."  # as the runner keeps it
    journal(breathing, noticed)
    text = report()
    assert "**2. Gather. Bring your attention to your breath, just as it is.**" in text
    assert "**What did you notice? You wrote \\*calm\\*.**" in text  # the typed asterisks, escaped once
    assert "\\*\\*" not in text


def test_counts_against_assignments_and_entries_in_full(journal, tmp_path: Path, cbt_home: Path) -> None:
    pack = tmp_path / "assigned.yaml"
    pack.write_text(
        "format: 1\nid: assigned\ntitle: Assigned\nversion: 1.0.0\n"
        "assignments:\n  - exercise: note\n    frequency: daily\n    start: 2026-11-02\n    end: 2026-11-08\n"
        "exercises:\n  - id: note\n    title: Evening note\n    kind: skill\n    summary: s\n"
        "    steps:\n      - id: words\n        type: text\n        prompt: What went well?\n"
    )
    assert runner.invoke(app, ["pack", "install", str(pack)]).exit_code == 0
    note = lambda day: made("note", "assigned", "skill", "Evening note", {"words": f"Day {day} went fine"}, at(day))  # noqa: E731
    journal(note(2), note(3), note(3), note(5), thought_record(at(10)))
    text = report()
    assert "| Evening note | assigned | daily, 02 Nov to 08 Nov 2026 | 4 | 3 of 7 kept |" in text
    assert "| Thought record | core | — | 1 | not assigned |" in text
    entries = text.split("## Entries", 1)[1]
    assert entries.count("\n### ") == 5
    assert "**Prompt for automatic\\_thoughts**\n\nThey'll fire me; I always mess up" not in entries
    assert "**Prompt for automatic\\_thoughts**\n\n• They'll fire me\\\n• I always mess up" in entries


def test_the_period_uses_local_completion_dates(journal) -> None:
    inside = thought_record(at(14), situation="started before, finished inside")
    inside = inside.model_copy(update={"started_at": at(1, 8)})  # a follow-up weeks after its start
    journal(
        inside, thought_record(at(16, 12), situation="after the period"), thought_record(at(1, 12), situation="before")
    )
    text = report()
    assert "started before, finished inside" in text
    assert "after the period" not in text and "before\n" not in text


def test_a_removed_pack_falls_back_to_the_prompts_and_paired_names(journal) -> None:
    gone = made(
        "gone-exercise",
        "gone-pack",
        "skill",
        "From a removed pack",
        {
            "mood_before": 3,
            "helped": "A walk",
            "mood_after": 6,
            "feelings": {"tense": 70},
            "feelings_after": {"tense": 20},
        },
        at(11),
    )
    journal(gone)
    text = report()
    assert "Prompt for mood\\_before | 3 → 6 | +3 | ⚑ not better |" in text  # unknown direction: lower
    assert "| From a removed pack | tense | 70 → 20 | -50 |  |" in text
    assert "**Prompt for helped**\n\nA walk" in text


def test_an_experiment_from_a_removed_pack_is_read_by_the_shapes_of_its_answers(journal) -> None:
    gone = made(
        "my-experiment",
        "gone-pack",
        "behavioral_experiment",
        "My experiment",
        {
            "belief": "Nobody will talk to me sober.",
            "belief_before": 70,
            "came_back": at(9, 8).isoformat(),  # a follow-up's time: not words the client wrote
            "mood_after": 4,  # no `mood` before it: not a pair
            "belief_after": 30,
            "notes": "Two people asked how I was.",
        },
        at(10),
    )
    journal(gone)
    section = report().split("## Behavioural experiments", 1)[1].split("## Entries", 1)[0]
    assert "**Belief tested**\n\nNobody will talk to me sober." in section
    assert "**Belief before → after:** 70 → 30" in section
    assert "**What was learned**\n\nTwo people asked how I was." in section
    assert "mood" not in report().split("## Before and after", 1)[1].split("## ", 1)[0].lower()


def test_an_empty_period_still_makes_a_report() -> None:
    text = report()
    assert "No exercises were done or assigned in this period." in text
    assert "No entries were completed in this period." in text
    html = report("--format", "html")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


# -- hostile text --------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += attrs


def test_html_escapes_every_client_and_pack_string(journal) -> None:
    journal(thought_record(at(3), situation=HOSTILE), made("x", "y", "skill", HOSTILE, {"a": HOSTILE}, at(4)))
    html = report("--format", "html")
    parser = _Tags()
    parser.feed(html)
    assert set(parser.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "section",
        "h1",
        "h2",
        "h3",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "div",
        "ul",
        "li",
        "figure",
        "figcaption",
        *("svg", "title", "rect", "line", "polyline", "circle", "text"),  # the inline charts
    }
    assert "script" not in parser.tags and "a" not in parser.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; [/bold]" in html
    assert "\x1b" not in html and "␛[31m" in html
    assert not any(name in ("href", "src") for name, _ in parser.attrs)  # self-contained


def test_html_is_printable_and_self_contained(journal) -> None:
    journal(thought_record(at(3)), craving(at(4)), experiment(at(9)))
    html = report("--format", "html")
    assert "@media print" in html and "break-before: page" in html and "break-inside: avoid" in html
    assert "http://" not in html.replace("http://json-schema", "") and "https://" not in html
    assert "<link" not in html and "<script" not in html and "<img" not in html


def test_markdown_keeps_its_structure_whatever_the_text(journal) -> None:
    journal(thought_record(at(3), situation=HOSTILE), made("x", "y", "skill", HOSTILE, {"a": HOSTILE}, at(4)))
    text = report()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds = {token.type for token in tokens}
    assert "html_block" not in kinds and "html_inline" not in kinds
    assert "fence" not in kinds and "code_block" not in kinds and "ordered_list_open" not in kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Session report"
    assert not any(h.startswith("not a heading") for h in headings)
    inline_text = "".join(
        child.content for t in tokens if t.type == "inline" for child in t.children or [] if child.type == "text"
    )
    assert "<script>alert('x')</script> [/bold] [red]red[/red] # not a heading" in inline_text
    assert "[link](javascript:alert(1))" in inline_text
    links = [child for t in tokens if t.type == "inline" for child in t.children or [] if child.type == "link_open"]
    assert links == []
    assert "\x1b" not in text


# -- the command ---------------------------------------------------------------------------------


def test_output_file_is_private(journal, tmp_path: Path) -> None:
    journal(thought_record(at(3)))
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", *PERIOD, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert "1 entry)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "pdf"],
            "--format: expected md or html, got 'pdf'; for a PDF, write html and print it from a browser "
            "(Print, then Save as PDF)",
        ),
        (["--since", "2026-13-01"], "--since: expected a date like 2026-11-23, got '2026-13-01'"),
        (["--since", "2026-11-20", "--until", "2026-11-10"], "--since 2026-11-20 is after --until 2026-11-10"),
    ],
)
def test_bad_options_are_one_line_and_exit_1(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["report", *args])
    assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_the_default_period_is_the_last_two_weeks(journal) -> None:
    today = datetime.now().astimezone()
    journal(
        thought_record(today - timedelta(days=13), situation="thirteen days ago"),
        thought_record(today - timedelta(days=15), situation="fifteen days ago"),
    )
    text = runner.invoke(app, ["report"]).stdout
    assert "thirteen days ago" in text and "fifteen days ago" not in text
    assert f"{date.today() - timedelta(days=13):%a %d %b %Y} to {date.today():%a %d %b %Y}" in text


def test_report_building_is_pure(journal) -> None:
    """The domain builds the same report from entries and definitions, without the store."""
    catalog = load_catalog()
    built = build_report(
        [craving(at(7))], lambda p, e: catalog.find(e, p), [], date(2026, 11, 1), date(2026, 11, 30), at(23)
    )
    [session] = built.cravings
    assert (session.start, session.peak, session.end, session.seconds, session.ended) == (8, 9, 3, 1140, "early")
    assert render_markdown(built).startswith("# Session report")
    assert render_html(built).startswith("<!DOCTYPE html>")


# -- the report with pictures (issue 13.6) ------------------------------------------------------


def check_in(done: datetime, used: str) -> Entry:
    """A daily check-in as the trainer completes it: its flags are computed and stored."""
    from cbt_tui.domain.run import ExerciseRun, new_entry

    pack, exercise = load_catalog().find("daily-check-in", "recovery")
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise), now=lambda: done)
    run.answers.update({"mood": 5, "craving": 4, "sleep": 7, "used_today": used, "win": "Walked"})
    entry = run.complete(done)
    return entry.model_copy(update={"started_at": done - timedelta(minutes=3), "updated_at": done})


def weekly_check(done: datetime, **answers: str) -> Entry:
    from cbt_tui.domain.run import ExerciseRun, new_entry

    pack, exercise = load_catalog().find("weekly-recovery-check", "measures")
    run = ExerciseRun(pack, exercise, new_entry(pack, exercise), now=lambda: done)
    run.answers.update(
        {"cravings": "strong", "low_mood": "most-days", "sleep": "badly", "confidence": "not-sure", "support": "once"}
        | answers
    )
    entry = run.complete(done)
    return entry.model_copy(update={"started_at": done - timedelta(minutes=3), "updated_at": done})


def test_a_lapse_recorded_in_a_check_in_is_worth_talking_about(journal) -> None:
    journal(check_in(at(4), "Yes"), check_in(at(5), "No"))
    worth = report().split("## Worth talking about", 1)[1].split("\n## ", 1)[0]
    assert f"- {shown(at(4))}, Daily check-in: A day with use" in worth
    assert worth.count("\n- ") == 1
    html = report("--format", "html")
    assert f"<li>{shown(at(4))}, Daily check-in: A day with use</li>" in html


def test_scores_show_with_their_bands_in_both_reports(journal) -> None:
    journal(weekly_check(at(3), used="yes"), weekly_check(at(10), sleep="well", confidence="very-sure", used="no"))
    text = report()
    scores = text.split("## Scores", 1)[1].split("\n## ", 1)[0]
    assert f"| {shown(at(3))} | Weekly recovery check | Weekly recovery check | 11 | A hard week |" in scores
    assert f"| {shown(at(10))} | Weekly recovery check | Weekly recovery check | 6 | Some strain |" in scores
    assert "Day by day: ▆▄" in scores  # 11 and 6 of 0 to 15
    worth = text.split("## Worth talking about", 1)[1].split("\n## ", 1)[0]
    assert f"- {shown(at(3))}, Weekly recovery check: Weekly recovery check: 11 (A hard week)" in worth
    assert f"- {shown(at(3))}, Weekly recovery check: Used this week" in worth
    entries = text.split("## Entries", 1)[1]
    assert "**Weekly recovery check:** 11 (A hard week)" in entries
    assert "**⚑ Worth talking about:** Used this week" in entries
    html = report("--format", "html")
    assert "<td>11</td><td>A hard week</td>" in html
    assert '<p class="prompt">Weekly recovery check</p><p class="answer score">6 (Some strain)</p>' in html
    svg = html.split("<h2>Scores</h2>", 1)[1].split("</section>", 1)[0]
    assert svg.count("<svg") == 1 and ">A hard week</text>" in svg and ">Some strain</text>" in svg


def test_the_persons_name_heads_the_report_when_they_gave_one(journal) -> None:
    journal(thought_record(at(3)))
    assert "For " not in report().split("## Practice", 1)[0]
    assert runner.invoke(app, ["config", "set", "name", "Sam R."]).exit_code == 0
    assert "\n**For Sam R.**\n" in report()
    assert '<p class="whom">For Sam R.</p>' in report("--format", "html")


def test_an_experiment_shows_its_prediction_and_outcome(journal) -> None:
    journal(experiment(at(9)))
    section = report().split("## Behavioural experiments", 1)[1].split("## Entries", 1)[0]
    assert "**Prediction**\n\nTwo people will leave the conversation.\n" in section
    assert "**What happened**\n\nNobody cared what I drank.\n" in section
    html = report("--format", "html")
    assert '<p class="prompt">Prediction</p><p class="answer">Two people will leave the conversation.</p>' in html


def test_the_markdown_report_has_the_trends_as_tables_and_sparklines(journal) -> None:
    journal(
        craving(at(4)),
        craving(at(7)),
        thought_record(at(5)),
        thought_record(at(8), hot_after=60),
        check_in(at(6), "No"),
    )
    text = report()
    practice = text.split("## Practice", 1)[1].split("\n## ", 1)[0]
    assert "Practised on 5 of 14 days (5 exercises finished)." in practice
    assert "| Week of | Mon | Tue | Wed | Thu | Fri | Sat | Sun |" in practice
    assert "| 02 Nov | · | · | ▪ | ▪ | ▪ | ▪ | ▪ |" in practice
    assert "| 09 Nov | · | · | · | · | · | · | · |" in practice
    assert "Days on track: 1 of the 1 day you checked in." in text
    assert "| Thought record | Hot belief | 2 | 90 | 50 | -40 | ██ | ▁▄ |" in text
    cravings = text.split("## Craving surfing", 1)[1].split("\n## ", 1)[0]
    assert "2 craving surfs. On average the urge peaked at 9 and ended at 3." in cravings
    assert "Peaks, day by day: ▇▇" in cravings and "Ends, day by day: ▃▃" in cravings
    assert "| 1 | 8 | 2 |" in cravings  # the average wave, minute by minute


class _References(HTMLParser):
    """Every attribute and style that could reach outside the file."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs) -> None:
        self.in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "action", "data", "poster") or "url(" in (value or ""):
                self.found.append(f"{tag} {name}={value}")
        if tag in ("script", "link", "img", "iframe", "object", "embed", "image", "use"):
            self.found.append(tag)

    def handle_data(self, data) -> None:
        if self.in_style and ("url(" in data or "@import" in data):
            self.found.append("style url")


def test_the_html_report_draws_its_charts_inline_with_no_external_reference(journal) -> None:
    journal(
        craving(at(4)),
        craving(at(7)),
        thought_record(at(5)),
        weekly_check(at(6), used="no"),
        check_in(at(6), "No"),
        experiment(at(9)),
    )
    html = report("--format", "html")
    parser = _References()
    parser.feed(html)
    assert parser.found == []
    assert "http" not in html.lower() and "src=" not in html.lower()
    # the calendar; the weekly check's score; before/after: the urge, three feelings and the
    # belief of the thought record, the experiment's belief; the craving peaks; the wave
    assert html.count("<svg") == 10
    assert html.count('role="img"') == html.count("<svg") == html.count("<figcaption>")
    assert "<script" not in html and "javascript" not in html.lower()
