"""The TOML toolkit: load_toml's guards (issue #13: no crash, no hang), words, positions.

Every hostile input ends as the caller's GroundError with a line and column, in bounded time:
nesting of any depth, dotted keys of any length, integers of any length, bytes that are not
UTF-8, special and huge files.
"""

from __future__ import annotations

import contextlib
import os
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundtui.errors import ConfigError, ExerciseError, ScheduleError
from groundtui.tomlcheck import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_KEY_PARTS,
    describe,
    did_you_mean,
    fmt_number,
    load_toml,
    looks_like_toml,
    number,
    number_problem,
)

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEEP = 100_000

HANG = 60.0
"""A hang guard, not a speed test: the quadratic paths these inputs were made for take minutes
(tomllib: ~18 s on a 30,000-part dotted key, far more on these); the guarded ones take well
under a second even on a loaded machine."""


def refused(text: str) -> ExerciseError:
    with pytest.raises(ExerciseError) as caught:
        load_toml(text, ExerciseError, path=Path("x.toml"))
    return caught.value


# --------------------------------------------------------------------------- nesting, keys


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * DEEP + "]" * DEEP,
        "a = " + "{b = " * DEEP + "1" + "}" * DEEP,
        "a = " + "[{b = " * DEEP,  # unterminated, too
        "x = 1\n\na = [\n" + "[" * DEEP,
    ],
    ids=["arrays", "inline-tables", "mixed-unterminated", "after-lines"],
)
def test_any_nesting_depth_is_one_clear_error_at_its_place(text: str) -> None:
    started = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - started < HANG
    assert err.message == f"values are nested too deeply (more than {MAX_DEPTH} levels)"
    assert err.line is not None and err.col is not None
    assert str(err).startswith(f"x.toml:{err.line}:{err.col}: values are nested")


def test_nesting_up_to_the_limit_still_parses() -> None:
    text = "a = " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert load_toml(text, ExerciseError).data == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".a" * DEEP + " = 1",
        '"a"' + '."a"' * DEEP + " = 1",
        "[a" + ".a" * DEEP + "]\nx = 1",
        "t = { " + "a." * DEEP + "b = 1 }",
    ],
    ids=["bare", "quoted", "header", "inline"],
)
def test_a_dotted_key_of_any_length_is_refused_at_once(text: str) -> None:
    """tomllib takes minutes on a 100,000-part key (it is quadratic): refuse it first."""
    started = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - started < HANG
    assert err.message == f"a dotted key has too many parts (more than {MAX_KEY_PARTS})"


def test_brackets_dots_and_quotes_inside_strings_and_comments_do_not_count() -> None:
    inner = "[" * 100 + "{" * 100 + "a." * 100
    text = (
        f"a = \"{inner}\"\nb = '{inner}'\n# {inner}\n"
        f"c = \"\"\"\n{inner}\n\"\"\"\nd = '''{inner}'''\n"
    )
    assert load_toml(text, ExerciseError).data["a"] == inner


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "x" * 1_000_000,
        "a = " + '"\\"' * 300_000,
        "a = " + '"""\\' * 200_000,
        "a = " + "'" * 1_000_000,
        'a = "' + "x. " * 300_000 + '"',
    ],
    ids=["long-word", "escaped-quotes", "open-multiline", "quotes", "dotted-prose"],
)
def test_the_guard_is_linear_on_text_made_to_slow_it_down(text: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ExerciseError):
        load_toml(text, ExerciseError)
    assert time.perf_counter() - started < HANG


# --------------------------------------------------------------------------- numbers


def test_an_integer_past_the_digit_limit_is_an_error_at_its_place() -> None:
    err = refused("a = 1\nb = " + "9" * 5000 + "\n")
    assert (err.line, err.col, err.message) == (2, 5, "a number has too many digits")


@pytest.mark.parametrize(
    ("value", "usable"),
    [
        (1, 1.0),
        (4.5, 4.5),
        (float("inf"), None),
        (float("-inf"), None),
        (float("nan"), None),
        (10**400, None),
        (True, None),
        ("4", None),
    ],
)
def test_number_is_a_finite_float_or_none(value: object, usable: float | None) -> None:
    assert number(value) == usable
    assert (number_problem(value) is None) == (usable is not None)


def test_number_words() -> None:
    assert number_problem(float("inf")) == "got inf"
    assert number_problem(float("nan")) == "got nan"
    assert number_problem(10**400) == "got a 401-digit number"
    assert number_problem("ten") == 'got text "ten"'
    assert fmt_number(120.0) == "120" and fmt_number(4.5) == "4.5" and fmt_number(1e308) == "1e+308"
    assert describe(10**30) == "a 31-digit number"
    assert describe("Jane Doe", quote_text=False) == "text"
    assert did_you_mean("inhail", ["inhale", "exhale"]) == " (did you mean 'inhale'?)"
    assert did_you_mean("Wendsday", ["wednesday"]) == " (did you mean 'wednesday'?)"
    assert did_you_mean("zzz", ["inhale"]) == ""


# --------------------------------------------------------------------------- files


def test_bad_toml_keeps_its_position_and_drops_tomllibs_tail() -> None:
    err = refused("a = 1\nb = = 2\n")
    assert (err.line, err.col) == (2, 5) and "at line" not in err.message
    err = refused('a = "open')
    assert err.line == 1 and "at end" not in err.message


def test_text_that_is_not_utf8_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'bell = true\nlabels = "caf\xe9"\n')
    with pytest.raises(ConfigError) as caught:
        load_toml(path, ConfigError)
    assert str(caught.value) == f"{path}:2:14: this is not UTF-8 text (save the file as UTF-8)"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ex.toml"
    os.mkfifo(fifo)
    with pytest.raises(ExerciseError, match="not a regular file"):
        load_toml(fifo, ExerciseError)


def test_a_file_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(ExerciseError, match="too large"):
        load_toml(path, ExerciseError)


def test_a_missing_file_says_so_and_keeps_the_cause(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_toml(tmp_path / "none.toml", ConfigError)
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_relax_is_tried_once_and_positions_stay_those_of_the_text() -> None:
    doc = load_toml("start = 9:00\n", ScheduleError, relax=lambda t: t.replace("9:00", '"9:0"'))
    assert doc.data == {"start": "9:0"} and doc.where.value(("start",)) == (1, 9)
    with pytest.raises(ScheduleError, match="Expected newline"):
        load_toml("start = 9:00\n", ScheduleError, relax=lambda t: t)


def test_looks_like_toml() -> None:
    assert looks_like_toml("a = 1\n")
    assert not looks_like_toml("Date,Start,End\n2026-11-24,09:00,09:50\n")
    assert looks_like_toml("a = " + "[" * DEEP)  # the TOML reader then says why


# --------------------------------------------------------------------------- any text


@FAST
@given(st.text(alphabet="[]{}.=\"'#\\ \nab1", max_size=400))
def test_any_text_parses_or_is_one_error_with_a_position(text: str) -> None:
    try:
        doc = load_toml(text, ExerciseError, path=Path("x.toml"))
    except ExerciseError as err:
        assert err.line is not None and err.col is not None and "\n" not in str(err)
    else:
        assert doc.data == tomllib.loads(text)


@FAST
@given(st.integers(min_value=MAX_DEPTH + 1, max_value=3000), st.sampled_from(["[", "{a = "]))
def test_any_depth_over_the_limit_is_refused(depth: int, opener: str) -> None:
    assert refused("v = " + opener * depth).message.startswith("values are nested too deeply")
