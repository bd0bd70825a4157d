"""The pack loader against the format page: a corpus of valid and invalid packs.

Each invalid pack states its errors in `# expect:` comments; the loader must report
exactly those (file, line, column, path, message), no more and no fewer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PACKS

from cbt_tui.domain.packs.checks import check_exercise
from cbt_tui.domain.packs.errors import shown_value
from cbt_tui.domain.packs.models import ChoiceStep, TimerStep
from cbt_tui.domain.packs.placeholders import placeholder_names, render
from cbt_tui.packs.catalog import pack_sources
from cbt_tui.packs.loader import load_pack
from cbt_tui.packs.starter import STARTER
from cbt_tui.paths import builtin_packs_dir

INVALID = PACKS / "invalid"
VALID = PACKS / "valid"
EXPECT = re.compile(r"^# expect: (.*)$", re.M)


def expected_errors(case: Path) -> list[str]:
    files = [case] if case.is_file() else sorted(case.rglob("*.y*ml"))
    return sorted(line for f in files for line in EXPECT.findall(f.read_text(encoding="utf-8")))


def shown(errors, root: Path) -> list[str]:
    return sorted(str(e).removeprefix(f"{root}/") for e in errors)


@pytest.mark.parametrize("case", sorted(INVALID.iterdir()), ids=lambda p: p.name)
def test_invalid_pack_reports_exactly_its_errors(case: Path) -> None:
    expected = expected_errors(case)
    assert expected, f"{case.name} states no '# expect:' lines"
    result = load_pack(case)
    assert result.pack is None
    assert shown(result.errors, INVALID) == expected


@pytest.mark.parametrize("case", sorted(VALID.iterdir()), ids=lambda p: p.name)
def test_valid_pack_loads_without_errors(case: Path) -> None:
    result = load_pack(case)
    assert result.errors == []
    assert result.ok


def test_yaml_1_2_keeps_yes_and_no_as_strings() -> None:
    pack = load_pack(VALID / "every-step.yaml").pack
    assert pack.lists["feelings"] == ["anxious", "sad", "yes", "no", "on", "off"]
    step = pack.exercise("everything").step("answer")
    assert isinstance(step, ChoiceStep)
    assert [o.value for o in pack.options_of(step)] == ["yes", "no"]


def test_every_step_pack_keeps_its_values() -> None:
    pack = load_pack(VALID / "every-step.yaml").pack
    exercise = pack.exercise("everything")
    assert [s.type for s in exercise.steps] == [
        "info",
        "text",
        "text",
        "list",
        "scale",
        "ratings",
        "choice",
        "choice",
        "choice",
        "timer",
        "followup",
        "scale",
        "ratings",
        "followup",
        "text",
    ]
    timer = exercise.step("surf")
    assert isinstance(timer, TimerStep)
    assert (timer.minutes, timer.checks.every_seconds, timer.pacer.exhale, timer.stop_when_at_most) == (0.5, 10, 6, 2)
    assert exercise.step("story").examples == ["Alone at home", "A party"]  # through an alias
    assert str(pack.assignments[0].start) == "2026-11-24"
    assert pack.assignments[1].frequency == "3/week"
    assert pack.safety[1].contact == "555-0100"


def test_folder_pack_gathers_nested_exercise_files() -> None:
    pack = load_pack(VALID / "folder-pack").pack
    assert [e.id for e in pack.exercises] == ["inline", "nested", "top"]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def only_error(path: Path) -> str:
    errors = load_pack(path).errors
    assert len(errors) == 1, errors
    return str(errors[0]).removeprefix(f"{path}:")


def test_non_utf8_bytes_are_refused_at_their_line(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.yaml", b"format: 1\nid: x\ntitle: Caf" + b"\xe9\n")
    assert only_error(path) == "3:11: (file): byte 0xe9 is not UTF-8; save the file as UTF-8"


def test_files_over_one_mebibyte_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "big.yaml", "format: 1\n" + "# padding\n" * 110_000)
    assert re.fullmatch(r"1:1: \(file\): file is [\d,]+ bytes; a pack file may be at most 1 MiB", only_error(path))


def billion_laughs(levels: int) -> str:
    lines = ["format: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_anything_walks_it(tmp_path: Path) -> None:
    path = write(tmp_path / "bomb.yaml", billion_laughs(9))
    error = only_error(path)
    # a4 (line 6) is the first anchor past the limit: 9**5 values.
    assert error.startswith("6:5: (file): this document expands to more than 10,000 values")


def test_aliases_just_under_the_limit_are_fine(tmp_path: Path) -> None:
    words = ", ".join(f"w{i}" for i in range(90))
    reuses = "".join(f"  l{i}: *words\n" for i in range(1, 100))  # 100 lists x 91 values
    text = f"format: 1\nid: x\ntitle: X\nversion: 1.0.0\nlists:\n  l0: &words [{words}]\n{reuses}"
    result = load_pack(write(tmp_path / "many.yaml", text))
    assert result.errors == []
    assert len(result.pack.lists) == 100


def test_deep_flow_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.yaml", "format: 1\nid: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert only_error(path) == "2:105: (file): the YAML is nested more than 100 levels deep"


def test_brackets_in_quotes_and_comments_do_not_count_as_nesting(tmp_path: Path) -> None:
    text = "format: 1\nid: x\ntitle: '" + "[" * 200 + "'\nversion: 1.0.0 # " + "{" * 200 + "\n"
    result = load_pack(write(tmp_path / "quoted.yaml", text))
    assert result.ok and result.pack.title == "[" * 200


@pytest.mark.parametrize("levels", [101, 900])
def test_deep_block_nesting_is_a_clean_error(tmp_path: Path, levels: int) -> None:
    text = "format: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(levels))
    error = only_error(write(tmp_path / "deep.yaml", text))
    assert error.endswith(": (file): the YAML is nested more than 100 levels deep")


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nope.yaml") == "1:1: (file): no such file or folder"


@pytest.mark.parametrize(
    ("template", "names"),
    [("plain", []), ("{a} and {b_2}", ["a", "b_2"]), ("{{literal}} {a}", ["a"]), ("}}{{", [])],
)
def test_placeholder_names(template: str, names: list[str]) -> None:
    assert placeholder_names(template) == names


def test_render_shows_answers_literally_and_keeps_braces() -> None:
    text = render("You said {hot}. {{not a field}} {missing}", {"hot": "[/bold] {x}"})
    assert text == "You said [/bold] {x}. {not a field} …"


def test_shown_value_repeats_at_most_80_characters_on_one_line() -> None:
    assert shown_value("x" * 81) == "'" + "x" * 80 + "…'"
    assert shown_value("core\n") == "'core\\n'"
    assert shown_value(10**5000 - 1) == "a number of 5,000 digits"
    assert shown_value(-(10**80)) == "a number of 81 digits"
    assert [shown_value(v) for v in (float("nan"), float("-inf"), 0.5, 7, True, None)] == [
        ".nan",
        "-.inf",
        "0.5",
        "7",
        "true",
        "nothing",
    ]


def cbt(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: what a hang, or a warning on stderr, would show."""
    return subprocess.run(
        [sys.executable, "-m", "cbt_tui", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


HEADER = "format: 1\nid: special\ntitle: Special\nversion: 1.0.0\n"


@pytest.mark.parametrize("kind", ["fifo", "symlink to a fifo", "symlink to a device"])
def test_a_folder_pack_reads_only_regular_files(tmp_path: Path, kind: str) -> None:
    """A FIFO waits for a writer and a device never ends: refused at once, never read."""
    pack = tmp_path / "pack"
    pack.mkdir()
    write(pack / "pack.yaml", HEADER)
    special = pack / "odd.yaml"
    if kind == "fifo":
        os.mkfifo(special)
    elif kind == "symlink to a fifo":
        os.mkfifo(tmp_path / "pipe")
        special.symlink_to(tmp_path / "pipe")
    else:
        special.symlink_to("/dev/zero")
    result = cbt("validate", str(pack), timeout=30)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{special}:1:1: (file): not a regular file; a pack file is a plain YAML file\n"


def test_a_fifo_given_as_the_pack_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    result = cbt("validate", str(fifo), timeout=30)
    assert result.returncode == 1
    assert result.stderr == f"{fifo}:1:1: (file): not a regular file; a pack file is a plain YAML file\n"


def test_anchors_and_directives_are_one_located_line_and_nothing_else(tmp_path: Path) -> None:
    """ruamel printed a ReusedAnchorWarning with a site-packages path; directives gave internals."""
    cases = ["reused-anchor.yaml", "yaml-2-directive.yaml", "tag-directive.yaml"]
    result = cbt("validate", *(str(INVALID / case) for case in cases))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [line for case in cases for line in expected_errors_at(INVALID / case)]


def expected_errors_at(case: Path) -> list[str]:
    return [f"{INVALID}/{line}" for line in expected_errors(case)]


def test_a_re_rating_carries_the_first_scales_range_labels_unit_and_better() -> None:
    """The `cbt pack new` template's tension_after re-rates a 0-10 scale: it loaded as 0-100."""
    exercise = load_pack(STARTER).pack.exercise("evening-check-in")
    before, after = exercise.step("tension_before"), exercise.step("tension_after")
    shared = ("min", "max", "step", "labels", "unit", "better")
    assert [getattr(after, key) for key in shared] == [
        0,
        10,
        1,
        {0: "calm", 5: "quite tense", 10: "the most tense ever"},
        None,
        "lower",
    ]
    assert [getattr(after, key) for key in shared] == [getattr(before, key) for key in shared]
    assert (after.rerate, after.prompt) == ("tension_before", "And how tense do you feel now?")


def test_a_ratings_re_rating_carries_the_first_ratings_items_and_range() -> None:
    every = load_pack(VALID / "every-step.yaml").pack.exercise("everything").step("feelings_after")
    assert (every.options_from, every.allow_other, every.min, every.max, every.better) == (
        "feelings",
        True,
        0,
        100,
        "lower",
    )
    from_answer = load_pack(VALID / "new-keys.yaml").pack.exercise("weigh").step("belief_after")
    assert (from_answer.options_from_answer, from_answer.min, from_answer.max) == ("thoughts", 0, 10)


def test_a_loaded_pack_passes_its_own_checks_again() -> None:
    """Re-ratings carry what they share with the same values, which the checks allow."""
    sources = [*pack_sources(builtin_packs_dir()), *sorted(VALID.iterdir()), STARTER]
    for source in sources:
        pack = load_pack(source).pack
        for exercise in pack.exercises:
            assert list(check_exercise(exercise, pack.lists or {})) == [], (source, exercise.id)


def test_options_from_an_answer_are_the_items_of_that_list_answer() -> None:
    pack = load_pack(VALID / "new-keys.yaml").pack
    step = pack.exercise("weigh").step("hot_thought")
    answers = {"thoughts": ["I always mess up", "Nobody would care"]}
    assert [o.value for o in pack.options_of(step, answers)] == ["I always mess up", "Nobody would care"]
    assert pack.options_of(step) == [] and pack.options_of(step, {"thoughts": "not a list"}) == []
