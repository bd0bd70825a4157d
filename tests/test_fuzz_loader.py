"""Whatever the input, the loader gives a pack or clean located errors, quickly."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from helpers import PACKS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from cbt_tui.packs.loader import LoadResult, load_pack

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SEEDS = [
    (PACKS / "valid" / name).read_text(encoding="utf-8")
    for name in ("every-step.yaml", "measure.yaml", "new-keys.yaml")
]
VOCABULARY = [
    "format",
    "id",
    "title",
    "version",
    "kind",
    "summary",
    "steps",
    "type",
    "prompt",
    "options",
    "options_from",
    "rerate",
    "when",
    "step",
    "at_least",
    "exercises",
    "lists",
    "assignments",
    "frequency",
    "minutes",
    "checks",
    "pacer",
    "text",
    "after",
    "labels",
    "min",
    "max",
    "value",
    # scores, flags and measures
    "score",
    "scores",
    "sum",
    "bands",
    "label",
    "better",
    "flag_at_least",
    "flag_at_most",
    "flags",
    "multiple",
    "allow_other",
    # keys for the trainer
    "show",
    "options_from_answer",
    "ask_first",
    "endings",
    "completed",
    "early",
    "stopped",
]


def assert_clean(result: LoadResult, path: Path) -> None:
    assert (result.pack is None) == bool(result.errors)
    for error in result.errors:
        assert error.file == path
        assert error.line >= 1 and error.column >= 1
        assert error.path and error.message
        assert "Traceback" not in error.message and "could not read this pack" not in error.message


def load_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    assert_clean(load_pack(path), path)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    load_bytes(tmp_path, data)


@FUZZ
@given(text=st.text(max_size=500))
def test_random_text(tmp_path: Path, text: str) -> None:
    load_bytes(tmp_path, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    seed=st.sampled_from(SEEDS),
    start=st.floats(0, 1),
    length=st.integers(0, 40),
    insert=st.text(alphabet=" \n\t:-[]{}&*!|>#%'\"0123456789abcyn.ex", max_size=8),
)
def test_mutations_of_a_valid_pack(tmp_path: Path, seed: str, start: float, length: int, insert: str) -> None:
    at = int(start * len(seed))
    mutated = seed[:at] + insert + seed[at + length :]
    load_bytes(tmp_path, mutated.encode())


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.integers(),  # beyond ±1,000,000 too
    st.floats(),  # .nan and .inf too
    st.sampled_from(
        VOCABULARY
        + [
            "text",
            "info",
            "scale",
            "choice",
            "list",
            "timer",
            "daily",
            "1.0.0",
            "skill",
            "measure",
            "{id}",
            "{id}" * 60,
        ]
    ),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(VOCABULARY), children, max_size=6),
    ),
    max_leaves=30,
)


@FUZZ
@given(body=st.dictionaries(st.sampled_from(VOCABULARY), structures, max_size=8))
def test_random_structures_in_the_formats_vocabulary(tmp_path: Path, body: dict) -> None:
    path = tmp_path / "fuzz.yaml"
    with path.open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump({"format": 1, **body}, handle)
    assert_clean(load_pack(path), path)
