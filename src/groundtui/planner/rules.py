"""The planner's rules, one small named function each, so the README and the tests can point at
them. Pure: no clock, no Textual."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from groundtui.config import PlannerSettings
from groundtui.exercises import Exercise
from groundtui.planner.model import (
    ARRIVE_MIN_GAP_MINUTES,
    BEFORE_NOTE_MAX_SECONDS,
    BEFORE_NOTE_MIN_GAP_MINUTES,
    CHANGEOVER_SECONDS,
    HEAVY_BUFFER_MINUTES,
    HEAVY_RUN_LENGTH,
    WALK_BACK_SECONDS,
    Reset,
    Role,
)
from groundtui.planner.times import _EPS, _hhmm, _seconds_between, _shift, instant
from groundtui.schedule.model import Session, session_order

_WORD = r"[^\W_]"
"""A letter or digit: what a word is made of."""


@functools.lru_cache(maxsize=256)
def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """A whole-word, any-case pattern for a heavy keyword (a plural 's' or 'es' allowed).

    In a hyphenated word the last part is the head: 're-intake' is an intake, but
    'Trauma-informed yoga group' is not trauma work, nor is 'Crisis-free check' a crisis. So a
    keyword joined by a hyphen to the word after it does not match. Spaces in a keyword match
    any run of spaces ('risk assessment')."""
    words = keyword.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    before = rf"(?<!{_WORD})"
    after = rf"(?:e?s)?(?!{_WORD})(?!-{_WORD})"
    return re.compile(before + body + after, re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def code_pattern(code: str) -> re.Pattern[str] | None:
    """A service code as a token: '90791' matches '90791', 'CPT 90791' and '90791-95' (a
    modifier), but not '907910'."""
    code = code.strip()
    if not code:
        return None
    return re.compile(rf"(?<!{_WORD}){re.escape(code)}(?!{_WORD})", re.IGNORECASE)


def names_heavy_work(text: str | None, keywords: Iterable[str], codes: Iterable[str] = ()) -> bool:
    """Whether ``text`` holds a heavy keyword as a whole word or a heavy service code."""
    if not text:
        return False
    for keyword in keywords:
        pattern = keyword_pattern(keyword.strip())
        if pattern is not None and pattern.search(text):
            return True
    for code in codes:
        pattern = code_pattern(code)
        if pattern is not None and pattern.search(text):
            return True
    return False


def is_heavy(session: Session, keywords: Iterable[str], codes: Iterable[str] = ()) -> bool:
    """Heavy as the schedule says (``heavy = true`` or ``false`` always wins); if it does not
    say, heavy when the label or the EHR service text names heavy work: a keyword as a whole
    word (``keyword_pattern``), or one of the service ``codes`` (90791 intake, 90839 crisis).
    """
    if session.heavy is not None:
        return session.heavy
    words = tuple(keywords)
    return names_heavy_work(session.label, words) or names_heavy_work(session.service, words, codes)


def notes_buffer(start: datetime, end: datetime, settings: PlannerSettings) -> datetime:
    """End of the notes buffer: the first ``notes_minutes`` of a gap are for the session note."""
    notes = max(0.0, settings.notes_minutes) * 60
    if _seconds_between(start, end) <= notes:
        return end
    return _shift(start, notes)


def is_back_to_back(seconds: float, settings: PlannerSettings) -> bool:
    """A gap shorter than ``back_to_back_minutes`` is a transition: it holds no reset."""
    return seconds < settings.back_to_back_minutes * 60


def is_long_gap(seconds: float, settings: PlannerSettings) -> bool:
    """A gap of at least ``long_gap_minutes`` gets a longer practice plus free time."""
    return seconds >= settings.long_gap_minutes * 60


def count_back_to_back_runs(sessions: Sequence[Session], settings: PlannerSettings) -> int:
    """Runs of consecutive sessions with under ``back_to_back_minutes`` between them, once each.

    Overlapping and touching sessions count as back to back.
    """
    ordered = sorted(sessions, key=session_order)
    runs = 0
    in_run = False
    busy_until: datetime | None = None
    for session in ordered:
        if busy_until is not None:
            between = (instant(session.start) - busy_until).total_seconds()
            tight = between < settings.back_to_back_minutes * 60
            if tight and not in_run:
                runs += 1
            in_run = tight
        end = max(instant(session.end), instant(session.start))
        busy_until = end if busy_until is None else max(busy_until, end)
    return runs


def heavy_run_warnings(sessions: Sequence[Session], heavy: Sequence[bool], tz: tzinfo) -> list[str]:
    """Warn when heavy sessions follow each other with no 10-minute buffer between them.

    The text names only times, never labels.
    """
    warnings: list[str] = []
    run: list[int] = []
    busy_until: datetime | None = None
    buffer = f"{HEAVY_BUFFER_MINUTES:g}-minute buffer"

    def close_run() -> None:
        if len(run) < HEAVY_RUN_LENGTH:
            return
        start = _hhmm(sessions[run[0]].start, tz)
        if len(run) == 2:
            second = _hhmm(sessions[run[1]].start, tz)
            warnings.append(f"Heavy sessions at {start} and {second} without a {buffer} between")
        else:
            warnings.append(f"{len(run)} heavy sessions in a row from {start} without a {buffer}")

    for i, session in enumerate(sessions):
        buffered = (
            busy_until is None
            or (instant(session.start) - busy_until).total_seconds() >= HEAVY_BUFFER_MINUTES * 60
        )
        if not heavy[i] or buffered:
            close_run()
            run = [i] if heavy[i] else []
        else:
            run.append(i)
        end = max(instant(session.end), instant(session.start))
        busy_until = end if busy_until is None else max(busy_until, end)
    close_run()
    return warnings


def fit_reset(exercise: Exercise, start: datetime, end: datetime, role: Role) -> Reset | None:
    """The exercise shrunk with ``.scaled()`` to fit ``[start, end)``; None if it cannot.

    It cannot when the slot is shorter than the exercise's shortest version (``min_seconds``,
    or its full length if that is shorter), or when one breathing cycle is already too long.
    """
    available = _seconds_between(start, end)
    if exercise.seconds <= 0 or available <= 0:
        return None
    shortest = exercise.shortest_seconds
    if available + _EPS < shortest:
        return None
    scaled = exercise.scaled(available)
    if scaled.seconds > available + _EPS or scaled.seconds <= 0:
        return None
    stop = _shift(start, scaled.seconds)
    if instant(stop) > instant(end):
        stop = end.astimezone(start.tzinfo)
    return Reset(scaled, start, stop, role)


def arrival_length(exercise: Exercise, settings: PlannerSettings) -> float:
    """Seconds of the arrival cue: ``arrive_seconds``, within what the exercise allows."""
    shortest = exercise.shortest_seconds
    return min(exercise.seconds, max(settings.arrive_seconds, shortest))


def wants_arrival(
    gap_seconds: float, room_after_notes: float, length: float, settings: PlannerSettings
) -> bool:
    """An arrival cue goes in a gap of 6+ minutes that, after the notes buffer, still has room
    for the shortest reset and the cue."""
    return (
        gap_seconds >= ARRIVE_MIN_GAP_MINUTES * 60
        and room_after_notes + _EPS >= settings.min_reset_seconds + length
    )


def arrival(
    exercise: Exercise, window_start: datetime, gap_end: datetime, settings: PlannerSettings
) -> Reset | None:
    """The arrival cue ends when the next session starts; it shrinks if ``now`` is late."""
    length = arrival_length(exercise, settings)
    start = _shift(gap_end, -length)
    if instant(start) < instant(window_start):
        start = window_start
    return fit_reset(exercise, start, gap_end, "arrive")


def wants_before_note(gap_seconds: float) -> bool:
    """A gap of 5+ minutes opens with a few slow breaths, before the note is written."""
    return gap_seconds + _EPS >= BEFORE_NOTE_MIN_GAP_MINUTES * 60


def breaths_before_note(exercise: Exercise, gap_start: datetime, gap_end: datetime) -> Reset | None:
    """The breaths before the note: at the session's end, at most 60 s (fewer breaths if the
    exercise is longer)."""
    stop = _shift(gap_start, min(BEFORE_NOTE_MAX_SECONDS, exercise.seconds))
    if instant(stop) > instant(gap_end):
        stop = gap_end
    return fit_reset(exercise, gap_start, stop, "before_note")


def changeover_times(sessions: Sequence[Session], lo: datetime, hi: datetime) -> list[datetime]:
    """The moments where one session ends exactly as the next begins, no session running
    across it, within ``[lo, hi)``: the changeovers that have no gap to hold a reset."""
    ends = {instant(s.end) for s in sessions if instant(s.end) > instant(s.start)}
    starts = {instant(s.start) for s in sessions if instant(s.end) > instant(s.start)}
    found = []
    for t in sorted(ends & starts):
        if not instant(lo) <= t < instant(hi):
            continue
        if any(instant(s.start) < t < instant(s.end) for s in sessions):
            continue  # an overlapping session runs on: no changeover here
        found.append(t)
    return found


def changeover_cue(exercise: Exercise, at: datetime) -> Reset | None:
    """The changeover cue: three breaths from the moment one session gives way to the next."""
    return fit_reset(exercise, at, _shift(at, CHANGEOVER_SECONDS), "changeover")


def walk_back_end(end: datetime) -> datetime:
    """Stepping outside ends a minute before ``end`` (the arrival cue, the next session or the
    next reset), so there is time to walk back."""
    return _shift(end, -WALK_BACK_SECONDS)
