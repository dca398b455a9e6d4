"""Hostile files through the real readers and the real commands (in-process, ``cli.run``).

Random bytes and files built to hurt — endless or huge recurrence rules, nested calendars,
terminal escape sequences in labels and exercise texts, unclosed quotes, NULs, giant cells,
deep TOML nesting, numbers that overflow — given to ``plan``, ``status`` and ``exercises
check``/``list`` as schedules, exercises and config.toml. Whatever comes in:

- the exit code is 0, 1 or 2, with no traceback and no crash report (that would be a bug);
- no output holds an ESC, a C1 control or any other control character but a line break;
- a label is never in an error, and never in any output without ``--show-labels``.

Each test is a bounded number of examples of small files, so the set runs in CI in seconds; a
hang would show as the test never ending (the rules are bounded by design in the readers).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from groundtui import cli
from groundtui.schedule.sources import clear_cache

HOSTILE = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run: CI stays predictable
)
LABEL = "Zelda Quixote"
"""The private text put into every label field: never in an error, nor in plain output."""
DAY = "2026-11-24"
NOW = f"{DAY}T09:55:00"

UNSAFE_OUTPUT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Any control character but a line break (ESC, CSI, OSC, BEL, NUL, bidi overrides...)."""

ESCAPES = [
    "\x1b[2J",  # clear the screen
    "\x1b]0;owned\x07",  # set the window title
    "\x1b]52;c;cm0gLXJmIC8=\x07",  # write the clipboard (OSC 52)
    "\x9b31m",  # a C1 CSI on its own
    "\x1b[6n",  # ask the terminal to answer (report the cursor)
    "\u202e",  # right-to-left override
    "\x00",
    "\x07",
    "\r",
    "[bold red]markup[/]",
    "\\u001b[2J",  # a TOML escape of ESC
]

hostile_piece = st.one_of(
    st.sampled_from(ESCAPES),
    st.text(max_size=12),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=12),
)


@st.composite
def hostile_label(draw: st.DrawFn) -> str:
    """The label with escape sequences around and inside it (``LABEL`` stays findable)."""
    return draw(hostile_piece) + LABEL + draw(hostile_piece)


# --------------------------------------------------------------------------- running commands


@dataclass
class Ran:
    code: int
    out: str
    err: str


def groundtui(*argv: str) -> Ran:
    """``groundtui argv`` in this process, its output captured."""
    out, err = io.StringIO(), io.StringIO()
    clear_cache()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.run(list(argv))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return Ran(code, out.getvalue(), err.getvalue())


def assert_safe(ran: Ran, *, labels_shown: bool = False) -> None:
    assert ran.code in (0, 1, 2), ran
    for text in (ran.out, ran.err):
        assert "Traceback" not in text, text
        assert "(a bug)" not in text, text  # the crash line: an exception we did not expect
        bad = UNSAFE_OUTPUT.search(text)
        assert bad is None, (repr(bad.group()), text[:2000])
    # A label may be printed only where asked for, and never in an error.
    assert "Zelda" not in ran.err and "Quixote" not in ran.err, ran.err
    if not labels_shown:
        assert "Zelda" not in ran.out and "Quixote" not in ran.out, ran.out


