"""Property tests: the checker never crashes, positions are right, timing is exact."""

from __future__ import annotations

import math
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from groundtui.exercises import (
    FITS,
    KINDS,
    PHASE_NAMES,
    Exercise,
    Pattern,
    Phase,
    Step,
    TomlLocator,
    check_file,
    dump_exercise,
    load_exercise,
    phase_at,
    step_at,
)
from groundtui.exercises.fields import PATTERN_KEYS, STEP_KEYS, TOP_KEYS
from groundtui.safetext import visible

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KNOWN_KEYS = sorted({*TOP_KEYS, *PATTERN_KEYS, *STEP_KEYS})
"""Every key the format knows, so the fuzz hits real keys as often as typos."""

keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=8))
scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from([*KINDS, *FITS]),
    st.dates(),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(keys, trees, max_size=8)


def check_text(text: str | bytes) -> list[Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        found = check_file(path)
    for err in found:
        assert err.line is not None and err.line >= 1
        assert err.col is not None and err.col >= 1
        assert "\n" not in str(err)
    return found


# --------------------------------------------------------------------------- never crashes


@FAST
@given(documents)
def test_check_file_never_crashes_on_any_toml_tree(data: dict[str, Any]) -> None:
    check_text(tomli_w.dumps(data))


@FAST
@given(documents)
def test_check_file_never_crashes_on_exercise_like_trees(data: dict[str, Any]) -> None:
    data = {"name": "x", "kind": "breathing", **data}
    data.setdefault("pattern", {"inhale": 4, "exhale": 4})
    check_text(tomli_w.dumps(data))


@FAST
@given(st.text(max_size=200))
def test_check_file_never_crashes_on_any_text(text: str) -> None:
    check_text(text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary(max_size=100))
def test_check_file_never_crashes_on_any_bytes(data: bytes) -> None:
    check_text(data)


# --------------------------------------------------------------------------- positions


def _leaf_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    if isinstance(data, dict):
        for key, value in data.items():
            out.append((*prefix, key))
            out.extend(_leaf_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.append((*prefix, i))
            out.extend(_leaf_paths(value, (*prefix, i)))
    return out


@FAST
@given(documents)
def test_locator_finds_every_key_of_tomli_w_output(data: dict[str, Any]) -> None:
    text = tomli_w.dumps(data)
    parsed = tomllib.loads(text)
    where = TomlLocator(text)
    lines = text.split("\n")
    for path in _leaf_paths(parsed):
        assert path in where.spots, path
        line, col = where.key(path)
        at = lines[line - 1][col - 1 :]
        key = path[-1]
        if isinstance(key, str):
            # a key starts there: bare, quoted, or a table header naming it
            assert at.startswith((key, '"', "'", "[")), (path, at)
        value_line, value_col = where.value(path)
        value_text = lines[value_line - 1][value_col - 1 :]
        assert value_text.strip(), path


# --------------------------------------------------------------------------- round trip

durations = st.floats(0.25, 30, allow_nan=False).map(lambda x: round(x * 4) / 4)
texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)


@st.composite
def exercise_data(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(KINDS))
    data: dict[str, Any] = {"id": draw(ids), "name": draw(texts), "kind": kind}
    for key in ("summary", "intro", "closing"):
        if draw(st.booleans()):
            data[key] = draw(texts)
    data["fits"] = draw(st.lists(st.sampled_from(FITS), unique=True, max_size=3))
    data["sources"] = draw(st.lists(texts, unique=True, max_size=2))
    if kind == "breathing":
        pattern = {"inhale": draw(durations), "exhale": draw(durations)}
        for name in ("top_up", "hold", "hold_after"):
            if draw(st.booleans()):
                pattern[name] = draw(st.sampled_from([0, 1, 2.5, 4]))
        pattern["cycles"] = draw(st.integers(1, 20))
        data["pattern"] = pattern
        total = sum(pattern[n] for n in PHASE_NAMES if n in pattern) * pattern["cycles"]
    else:
        steps = draw(st.lists(st.tuples(texts, durations), min_size=1, max_size=6))
        data["step"] = [{"text": t, "seconds": s} for t, s in steps]
        total = sum(s for _, s in steps)
    if draw(st.booleans()):
        data["min_seconds"] = draw(st.floats(0.5, max(total, 0.5))) if total >= 0.5 else total
    return data


@FAST
@given(exercise_data())
def test_valid_exercises_round_trip(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "first.toml"
        first.write_text(tomli_w.dumps(data), encoding="utf-8")
        assert check_file(first) == []
        exercise = load_exercise(first)
        # a control character is shown, never kept raw (safetext): the rest reads as written
        assert exercise.id == data["id"] and exercise.name == visible(data["name"])
        second = Path(folder) / "second.toml"
        second.write_text(dump_exercise(exercise), encoding="utf-8")
        again = load_exercise(second)
    assert again == exercise
    assert exercise.min_seconds <= exercise.seconds + 1e-9


# --------------------------------------------------------------------------- timing

phase_lengths = st.lists(st.integers(1, 16).map(lambda n: n / 2), min_size=1, max_size=5)


def make_pattern(lengths: list[float], cycles: int) -> Pattern:
    return Pattern(tuple(Phase(f"p{i}", s) for i, s in enumerate(lengths)), cycles)


@FAST
@given(phase_lengths, st.integers(1, 6))
def test_phase_boundaries_are_exact(lengths: list[float], cycles: int) -> None:
    pattern = make_pattern(lengths, cycles)
    start = 0.0
    for cycle in range(1, cycles + 1):
        for index, length in enumerate(lengths):
            state = phase_at(pattern, start)
            assert (state.cycle, state.index, state.finished) == (cycle, index, False)
            assert state.phase_elapsed == 0
            assert state.phase_remaining == length
            just_before = phase_at(pattern, start + length - 1e-6)
            assert (just_before.cycle, just_before.index) == (cycle, index)
            start += length
    end = phase_at(pattern, pattern.seconds)
    assert end.finished and end.cycle == cycles and end.index == len(lengths) - 1


@FAST
@given(phase_lengths, st.integers(1, 6), st.lists(st.floats(-5, 200), min_size=2, max_size=30))
def test_phase_at_is_monotonic(lengths: list[float], cycles: int, times: list[float]) -> None:
    pattern = make_pattern(lengths, cycles)
    states = [phase_at(pattern, t) for t in sorted(times)]
    order = [(s.finished, s.cycle, s.index) for s in states]
    assert order == sorted(order)
    for state in states:
        assert 0 <= state.phase_elapsed <= state.phase.seconds
        assert math.isclose(state.phase_elapsed + state.phase_remaining, state.phase.seconds)


@FAST
@given(phase_lengths, st.lists(st.floats(-5, 100), min_size=2, max_size=30))
def test_step_at_is_monotonic_with_exact_boundaries(
    lengths: list[float], times: list[float]
) -> None:
    steps = tuple(Step(f"s{i}", s) for i, s in enumerate(lengths))
    start = 0.0
    for index, length in enumerate(lengths):
        state = step_at(steps, start)
        assert (state.index, state.step_elapsed, state.finished) == (index, 0, False)
        start += length
    assert step_at(steps, start).finished
    states = [step_at(steps, t) for t in sorted(times)]
    order = [(s.finished, s.index) for s in states]
    assert order == sorted(order)


# --------------------------------------------------------------------------- scaling


@FAST
@given(
    phase_lengths,
    st.integers(1, 40),
    st.floats(1, 400),
    st.floats(0, 500),
)
def test_breathing_scaled_keeps_whole_cycles_and_min_seconds(
    lengths: list[float], cycles: int, min_seconds: float, request: float
) -> None:
    pattern = make_pattern(lengths, cycles)
    assume(min_seconds <= pattern.seconds)
    exercise = Exercise(
        "b", "B", "breathing", pattern.seconds, pattern=pattern, min_seconds=min_seconds
    )
    scaled = exercise.scaled(request)
    assert scaled.pattern is not None
    assert 1 <= scaled.pattern.cycles <= cycles
    assert scaled.pattern.phases == pattern.phases
    assert math.isclose(scaled.seconds, scaled.pattern.seconds)
    assert scaled.seconds >= min_seconds - 1e-9
    if exercise.fits_in(request):
        assert scaled.seconds <= request + 1e-9
        # and it is the longest whole-cycle version that fits
        assert scaled.seconds + pattern.cycle_seconds > request or scaled.pattern.cycles == cycles
    if request >= exercise.seconds:
        assert scaled is exercise
    assert math.isclose(exercise.shortest_seconds, exercise.scaled(0).seconds)


@FAST
@given(
    st.lists(st.integers(1, 60), min_size=1, max_size=6),
    st.floats(1, 400),
    st.floats(0, 500),
)
def test_stepped_scaled_keeps_every_step_and_min_seconds(
    lengths: list[int], min_seconds: float, request: float
) -> None:
    total = float(sum(lengths))
    steps = tuple(Step(f"s{i}", s) for i, s in enumerate(lengths))
    exercise = Exercise("s", "S", "grounding", total, steps=steps, min_seconds=min_seconds)
    scaled = exercise.scaled(request)
    assert [s.text for s in scaled.steps] == [s.text for s in steps]
    assert math.isclose(sum(s.seconds for s in scaled.steps), scaled.seconds)
    floor = min(min_seconds, total)
    assert scaled.seconds >= floor - 1e-9
    assert scaled.seconds <= total
    if exercise.fits_in(request):
        assert scaled.seconds <= request + 1e-9
    if request < total:
        # proportions are kept
        factor = scaled.seconds / total
        for old, new in zip(steps, scaled.steps, strict=True):
            assert math.isclose(new.seconds, old.seconds * factor, rel_tol=1e-9, abs_tol=1e-9)
