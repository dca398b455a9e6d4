"""Issue #13, TOML part: numbers that overflow or are not numbers, in exercise files and
config.toml, give FILE:LINE:COL messages; never a traceback, never a value the planner chokes on.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundtui.config import PlannerSettings, read_config_file
from groundtui.errors import ExerciseError
from groundtui.exercises import MAX_SECONDS, check_file, load_exercise

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BREATHING = (
    'name = "b"\nkind = "breathing"\n{top}[pattern]\ninhale = {inhale}\nexhale = 4\n{cycles}'
)
STEPPED = 'name = "s"\nkind = "grounding"\n{top}[[step]]\ntext = "a"\nseconds = {a}\n'


def problems(tmp_path: Path, text: str) -> list[tuple[int | None, int | None, str]]:
    path = tmp_path / "ex.toml"
    path.write_text(text, encoding="utf-8")
    found = check_file(path)
    for err in found:
        assert str(err).startswith(f"{path}:{err.line}:{err.col}: ")
    return [(e.line, e.col, e.message) for e in found]


@pytest.mark.parametrize(
    ("inhale", "cycles", "expected"),
    [
        ("inf", "cycles = 2", (4, 10, "inhale in [pattern] must be a finite number, got inf")),
        ("-inf", "cycles = 2", (4, 10, "inhale in [pattern] must be a finite number, got -inf")),
        ("nan", "cycles = 2", (4, 10, "inhale in [pattern] must be a finite number, got nan")),
        (
            "1" + "0" * 400,
            "cycles = 2",
            (4, 10, "inhale in [pattern] must be a finite number, got a 401-digit number"),
        ),
        ("1e308", "cycles = 2", (6, 10, "it lasts far more than an hour")),
        ("4", "cycles = " + "9" * 400, (6, 10, "it lasts far more than an hour")),
        ("4", "cycles = 1e300", (6, 10, "it lasts far more than an hour")),
        (
            "4",
            "cycles = 1000000000000000000000000000000",
            (6, 10, "it lasts far more than an hour"),
        ),
        (
            "4",
            "cycles = inf",
            (6, 10, "cycles must be a whole number of breaths, got the number inf"),
        ),
        ("1e-320", "cycles = 2", (4, 10, "exhale-free")),
    ],
)
def test_breathing_numbers_that_overflow(
    tmp_path: Path, inhale: str, cycles: str, expected: tuple[int, int, str]
) -> None:
    found = problems(tmp_path, BREATHING.format(top="", inhale=inhale, cycles=cycles + "\n"))
    if expected[2] == "exhale-free":  # a denormal phase is tiny, not a crash: the file loads
        assert found == []
        return
    assert found == [expected]


def test_a_sum_of_phases_that_overflows(tmp_path: Path) -> None:
    text = BREATHING.format(top="", inhale="1.7e308", cycles="cycles = 1\n").replace(
        "exhale = 4", "exhale = 1.7e308"
    )
    assert problems(tmp_path, text) == [(6, 10, "it lasts far more than an hour")]


def test_seconds_that_overflow_the_cycle_count(tmp_path: Path) -> None:
    text = BREATHING.format(top="seconds = 1e308\n", inhale="4", cycles="")
    assert problems(tmp_path, text) == [(3, 11, "it lasts far more than an hour")]


def test_steps_whose_sum_overflows(tmp_path: Path) -> None:
    text = STEPPED.format(top="", a="1.7e308") + '[[step]]\ntext = "b"\nseconds = 1.7e308\n'
    assert problems(tmp_path, text) == [(3, 1, "it lasts far more than an hour")]


def test_a_huge_integer_seconds_is_a_plain_mismatch(tmp_path: Path) -> None:
    text = STEPPED.format(top="seconds = " + "9" * 100 + "\n", a="5")
    assert problems(tmp_path, text) == [(3, 11, "seconds (1e+100) does not match its steps (5)")]


@FAST
@given(
    st.one_of(
        st.floats(),
        st.integers(min_value=-(10**500), max_value=10**500),
        st.sampled_from(["inf", "-inf", "nan", "1e308", "-0.0", "1e-320", "0"]),
    ),
    st.sampled_from(["inhale", "exhale", "hold", "cycles", "seconds", "min_seconds"]),
)
def test_any_number_anywhere_is_a_clean_result(value: object, key: str) -> None:
    import tempfile

    shown = value if isinstance(value, str) else repr(value)
    if isinstance(value, float) and math.isnan(value):
        shown = "nan"
    elif isinstance(value, float) and math.isinf(value):
        shown = "inf" if value > 0 else "-inf"
    pattern = {"inhale": "4", "exhale": "4", "hold": "0", "cycles": "2"}
    top = ""
    if key in pattern:
        pattern[key] = str(shown)
    else:
        top = f"{key} = {shown}\n"
    text = 'name = "x"\nkind = "breathing"\n' + top + "[pattern]\n"
    text += "".join(f"{k} = {v}\n" for k, v in pattern.items())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ex.toml"
        path.write_text(text, encoding="utf-8")
        try:
            exercise = load_exercise(path)
        except ExerciseError as err:
            assert err.line is not None and err.col is not None
        else:
            assert 0 < exercise.seconds <= MAX_SECONDS and math.isfinite(exercise.seconds)


# --------------------------------------------------------------------------- config.toml


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("inf", "'notes_minutes' must be a finite number, got inf"),
        ("-inf", "'notes_minutes' must be a finite number, got -inf"),
        ("nan", "'notes_minutes' must be a finite number, got nan"),
        ("1e308", "'notes_minutes' must be at most 1440 (got the number 1e+308)"),
        ("9" * 400, "'notes_minutes' must be a finite number, got a 400-digit number"),
        ("9" * 5000, "a number has too many digits"),
    ],
)
def test_config_numbers_that_overflow(tmp_path: Path, value: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"bell = false\n[planner]\nnotes_minutes = {value}\n", encoding="utf-8")
    config, found = read_config_file(path)
    assert [(p.line, p.col, p.message) for p in found] == [(3, 17, message)]
    if "digits" not in message:  # a setting's problem keeps its default; the rest is read
        assert config.planner == PlannerSettings() and config.bell is False


def test_config_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'labels = "full"\nsupport_text = "Caf\xe9"\n')
    config, found = read_config_file(path)
    assert config.labels == "hidden"  # the defaults
    assert [str(p) for p in found] == [
        f"{path}:2:20: this is not UTF-8 text (save the file as UTF-8)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "favourites = " + "[" * 100_000,
        "x = " + "{a = " * 100_000,
        "a" + ".b" * 100_000 + " = 1",
    ],
    ids=["arrays", "inline-tables", "dotted"],
)
def test_config_nested_without_end(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    _, found = read_config_file(path)
    assert len(found) == 1 and found[0].line == 1 and found[0].col is not None
    assert "too deeply" in found[0].message or "too many parts" in found[0].message