@contextmanager
def written(name: str, content: str | bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        yield path


def through_the_commands(path: Path) -> None:
    """The schedule at ``path`` through plan (table, JSON, with labels) and status."""
    common = ["--schedule", str(path), "--tz", "America/New_York"]
    for fmt in ("table", "json"):
        assert_safe(groundtui("plan", *common, "--date", DAY, "--format", fmt))
    shown = groundtui("plan", *common, "--date", DAY, "--show-labels")
    assert_safe(shown, labels_shown=True)
    event(f"plan exits {shown.code}")  # the statistics show both paths are taken
    for fmt in ("text", "json"):
        assert_safe(groundtui("status", *common, "--now", NOW, "--format", fmt))


def write(path: Path, text: str | bytes) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")


# --------------------------------------------------------------------------- iCalendar

RULES = [
    "FREQ=SECONDLY",
    "FREQ=MINUTELY",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;INTERVAL=-3",
    "FREQ=WEEKLY;COUNT=999999999999999999999",
    "FREQ=HOURLY;COUNT=1000000000",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYSETPOS=-366;BYYEARDAY=-1,1",
    "FREQ=WEEKLY;UNTIL=99991231T000000Z",
    "FREQ=DAILY;UNTIL=19000101",
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11",
    f"FREQ={LABEL.upper().split()[0]}",
    "FREQ=DAILY;COUNT=" + "9" * 400,
]
STARTS = [
    "19700101T000000Z",
    "20261124T090000",
    "20261124T090000Z",
    "00010101T000000",
    "99991231T235959",
    "20261124",
    "2026-11-24T09:00:00",
]


@st.composite
def hostile_event(draw: st.DrawFn) -> list[str]:
    start = draw(st.sampled_from(STARTS))
    zone = draw(st.sampled_from(["", ";TZID=America/New_York", ";TZID=Nowhere/Zelda", ";TZID="]))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{draw(st.integers(0, 3))}",
        f"SUMMARY:{draw(hostile_label())}",
        f"DESCRIPTION:{LABEL} {draw(hostile_piece)}",
        f"DTSTART{zone}:{start}",
    ]
    if draw(st.booleans()):
        lines.append(f"RRULE:{draw(st.sampled_from(RULES))}")
    lines.append(
        draw(
            st.sampled_from(
                [
                    "DURATION:PT50M",
                    "DURATION:P99999999D",
                    "DURATION:-PT1H",
                    "DTEND:20261124T095000",
                    "DTEND:19000101T000000",
                    f"DTEND:{LABEL}",
                ]
            )
        )
    )
    if draw(st.booleans()):
        lines.append(f"RDATE:{','.join(['20261124T120000'] * draw(st.integers(1, 50)))}")
    if draw(st.booleans()):
        lines.append("RECURRENCE-ID:20261124T090000")
    if draw(st.integers(0, 4)) == 0:  # a calendar inside the event
        lines += ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20261124T100000", "END:VEVENT"]
        lines += draw(st.sampled_from([["END:VCALENDAR"], []]))
    lines.append("END:VEVENT")
    return lines


@st.composite
def hostile_calendar(draw: st.DrawFn) -> str:
    events = draw(st.lists(hostile_event(), min_size=1, max_size=4))
    body = [line for event in events for line in event]
    if draw(st.booleans()):  # nested calendars
        body = ["BEGIN:VCALENDAR", *body, "END:VCALENDAR"] * draw(st.integers(1, 3))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:fuzz", *body, "END:VCALENDAR"]
    if draw(st.booleans()):
        lines.insert(3, "X-WR-TIMEZONE:" + draw(st.sampled_from(["Zelda/Nowhere", "UTC", ""])))
    return newline.join(lines) + newline


@HOSTILE
@given(text=hostile_calendar())
def test_hostile_calendars_through_plan_and_status(text: str) -> None:
    with written("cal.ics", text) as path:
        through_the_commands(path)


# --------------------------------------------------------------------------- CSV


@st.composite
def hostile_cell(draw: st.DrawFn) -> str:
    return draw(
        st.one_of(
            hostile_label(),
            hostile_piece,
            st.sampled_from(['"', '""', '"unclosed', 'a"b', "\x00", ",", ";", "\t", "\n"]),
            st.just("x" * 100_000),  # a giant cell
            st.sampled_from(["09:00", "24:00", "25:61", "2026-11-24", "99999999999", "-5"]),
        )
    )


@st.composite
def hostile_csv(draw: st.DrawFn) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(
        st.sampled_from(
            [["date", "start", "end", "client"], ["start", "duration", "label"], ["", "", ""]]
        )
    )
    rows = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 5))):
        base = ["2026-11-24", "09:00", "09:50", LABEL][: len(header)]
        index = draw(st.integers(0, len(base) - 1))
        base[index] = draw(hostile_cell())
        rows.append(delimiter.join(base))
    return draw(st.sampled_from(["\n", "\r\n"])).join(rows)


@HOSTILE
@given(text=hostile_csv())
def test_hostile_csv_through_plan_and_status(text: str) -> None:
    with written("day.csv", text) as path:
        through_the_commands(path)


# --------------------------------------------------------------------------- TOML

NUMBERS = ["1e308", "inf", "-inf", "nan", "1" + "0" * 400, "-0", "0.0000001", "99999999999999999"]


@st.composite
def nested(draw: st.DrawFn, key: str) -> str:
    depth = draw(st.sampled_from([1, 50, 5_000]))
    if draw(st.booleans()):
        return f"{key} = " + "[" * depth + "1" + "]" * depth
    return f"{key} = " + "{a = " * depth + "1" + "}" * depth


