"""Fuzzing the loaders through their real entry points, on files a user could really have.

Real samples, bundled exercises and the iCalendar corpus are damaged the way files get damaged
(a line lost, a cut-off download, a typo, a stray character) and read from disk with
``schedule.load`` / ``load_exercise`` / ``load_library``. Either the file loads, or the loader
raises our own ScheduleError / ExerciseError naming the file (and its line where the damage is
on one) — never another exception, never a label in the message. The generated-structure
properties live in test_schedule_properties.py and test_exercises_props.py.
"""

from __future__ import annotations

import re
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import event as hypothesis_event
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from groundtui import schedule
from groundtui.errors import ExerciseError, ScheduleError
from groundtui.exercises import (
    KINDS,
    Exercise,
    check_file,
    load_exercise,
    load_library,
)
from groundtui.schedule.model import overlaps_day
from groundtui.schedule.sources import clear_cache

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = DATA / "samples"
BUNDLED = Path(__file__).resolve().parents[2] / "exercises"

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCHEDULE_FILES = sorted(
    [
        SAMPLES / "schedule.toml",
        SAMPLES / "appointments.csv",
        SAMPLES / "outlook_style.ics",
        SAMPLES / "simplepractice_style.ics",
        *(DATA / "ics").glob("*.ics"),
        *(DATA / "ics" / "cases").glob("*.ics"),
    ]
)
EXERCISE_FILES = sorted(BUNDLED.glob("*.toml"))
ZONES = [ZoneInfo(z) for z in ("America/New_York", "UTC", "Europe/Berlin", "Asia/Kathmandu")]
DAYS = [date(2026, 11, 24), date(2026, 3, 8), date(2026, 11, 1), date(2019, 3, 31)]


def event(text: str) -> None:
    """Count an outcome in hypothesis' statistics (a no-op in the plain parametrized tests)."""
    with suppress(InvalidArgument):
        hypothesis_event(text)


def private_texts(text: str) -> list[str]:
    """Labels in a schedule file that could never be a TOML key or a time: they must never
    appear in an error message (SUMMARY/DESCRIPTION/LOCATION values, quoted labels)."""
    found = re.findall(r"^(?:SUMMARY|DESCRIPTION|LOCATION)[^:\n]*:(.+)$", text, re.MULTILINE)
    found += re.findall(r'^\s*label\s*=\s*"([^"\n]+)"', text, re.MULTILINE)
    return [t.strip() for t in found if len(t.strip()) >= 6 and " " in t.strip()]


# --------------------------------------------------------------------------- damage


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three realistic kinds of damage."""
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        kind = draw(
            st.sampled_from(
                ["drop line", "repeat line", "swap lines", "truncate", "insert", "replace", "digit"]
            )
        )
        event(kind)
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        at = draw(st.integers(0, len(text)))
        if kind == "drop line":
            del lines[i]
            text = "".join(lines)
        elif kind == "repeat line":
            lines.insert(i, lines[i])
            text = "".join(lines)
        elif kind == "swap lines":
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        elif kind == "truncate":
            text = text[:at]
        elif kind == "insert":
            junk = draw(
                st.sampled_from(["[", "]", "=", '"', ":", ";", "\n", "\r", "\t", " ", "\x00", "é"])
                | st.text(max_size=6)
            )
            text = text[:at] + junk + text[at:]
        elif kind == "replace":
            end = min(len(text), at + draw(st.integers(1, 8)))
            text = text[:at] + draw(st.text(max_size=4)) + text[end:]
        else:
            digits = [m.start() for m in re.finditer(r"\d", text)]
            if digits:
                k = draw(st.sampled_from(digits))
                text = text[:k] + draw(st.sampled_from("0123456789")) + text[k + 1 :]
    return text


@contextmanager
def written(name: str, content: str | bytes) -> Iterator[Path]:
    """``content`` in a fresh file called ``name`` (a new path every time: no cache hits)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        yield path


# --------------------------------------------------------------------------- schedules


