"""One hh:mm helper and one duration formatter: how each length reads, and how it rounds."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundtui import fmt

NY = ZoneInfo("America/New_York")


def test_hhmm_and_span_in_a_zone() -> None:
    start = datetime(2026, 11, 24, 14, 5, tzinfo=UTC)
    end = datetime(2026, 11, 24, 14, 55, 30, tzinfo=UTC)
    assert fmt.hhmm(start) == "14:05"
    assert fmt.hhmm(start, NY) == "09:05"
    assert fmt.span(start, end, NY) == "09:05–09:55"


@pytest.mark.parametrize(
    ("seconds", "face", "with_hours"),
    [
        (0, "0:00", "0:00"),
        (0.2, "0:01", "0:01"),  # rounded up: '0:00' only at the very end
        (59.5, "1:00", "1:00"),
        (245, "4:05", "4:05"),
        (600.0000000001, "10:00", "10:00"),  # float noise is not a second
        (3600, "60:00", "1:00:00"),
        (4500.5, "75:01", "1:15:01"),
        (-3, "0:00", "0:00"),
    ],
)
def test_countdown(seconds: float, face: str, with_hours: str) -> None:
    assert fmt.countdown(seconds) == face
    assert fmt.countdown(seconds, hours=True) == with_hours


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (59.4, "59 s"),
        (89, "1 min"),
        (90, "2 min"),
        (600, "10 min"),
        (3600, "1 h"),
        (4200, "1 h 10 min"),
        (-5, "0 s"),
    ],
)
def test_length_to_the_nearest_minute(seconds: float, text: str) -> None:
    assert fmt.length(seconds) == text


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (0.2, "1 min"),
        (1.0, "1 min"),
        (22.5, "23 min"),
        (60, "1 h"),
        (65.0, "1 h 5 min"),
    ],
)
def test_minutes_left_round_up(minutes: float, text: str) -> None:
    assert fmt.minutes_left(minutes * 60) == text


@pytest.mark.parametrize(
    ("minutes", "text"), [(0.2, "<1 min"), (10.6, "11 min"), (0, "0 min"), (90, "90 min")]
)
def test_rough_minutes_for_log_totals(minutes: float, text: str) -> None:
    assert fmt.rough_minutes(minutes * 60) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (45, "45 s"),
        (48.6, "49 s"),
        (110, "1 min 50 s"),
        (120, "2 min"),
        (3600, "1 h"),
        (3725, "1 h 2 min 5 s"),
    ],
)
def test_minutes_seconds_for_short_lengths(seconds: float, text: str) -> None:
    assert fmt.minutes_seconds(seconds) == text


def _whole_minutes(words: str) -> int:
    """'1 h 5 min' -> 65."""
    parts = words.split()
    return sum(
        int(n) * (60 if unit == "h" else 1) for n, unit in zip(parts[::2], parts[1::2], strict=True)
    )


@given(st.floats(min_value=0, max_value=86_400, allow_nan=False))
def test_minutes_left_never_reads_less_than_the_clock_face(seconds: float) -> None:
    """The panel's big '9:37' and its headline's minutes agree: minutes left, rounded up, are
    never fewer than the clock face's whole minutes, nor more than one above them."""
    face = int(fmt.countdown(seconds).split(":")[0])
    left = _whole_minutes(fmt.minutes_left(seconds))
    assert face <= left <= face + 1


@pytest.mark.parametrize(
    ("seconds", "big"),
    [
        (5 * 60, "5"),
        (4 * 60 + 1, "5"),  # rounded up, as "N min left" is
        (61, "2"),
        (60.5, "2"),
        (60, "1:00"),  # the last minute in seconds
        (60.0000000001, "1:00"),  # float noise: as countdown reads it, never a lone "1"
        (60.000001, "2"),  # a real microsecond over: rounded up, as countdown's 1:01
        (59.2, "1:00"),
        (59, "0:59"),
        (0, "0:00"),
        (-5, "0:00"),  # past the end: never negative
        (125 * 60, "125"),
    ],
)
def test_big_minutes_counts_minutes_until_the_last_one(seconds: float, big: str) -> None:
    assert fmt.big_minutes(seconds) == big