@st.composite
def hostile_schedule_toml(draw: st.DrawFn) -> str:
    label = draw(hostile_label()).replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in label
    )
    session = [
        "[[session]]",
        f'start = "{draw(st.sampled_from(["09:00", "24:00", "23:59:59", "9", LABEL]))}"',
        f"minutes = {draw(st.sampled_from([*NUMBERS, '50']))}",
        f'label = "{escaped}"',
    ]
    extra = draw(st.sampled_from(["", draw(nested("junk")), 'heavy = "maybe"', "[[session]]"]))
    return "\n".join([*session, extra]) + "\n"


@HOSTILE
@given(text=hostile_schedule_toml())
def test_hostile_toml_schedules_through_plan_and_status(text: str) -> None:
    with written("schedule.toml", text) as path:
        through_the_commands(path)


@st.composite
def hostile_exercise(draw: st.DrawFn) -> str:
    def string() -> str:
        text = draw(hostile_piece) + "Calm" + draw(hostile_piece)
        return "".join(
            f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c
            for c in text
        )

    kind = draw(st.sampled_from(["breathing", "grounding", "nope"]))
    lines = [f'name = "{string()}"', f'kind = "{kind}"', f'summary = "{string()}"']
    lines.append(f"seconds = {draw(st.sampled_from([*NUMBERS, '60']))}")
    if kind == "breathing":
        lines += ["[pattern]", f"inhale = {draw(st.sampled_from([*NUMBERS, '4']))}", "exhale = 4"]
    else:
        lines += ["[[step]]", f'text = "{string()}"', f"seconds = {draw(st.sampled_from(NUMBERS))}"]
    if draw(st.booleans()):
        lines.insert(0, draw(nested("deep")))
    return "\n".join(lines) + "\n"


@HOSTILE
@given(text=hostile_exercise())
def test_hostile_exercises_through_check_list_and_plan(
    text: str, config_dir: Path, samples: Path
) -> None:
    folder = config_dir / "exercises"
    folder.mkdir(exist_ok=True)
    path = folder / "hostile.toml"
    write(path, text)
    assert_safe(groundtui("exercises", "check", str(path)))
    assert_safe(groundtui("exercises", "list"))
    assert_safe(groundtui("exercises", "list", "--format", "json"))
    schedule = str(samples / "schedule.toml")
    assert_safe(groundtui("plan", "--schedule", schedule, "--date", DAY, "--tz", "UTC"))


@st.composite
def hostile_config(draw: st.DrawFn) -> str | bytes:
    lines = [
        f'labels = "{draw(st.sampled_from(["full", "initials", "hidden", "zelda"]))}"',
        "[feeds]",
        f"refresh_minutes = {draw(st.sampled_from(NUMBERS))}",
    ]
    if draw(st.booleans()):
        lines.append(draw(nested("deep")))
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 3)) == 0:
        return text.encode("utf-8") + b"\xff\xfe not utf-8 \x1b[2J"
    return text


@HOSTILE
@given(text=hostile_config())
def test_a_hostile_config_through_plan_and_status(
    text: str | bytes, config_dir: Path, samples: Path
) -> None:
    write(config_dir / "config.toml", text)
    through_the_commands(samples / "schedule.toml")


# --------------------------------------------------------------------------- any bytes


@HOSTILE
@given(
    data=st.binary(max_size=2_000),
    name=st.sampled_from(["x.ics", "x.csv", "x.toml", "x"]),
)
def test_random_bytes_as_a_schedule(data: bytes, name: str) -> None:
    with written(name, data) as path:
        through_the_commands(path)


@HOSTILE
@given(data=st.binary(max_size=2_000))
def test_random_bytes_as_an_exercise(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "random.toml"
    path.write_bytes(data)
    assert_safe(groundtui("exercises", "check", str(path)))


def test_the_set_is_not_vacuous(tmp_path: Path) -> None:
    """The checks above can fail: a label in plain output and an ESC are both caught."""
    with pytest.raises(AssertionError):
        assert_safe(Ran(0, f"{LABEL}\n", ""))
    with pytest.raises(AssertionError):
        assert_safe(Ran(1, "", "groundtui: error: \x1b[2J\n"))
    assert os.environ.get("GROUNDTUI_CONFIG_DIR")