def load_schedule(path: Path, text: str, day: date, tz: ZoneInfo) -> None:
    """Load one day; check the result or the error. Nothing else may escape."""
    clear_cache()
    try:
        sessions = schedule.load(path, day, tz)
    except ScheduleError as err:
        event(f"error: {err.message[:30]}")
        assert err.path == str(path)
        assert "\n" not in str(err)
        if err.line is not None:
            assert 1 <= err.line <= text.count("\n") + text.count("\r") + 2
        if err.col is not None:
            assert err.col >= 1
        for private in private_texts(text):
            assert private not in str(err)
        return
    event("loaded")
    instants = [(s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in sessions]
    assert instants == sorted(instants)
    for s in sessions:
        assert s.start <= s.end
        assert overlaps_day(s.start, s.end, day, tz)


@pytest.mark.parametrize("sample", SCHEDULE_FILES, ids=lambda p: p.name)
def test_every_sample_schedule_loads_or_fails_cleanly(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8", errors="replace")
    for day in DAYS:
        load_schedule(sample, text, day, ZONES[0])


@FUZZ
@given(
    sample=st.sampled_from(SCHEDULE_FILES),
    day=st.sampled_from(DAYS),
    tz=st.sampled_from(ZONES),
    data=st.data(),
)
def test_damaged_schedule_files_load_or_fail_with_their_path(
    sample: Path, day: date, tz: ZoneInfo, data: st.DataObject
) -> None:
    text = data.draw(damaged(sample.read_text(encoding="utf-8", errors="replace")))
    with written(sample.name, text) as path:
        load_schedule(path, text, day, tz)


@FUZZ
@given(
    content=st.binary(max_size=300) | st.text(max_size=300),
    name=st.sampled_from(["schedule.toml", "calendar.ics", "export.csv", "schedule"]),
)
def test_any_bytes_as_a_schedule_load_or_fail_with_their_path(
    content: bytes | str, name: str
) -> None:
    text = content if isinstance(content, str) else content.decode("latin-1")
    with written(name, content) as path:
        load_schedule(path, text, DAYS[0], ZONES[0])


SYNTAX_BREAKS = ["[[session", 'start = "09:00', "= 3", "heavy = ", "[defaults", "end 10:00", "a.=1"]


@FUZZ
@given(where=st.integers(0, 200), junk=st.sampled_from(SYNTAX_BREAKS))
def test_a_toml_syntax_error_names_its_line(where: int, junk: str) -> None:
    lines = (SAMPLES / "schedule.toml").read_text(encoding="utf-8").splitlines()
    where %= len(lines) + 1
    lines.insert(where, junk)
    text = "\n".join(lines) + "\n"
    with written("schedule.toml", text) as path, pytest.raises(ScheduleError) as info:
        schedule.load(path, DAYS[0], ZONES[0])
    assert info.value.path == str(path)
    assert info.value.line == where + 1, str(info.value)


ICS_SAMPLES = [SAMPLES / "simplepractice_style.ics", SAMPLES / "outlook_style.ics"]


@FUZZ
@given(sample=st.sampled_from(ICS_SAMPLES), data=st.data())
def test_an_ics_with_a_lost_begin_or_end_line_names_a_line(
    sample: Path, data: st.DataObject
) -> None:
    lines = sample.read_text(encoding="utf-8").splitlines()
    structural = [i for i, line in enumerate(lines) if re.match(r"(BEGIN|END):", line)]
    lost = data.draw(st.sampled_from(structural))
    del lines[lost]
    text = "\r\n".join(lines) + "\r\n"
    with written(sample.name, text) as path, pytest.raises(ScheduleError) as info:
        schedule.load(path, DAYS[0], ZONES[0])
    assert info.value.path == str(path)
    assert info.value.line is not None, str(info.value)
    for private in private_texts(text):
        assert private not in str(info.value)


ICS_VALUES = st.one_of(
    st.sampled_from(
        [
            "20261124T090000",
            "20261124T090000Z",
            "20261124",
            "2026-11-24T09:00:00",
            "20261124T250000",
            "20261131T090000",
            "FREQ=WEEKLY;BYDAY=TU",
            "FREQ=WEEKLY;BYDAY=XX",
            "FREQ=DAILY;COUNT=-1",
            "FREQ=DAILY;UNTIL=20261124",
            "PT50M",
            "P1D",
            "-PT1H",
            "PT",
            "",
            "20261124T090000Z/PT1H",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=24),
)
ICS_PROPERTIES = ["DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID"]
ICS_PARAMS = ["", ";TZID=America/New_York", ";TZID=Nowhere/Land", ";VALUE=DATE", ";VALUE=PERIOD"]


@FUZZ
@given(
    props=st.lists(
        st.tuples(st.sampled_from(ICS_PROPERTIES), st.sampled_from(ICS_PARAMS), ICS_VALUES),
        min_size=1,
        max_size=4,
    ),
    day=st.sampled_from(DAYS),
)
def test_generated_ics_values_load_or_fail_cleanly(
    props: list[tuple[str, str, str]], day: date
) -> None:
    body = [f"{name}{param}:{value}" for name, param, value in props]
    assume(all("\n" not in line and "\r" not in line for line in body))
    text = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//groundtui//fuzz//EN",
            "BEGIN:VEVENT",
            "UID:fuzz-1@test",
            "DTSTAMP:20260101T000000Z",
            "DTSTART;TZID=America/New_York:20261124T090000",
            *body,
            "SUMMARY:Private Client Name",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    with written("calendar.ics", text) as path:
        load_schedule(path, text, day, ZONES[0])
        try:
            schedule.load(path, day, ZONES[0])
        except ScheduleError as err:
            assert "Private Client Name" not in str(err)


# --------------------------------------------------------------------------- exercises


def check_exercise(exercise: Exercise) -> None:
    """A loaded exercise is one the app can run."""
    assert exercise.kind in KINDS
    assert exercise.seconds > 0
    assert exercise.name
    if exercise.kind == "breathing":
        assert exercise.pattern is not None or exercise.steps
    if exercise.pattern is not None:
        assert exercise.pattern.seconds > 0


def load_or_error(path: Path, text: str) -> Exercise | None:
    """load_exercise and check_file must agree; an error names the file and a line in it."""
    problems = check_file(path)
    try:
        exercise = load_exercise(path)
    except ExerciseError as err:
        event(f"error: {err.message[:30]}")
        assert problems, "load_exercise failed where check_file found nothing"
        assert err.path == str(path)
        assert err.line is not None and 1 <= err.line <= text.count("\n") + 2
        assert err.col is not None and err.col >= 1
        assert "\n" not in str(err)
        return None
    event("loaded")
    assert problems == []
    check_exercise(exercise)
    return exercise


@pytest.mark.parametrize("original", EXERCISE_FILES, ids=lambda p: p.stem)
def test_every_bundled_exercise_loads(original: Path) -> None:
    exercise = load_or_error(original, original.read_text(encoding="utf-8"))
    assert exercise is not None


@FUZZ
@given(original=st.sampled_from(EXERCISE_FILES), data=st.data())
def test_damaged_exercise_files_load_or_fail_with_path_and_line(
    original: Path, data: st.DataObject
) -> None:
    text = data.draw(damaged(original.read_text(encoding="utf-8")))
    with written(original.name, text) as path:
        load_or_error(path, text)


def key_lines(text: str) -> list[tuple[int, str]]:
    """(line number, key) of every ``key = value`` line outside multi-line arrays."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*=", line)
        if m:
            found.append((number, m[1]))
    return found


@st.composite
def typo(draw: st.DrawFn, word: str) -> str:
    """One slip of the finger: a letter dropped, doubled, swapped or changed."""
    i = draw(st.integers(0, len(word) - 1))
    how = draw(st.sampled_from(["drop", "double", "swap", "change"]))
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + draw(st.sampled_from("aeioustrnx")) + word[i + 1 :]


@FUZZ
@given(original=st.sampled_from(EXERCISE_FILES), data=st.data())
def test_a_mistyped_key_is_named_at_its_line(original: Path, data: st.DataObject) -> None:
    text = original.read_text(encoding="utf-8")
    number, key = data.draw(st.sampled_from(key_lines(text)))
    wrong = data.draw(typo(key))
    assume(wrong and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", wrong))
    lines = text.splitlines()
    table_keys = _keys_of_table(tomllib.loads(text), lines, number)
    assume(wrong not in table_keys and wrong.lower() not in KNOWN_KEYS)
    lines[number - 1] = lines[number - 1].replace(key, wrong, 1)
    broken = "\n".join(lines) + "\n"
    with written(original.name, broken) as path:
        with pytest.raises(ExerciseError) as info:
            load_exercise(path)
        found = [e for e in check_file(path) if e.line == number]
    assert info.value.path == str(path)
    assert any(f"'{wrong}'" in e.message for e in found), [str(e) for e in check_file(path)]
    if len(key) >= 5:
        assert any("did you mean" in e.message for e in found)


KNOWN_KEYS = {
    "id", "name", "kind", "summary", "seconds", "fits", "sources", "intro", "closing",
    "min_seconds", "pattern", "step", "prompts", "inhale", "top_up", "hold", "exhale",
    "hold_after", "cycles", "cues", "text",
}  # fmt: skip


def _keys_of_table(data: dict, lines: list[str], number: int) -> set[str]:
    """The keys of the table that line ``number`` belongs to (to avoid typos that are keys)."""
    header = None
    for line in lines[: number - 1]:
        m = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if m:
            header = m[1]
    table: object = data
    for part in header.split(".") if header else []:
        table = table.get(part) if isinstance(table, dict) else None
        if isinstance(table, list):
            table = table[-1] if table else None
    return set(table) if isinstance(table, dict) else set()


@FUZZ
@given(
    files=st.lists(
        st.tuples(st.sampled_from(EXERCISE_FILES), st.booleans()), min_size=1, max_size=5
    ),
    data=st.data(),
)
def test_a_user_dir_of_damaged_files_never_stops_the_library(
    files: list[tuple[Path, bool]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        user = Path(folder)
        written_files = {}
        for n, (original, damage) in enumerate(files):
            text = original.read_text(encoding="utf-8")
            if damage:
                text = data.draw(damaged(text))
            path = user / f"{n}-{original.name}"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            written_files[path] = text
        library = load_library(BUNDLED, user)
        broken = {str(p) for p in written_files if check_file(p)}
        for problem in library.problems:
            assert isinstance(problem, ExerciseError)
            assert problem.path is not None and problem.line is not None
            assert problem.path.startswith(str(user))  # the bundled files are fine
        assert broken <= {p.path for p in library.problems}
        # every bundled exercise is still there, or a valid user file replaced it
        bundled_ids = {p.stem for p in EXERCISE_FILES}
        assert bundled_ids <= set(library.ids)
        for exercise in library:
            check_exercise(exercise)
