"""The gap planner: finds the free time between sessions and offers a short reset in each gap.

Pure core: no Textual, no Rich, no clock. Every rule is a small named function below, so the
README (and the tests) can point at it. Same inputs give the same plan: ties are broken by a
hash of the date, never by the wall clock. All arithmetic runs in UTC, so a day with a DST
change still has the right gap lengths; the values handed out are in the plan's zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any, Protocol, TypeVar

from groundtui.config import PlannerSettings
from groundtui.exercises import Exercise
from groundtui.schedule.model import Session, day_bounds, session_order

S = TypeVar("S")
R = TypeVar("R")

UTC = dt.UTC

ROLES: tuple[str, ...] = ("main", "outside", "arrive", "long", "closing", "transition")
OFFERED_ROLES: frozenset[str] = frozenset({"main", "outside", "long"})
"""Roles that count as a planned reset of a gap (the arrival cue is an invitation)."""

ARRIVE_MIN_GAP_MINUTES = 6.0
"""An arrival cue is planned only in gaps at least this long."""
LONG_GAP_FREE_SHARE = 0.5
"""At least this share of a long gap stays free (no reset in it)."""
HEAVY_RUN_LENGTH = 3
"""This many heavy sessions in a row, each without a buffer, give a warning."""
HEAVY_BUFFER_MINUTES = 10.0
"""The break between heavy sessions that counts as a buffer."""

MAIN_FITS: tuple[str, ...] = ("after_session", "after_heavy", "short_gap", "before_session")
SPECIAL_FITS: frozenset[str] = frozenset({"arrive", "end_of_day", "long_gap"})
"""An exercise whose fits are all special is kept for its own slot, not offered as a main reset."""
LONG_KINDS: tuple[str, ...] = ("body_scan", "compassion")
_EPS = 1e-6


class _HasExercises(Protocol):
    @property
    def exercises(self) -> Mapping[str, Exercise]: ...


LibraryLike = _HasExercises | Mapping[str, Exercise]


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Reset:
    """One offered practice at a planned time: the exercise, possibly shrunk to fit."""

    exercise: Exercise
    """The exercise, already ``.scaled()`` to fit its slot."""
    start: datetime
    end: datetime
    role: str
    """'main', 'outside', 'arrive', 'long', 'closing' or 'transition'."""

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def kind(self) -> str:
        return self.exercise.kind

    @property
    def seconds(self) -> float:
        return self.exercise.seconds


@dataclass(frozen=True)
class Gap:
    """A free interval between busy blocks, with the resets planned in it."""

    start: datetime
    end: datetime
    resets: tuple[Reset, ...]
    notes_end: datetime
    """start + the notes buffer (clipped to end): no reset before this."""
    after_heavy: bool
    """The busy block before this gap held a heavy session."""
    back_to_back: bool
    """Shorter than ``back_to_back_minutes``: a transition, no reset."""
    index: int
    """Position among the day's gaps, from 0."""

    @property
    def minutes(self) -> float:
        return _seconds_between(self.start, self.end) / 60

    @property
    def seconds(self) -> float:
        return _seconds_between(self.start, self.end)

    @property
    def offered(self) -> Reset | None:
        """The gap's first planned reset that is not the arrival cue, if any."""
        return next((r for r in self.resets if r.role in OFFERED_ROLES), None)

    @property
    def arrive(self) -> Reset | None:
        """The arrival cue before the next session, if planned."""
        return next((r for r in self.resets if r.role == "arrive"), None)

    @property
    def is_long(self) -> bool:
        return any(r.role == "long" for r in self.resets)


@dataclass(frozen=True)
class DayPlan:
    """One day's sessions, its gaps with their resets, and the closing reflection."""

    date: dt.date
    tz: tzinfo
    sessions: tuple[Session, ...]
    """Sorted by start, then end; times in ``tz``. Labels stay in memory only."""
    gaps: tuple[Gap, ...]
    closing: Reset | None
    heavy: tuple[bool, ...]
    """Effective heaviness per session: explicit, or a heavy keyword in the label."""
    warnings: tuple[str, ...] = ()
    """Plain-language notes about the day's load. Never hold labels."""
    back_to_back_runs: int = 0
    """Runs of consecutive sessions with less than ``back_to_back_minutes`` between them."""
    now: datetime | None = None
    """The time the plan was (re)made for, if any."""
    demo: bool = False
    """The built-in demo day, not the user's schedule."""

    def gap_at(self, when: datetime) -> Gap | None:
        """The gap holding ``when``, if any."""
        w = _u(when)
        return next((g for g in self.gaps if _u(g.start) <= w < _u(g.end)), None)

    def session_index_at(self, when: datetime) -> int | None:
        """Index of the session holding ``when`` (the one ending last, if several overlap)."""
        w = _u(when)
        running = [i for i, s in enumerate(self.sessions) if _u(s.start) <= w < _u(s.end)]
        if not running:
            return None
        return max(running, key=lambda i: _u(self.sessions[i].end))

    def session_at(self, when: datetime) -> Session | None:
        """The session holding ``when`` (the one ending last, if several overlap)."""
        index = self.session_index_at(when)
        return None if index is None else self.sessions[index]

    def next_session_after(self, when: datetime) -> Session | None:
        """The first session starting after ``when``."""
        w = _u(when)
        return next((s for s in self.sessions if _u(s.start) > w), None)

    @property
    def first_start(self) -> datetime | None:
        return self.sessions[0].start if self.sessions else None

    @property
    def last_end(self) -> datetime | None:
        """End of the last busy block (the latest session end)."""
        if not self.sessions:
            return None
        return max(self.sessions, key=lambda s: _u(s.end)).end

    @property
    def resets(self) -> tuple[Reset, ...]:
        """Every planned reset of the day in time order, the closing reflection last."""
        items = [r for g in self.gaps for r in g.resets]
        if self.closing is not None:
            items.append(self.closing)
        return tuple(items)

    @property
    def planned(self) -> tuple[Reset, ...]:
        """The resets that count for 'n of m done': offered gap resets plus the closing."""
        return tuple(r for r in self.resets if r.role in OFFERED_ROLES or r.role == "closing")


@dataclass(frozen=True)
class DayEdits:
    """Changes the user made to today in the app; never written to disk."""

    late: Mapping[datetime, int] = field(default_factory=dict)
    """Session start -> minutes its end moves later (repeats add up)."""
    cancelled: frozenset[datetime] = frozenset()
    """Starts of the sessions that are off today."""
    added: tuple[Session, ...] = ()
    """Extra sessions booked today (they can run late or be cancelled too)."""

    def running_late(self, start: datetime, minutes: int) -> DayEdits:
        late = dict(self.late)
        late[start] = late.get(start, 0) + minutes
        return replace(self, late=late)

    def cancel(self, start: datetime) -> DayEdits:
        return replace(self, cancelled=self.cancelled | {start})

    def add(self, session: Session) -> DayEdits:
        return replace(self, added=(*self.added, session))


# --------------------------------------------------------------------------- time helpers


def _u(t: datetime) -> datetime:
    return t.astimezone(UTC)


def _seconds_between(a: datetime, b: datetime) -> float:
    """Real seconds from a to b (correct across DST changes, unlike same-zone subtraction)."""
    return (_u(b) - _u(a)).total_seconds()


def _shift(t: datetime, seconds: float) -> datetime:
    """``t`` plus real seconds, in t's zone."""
    return (_u(t) + timedelta(seconds=seconds)).astimezone(t.tzinfo)


def _hhmm(t: datetime, tz: tzinfo) -> str:
    return t.astimezone(tz).strftime("%H:%M")


def _tiebreak(day: dt.date, slot: int, exercise_id: str) -> int:
    """A stable pseudo-random number per day, slot and exercise: ties never follow the clock."""
    digest = hashlib.blake2b(f"{day.isoformat()}|{slot}|{exercise_id}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big")


def match_logged(
    slots: Sequence[S],
    records: Iterable[R],
    *,
    in_place: Callable[[S, R], bool],
    exercise_of: Callable[[S], str],
    counted: Callable[[S], bool],
) -> list[tuple[R, S]]:
    """Which open slot each logged record fills, as a restart sees the day (the app and the
    status line both ask). A record takes the slot of the same exercise in its place; failing
    that (another exercise was taken with `n` or the palette), the first counted slot still
    open there. A record that fits nowhere fills nothing."""
    taken: set[int] = set()
    pairs: list[tuple[R, S]] = []

    def fill(record: R, wanted: Callable[[S], bool]) -> bool:
        for slot in slots:
            if id(slot) not in taken and in_place(slot, record) and wanted(slot):
                taken.add(id(slot))
                pairs.append((record, slot))
                return True
        return False

    leftovers = [
        r for r in records if not fill(r, lambda s, r=r: exercise_of(s) == _exercise_of(r))
    ]
    for record in leftovers:
        fill(record, counted)
    return pairs


def _exercise_of(record: object) -> str | None:
    exercise = getattr(record, "exercise", None)
    return None if exercise is None else str(exercise)


def tz_name(tz: tzinfo) -> str:
    """The IANA key of a zone where it has one, else its abbreviation."""
    key = getattr(tz, "key", None)
    if key:
        return str(key)
    return tz.tzname(None) or str(tz)


# --------------------------------------------------------------------------- rules


def is_heavy(session: Session, keywords: Iterable[str]) -> bool:
    """Heavy if marked so, or if a keyword starts a word of the label (case-insensitive).

    'intake' matches 'Intake - M.R.', 'intakes' and 're-intake', but not 'pintake'.
    """
    if session.heavy:
        return True
    if not session.label:
        return False
    text = session.label.casefold()
    for keyword in keywords:
        word = keyword.strip().casefold()
        if word and re.search(r"(?<![^\W\d_])" + re.escape(word), text):
            return True
    return False


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
            between = (_u(session.start) - busy_until).total_seconds()
            tight = between < settings.back_to_back_minutes * 60
            if tight and not in_run:
                runs += 1
            in_run = tight
        end = max(_u(session.end), _u(session.start))
        busy_until = end if busy_until is None else max(busy_until, end)
    return runs


def heavy_run_warnings(sessions: Sequence[Session], heavy: Sequence[bool], tz: tzinfo) -> list[str]:
    """Warn when 3+ heavy sessions follow each other with no 10-minute buffer between them.

    The text names only times, never labels.
    """
    warnings: list[str] = []
    run: list[int] = []
    busy_until: datetime | None = None

    def close_run() -> None:
        if len(run) >= HEAVY_RUN_LENGTH:
            start = _hhmm(sessions[run[0]].start, tz)
            warnings.append(
                f"{len(run)} heavy sessions in a row from {start} "
                f"without a {HEAVY_BUFFER_MINUTES:g}-minute buffer"
            )

    for i, session in enumerate(sessions):
        buffered = (
            busy_until is None
            or (_u(session.start) - busy_until).total_seconds() >= HEAVY_BUFFER_MINUTES * 60
        )
        if not heavy[i] or buffered:
            close_run()
            run = [i] if heavy[i] else []
        else:
            run.append(i)
        end = max(_u(session.end), _u(session.start))
        busy_until = end if busy_until is None else max(busy_until, end)
    close_run()
    return warnings


def fit_reset(exercise: Exercise, start: datetime, end: datetime, role: str) -> Reset | None:
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
    if _u(stop) > _u(end):
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
    if _u(start) < _u(window_start):
        start = window_start
    return fit_reset(exercise, start, gap_end, "arrive")


# --------------------------------------------------------------------------- choosing


@dataclass
class _Variety:
    """What the day has offered so far: for rotation and never-twice-in-a-row."""

    uses: dict[str, int] = field(default_factory=dict)
    last: str | None = None

    def copy(self) -> _Variety:
        return _Variety(dict(self.uses), self.last)

    def record(self, reset: Reset | None) -> None:
        if reset is not None and reset.role in ("main", "long"):
            self.uses[reset.id] = self.uses.get(reset.id, 0) + 1
            self.last = reset.id


@dataclass(frozen=True)
class _Context:
    """Everything the rules need that does not change during one day's planning."""

    day: dt.date
    settings: PlannerSettings
    pool: tuple[Exercise, ...]
    """Usable exercises (not disabled, nothing outdoor when ``outside`` is off), sorted by id."""

    @property
    def favourites(self) -> frozenset[str]:
        return frozenset(self.settings.favourites)


def usable_exercises(library: LibraryLike, settings: PlannerSettings) -> tuple[Exercise, ...]:
    """The exercises the planner may offer: never a disabled one; nothing outdoors when
    ``outside`` is off. Sorted by id, so iteration order never depends on file order."""
    exercises: Mapping[str, Exercise] = getattr(library, "exercises", library)
    disabled = set(settings.disabled)
    result = []
    for key in sorted(exercises):
        ex = exercises[key]
        if ex.id in disabled or key in disabled:
            continue
        if not settings.outside and (ex.kind == "step_outside" or "outside" in ex.fits):
            continue
        result.append(ex)
    return tuple(result)


def main_candidates(pool: Iterable[Exercise], settings: PlannerSettings) -> list[Exercise]:
    """Exercises that may be a gap's main reset: long enough, not step-outside (that has its
    own rule), and not kept for a special slot (arrival, long gap, end of day) only."""
    result = []
    for ex in pool:
        if ex.kind == "step_outside":
            continue
        if ex.fits and set(ex.fits) <= SPECIAL_FITS:
            continue
        if ex.seconds + _EPS < settings.min_reset_seconds:
            continue
        result.append(ex)
    return result


def rank_for_variety(
    candidates: Iterable[Exercise],
    context_fits: Collection[str],
    ctx: _Context,
    slot: int,
    variety: _Variety,
) -> list[Exercise]:
    """Best first: favourites, then a matching fit, then the least used today, then more
    matching fits, then a tie-break seeded by the date. The last offered exercise goes last."""
    fits = set(context_fits)
    favourites = ctx.favourites

    def key(ex: Exercise) -> tuple[Any, ...]:
        matches = len(fits & set(ex.fits))
        return (
            ex.id not in favourites,
            matches == 0,
            variety.uses.get(ex.id, 0),
            -matches,
            _tiebreak(ctx.day, slot, ex.id),
            ex.id,
        )

    ordered = sorted(candidates, key=key)
    return [e for e in ordered if e.id != variety.last] + [
        e for e in ordered if e.id == variety.last
    ]


def _reorder(ordered: list[Exercise], prefer: str | None, avoid: Collection[str]) -> list[Exercise]:
    """Put ``prefer`` first and ``avoid`` just before the end (kept as a last resort)."""
    first = [e for e in ordered if e.id == prefer]
    middle = [e for e in ordered if e.id != prefer and e.id not in avoid]
    late = [e for e in ordered if e.id != prefer and e.id in avoid]
    return first + middle + late


def _first_fit(
    ordered: Iterable[Exercise],
    start: datetime,
    end: datetime,
    role: str,
    settings: PlannerSettings,
) -> Reset | None:
    """The first exercise that fits the slot and lasts at least ``min_reset_seconds``."""
    if _seconds_between(start, end) + _EPS < settings.min_reset_seconds:
        return None
    for ex in ordered:
        reset = fit_reset(ex, start, end, role)
        if reset is not None and reset.seconds + _EPS >= settings.min_reset_seconds:
            return reset
    return None


def heavy_goes_outside_first(
    start: datetime,
    end: datetime,
    ctx: _Context,
    slot: int,
    prefer: str | None = None,
) -> Reset | None:
    """After a heavy session the gap's first reset gets the body moving, before any breathing.

    Step outside when ``outside`` is on; else (or if step-outside is disabled or does not fit)
    an indoor movement reset, then any movement, then a non-breathing exercise that fits
    'after_heavy', then grounding. None if nothing fits: the ordinary main reset follows.
    """
    pool = ctx.pool
    tiers: list[list[Exercise]] = []
    if ctx.settings.outside:
        tiers.append([e for e in pool if e.kind == "step_outside"])
    tiers.append([e for e in pool if e.kind == "movement" and "indoors" in e.fits])
    tiers.append([e for e in pool if e.kind == "movement"])
    tiers.append([e for e in pool if "after_heavy" in e.fits and e.kind != "breathing"])
    tiers.append([e for e in pool if e.kind == "grounding"])
    favourites = ctx.favourites

    def key(ex: Exercise) -> tuple[Any, ...]:
        return (
            ex.id != prefer,
            ex.id not in favourites,
            "after_heavy" not in ex.fits,
            _tiebreak(ctx.day, slot, ex.id),
            ex.id,
        )

    for tier in tiers:
        reset = _first_fit(sorted(tier, key=key), start, end, "outside", ctx.settings)
        if reset is not None:
            return reset
    return None


def main_reset(
    start: datetime,
    end: datetime,
    ctx: _Context,
    slot: int,
    context_fits: Collection[str],
    variety: _Variety,
    prefer: str | None = None,
    avoid: Collection[str] = (),
) -> Reset | None:
    """One reset of up to ``max_reset_minutes``, shrunk to fit; below ``min_reset_seconds``,
    nothing. Prefers matching fits and favourites, rotates, never repeats the last one."""
    stop = _earliest(end, _shift(start, ctx.settings.max_reset_minutes * 60))
    ranked = rank_for_variety(
        main_candidates(ctx.pool, ctx.settings), context_fits, ctx, slot, variety
    )
    return _first_fit(_reorder(ranked, prefer, avoid), start, stop, "main", ctx.settings)


def long_gap_practice(
    start: datetime,
    end: datetime,
    ctx: _Context,
    slot: int,
    variety: _Variety,
    prefer: str | None = None,
    avoid: Collection[str] = (),
) -> Reset | None:
    """A longer practice (body scan or compassion, fit 'long_gap') of up to
    ``long_practice_minutes``; falls back to any body scan or compassion practice."""
    stop = _earliest(end, _shift(start, ctx.settings.long_practice_minutes * 60))
    pool = [
        e
        for e in ctx.pool
        if ("long_gap" in e.fits and e.kind != "step_outside") or e.kind in LONG_KINDS
    ]
    favourites = ctx.favourites

    def key(ex: Exercise) -> tuple[Any, ...]:
        return (
            ex.id not in favourites,
            "long_gap" not in ex.fits,
            ex.kind not in LONG_KINDS,
            variety.uses.get(ex.id, 0),
            _tiebreak(ctx.day, slot, ex.id),
            ex.id,
        )

    ordered = sorted(pool, key=key)
    ordered = [e for e in ordered if e.id != variety.last] + [
        e for e in ordered if e.id == variety.last
    ]
    return _first_fit(_reorder(ordered, prefer, avoid), start, stop, "long", ctx.settings)


def closing_reflection(
    last_end: datetime,
    day_end: datetime,
    ctx: _Context,
    now: datetime | None = None,
) -> Reset | None:
    """After the last session, a closing reflection (fit 'end_of_day', else any reflection) of
    ``closing_minutes``, after the notes buffer; clipped to the day; not before ``now``."""
    settings = ctx.settings
    if not settings.closing:
        return None
    start = _shift(last_end, max(0.0, settings.notes_minutes) * 60)
    if now is not None and _u(now) > _u(start):
        start = now.astimezone(last_end.tzinfo)
    if _u(start) >= _u(day_end):
        return None
    stop = _earliest(day_end, _shift(start, settings.closing_minutes * 60))
    favourites = ctx.favourites
    pool = [e for e in ctx.pool if "end_of_day" in e.fits or e.kind == "reflection"]
    pool.sort(key=lambda e: (e.id not in favourites, "end_of_day" not in e.fits, e.id))
    for ex in pool:
        reset = fit_reset(ex, start, stop, "closing")
        if reset is not None:
            return reset
    return None


def _earliest(a: datetime, b: datetime) -> datetime:
    return a if _u(a) <= _u(b) else b.astimezone(a.tzinfo)


def _pick_arrive_exercise(ctx: _Context) -> Exercise | None:
    """The day's arrival cue: a favourite first, then the one closest to ``arrive_seconds``."""
    pool = [e for e in ctx.pool if "arrive" in e.fits]
    if not pool:
        return None
    favourites = ctx.favourites
    return min(
        pool,
        key=lambda e: (
            e.id not in favourites,
            abs(e.seconds - ctx.settings.arrive_seconds),
            e.id,
        ),
    )


# --------------------------------------------------------------------------- the day


@dataclass(frozen=True)
class _RawGap:
    start: datetime  # UTC
    end: datetime  # UTC
    after_heavy: bool
    index: int

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


def busy_blocks(
    sessions: Sequence[Session], heavy: Sequence[bool]
) -> list[tuple[datetime, datetime, bool]]:
    """Merge overlapping or touching sessions into busy blocks (UTC start, end, any heavy)."""
    order = sorted(range(len(sessions)), key=lambda i: session_order(sessions[i]))
    blocks: list[tuple[datetime, datetime, bool]] = []
    for i in order:
        start = _u(sessions[i].start)
        end = max(_u(sessions[i].end), start)
        if blocks and start <= blocks[-1][1]:
            b_start, b_end, b_heavy = blocks[-1]
            blocks[-1] = (b_start, max(b_end, end), b_heavy or heavy[i])
        else:
            blocks.append((start, end, heavy[i]))
    return blocks


def free_gaps(
    sessions: Sequence[Session], heavy: Sequence[bool], day: dt.date, tz: tzinfo
) -> list[_RawGap]:
    """The free intervals between busy blocks, clipped to the local day; none of zero length."""
    lo, hi = (_u(t) for t in day_bounds(day, tz))
    blocks = busy_blocks(sessions, heavy)
    gaps: list[_RawGap] = []
    for (_, prev_end, prev_heavy), (next_start, _, _) in itertools.pairwise(blocks):
        start, end = max(prev_end, lo), min(next_start, hi)
        if end > start:
            gaps.append(_RawGap(start, end, prev_heavy, len(gaps)))
    return gaps


def _fill_gap(
    raw: _RawGap,
    window_start: datetime,
    ctx: _Context,
    variety: _Variety,
    arrive_ex: Exercise | None,
    prefer: Mapping[str, str] | None = None,
    avoid: Collection[str] = (),
) -> tuple[Reset, ...]:
    """The resets of one gap (UTC times), from ``window_start`` (at or after the notes end)."""
    settings = ctx.settings
    prefer = prefer or {}
    if is_back_to_back(raw.seconds, settings):
        return ()
    notes_end = notes_buffer(raw.start, raw.end, settings)
    resets: list[Reset] = []

    arrive: Reset | None = None
    main_limit = raw.end
    if arrive_ex is not None:
        length = arrival_length(arrive_ex, settings)
        room = (raw.end - notes_end).total_seconds()
        if wants_arrival(raw.seconds, room, length, settings):
            main_limit = raw.end - timedelta(seconds=length)
            arrive = arrival(arrive_ex, window_start, raw.end, settings)

    cursor = window_start
    after_fits = {"after_session", "before_session"} | (
        {"after_heavy"} if raw.after_heavy else set()
    )
    if is_long_gap(raw.seconds, settings):
        budget = raw.seconds * (1 - LONG_GAP_FREE_SHARE)
        if arrive is not None:
            budget -= _seconds_between(arrive.start, arrive.end)
        if raw.after_heavy:
            out_end = _earliest(
                main_limit, cursor + timedelta(seconds=settings.max_reset_minutes * 60)
            )
            outside = heavy_goes_outside_first(
                cursor, out_end, ctx, raw.index, prefer.get("outside")
            )
            if outside is not None:
                resets.append(outside)
                budget -= _seconds_between(outside.start, outside.end)
                cursor = outside.end
        practice_end = _earliest(main_limit, cursor + timedelta(seconds=max(0.0, budget)))
        practice = None
        if _u(practice_end) > _u(cursor):
            practice = long_gap_practice(
                cursor, practice_end, ctx, raw.index, variety, prefer.get("long"), avoid
            )
            if practice is None:
                practice = main_reset(
                    cursor,
                    practice_end,
                    ctx,
                    raw.index,
                    after_fits | {"long_gap"},
                    variety,
                    prefer.get("main"),
                    avoid,
                )
        if practice is not None:
            resets.append(practice)
    else:
        first: Reset | None = None
        if raw.after_heavy:
            out_end = _earliest(
                main_limit, cursor + timedelta(seconds=settings.max_reset_minutes * 60)
            )
            first = heavy_goes_outside_first(cursor, out_end, ctx, raw.index, prefer.get("outside"))
        if first is None:
            first = main_reset(
                cursor,
                main_limit,
                ctx,
                raw.index,
                after_fits | {"short_gap"},
                variety,
                prefer.get("main"),
                avoid,
            )
        if first is not None:
            resets.append(first)
    if arrive is not None:
        resets.append(arrive)
    return tuple(resets)


def _to_zone(reset: Reset, tz: tzinfo) -> Reset:
    return replace(reset, start=reset.start.astimezone(tz), end=reset.end.astimezone(tz))


def plan_day(
    sessions: Sequence[Session],
    library: LibraryLike,
    settings: PlannerSettings,
    day: dt.date,
    tz: tzinfo,
    *,
    now: datetime | None = None,
) -> DayPlan:
    """Plan a day: gaps between merged sessions, a reset in each, a closing reflection.

    With ``now``, gaps that have ended keep their resets, the gap holding ``now`` is re-planned
    so nothing starts before ``now``, and later gaps are unchanged.
    """
    ordered = sorted(sessions, key=session_order)
    local = tuple(
        replace(s, start=s.start.astimezone(tz), end=s.end.astimezone(tz)) for s in ordered
    )
    heavy = tuple(is_heavy(s, settings.heavy_keywords) for s in local)
    ctx = _Context(day, settings, usable_exercises(library, settings))
    arrive_ex = _pick_arrive_exercise(ctx)
    raws = free_gaps(local, heavy, day, tz)

    # The baseline plan, as if planned before the day began.
    variety = _Variety()
    before: list[_Variety] = []
    planned: list[tuple[Reset, ...]] = []
    for raw in raws:
        before.append(variety.copy())
        resets = _fill_gap(
            raw, _u(notes_buffer(raw.start, raw.end, settings)), ctx, variety, arrive_ex
        )
        for reset in resets:
            variety.record(reset)
        planned.append(resets)

    # Re-plan the gap holding ``now``: its resets start no earlier than now.
    if now is not None:
        n = _u(now)
        for i, raw in enumerate(raws):
            notes_end = _u(notes_buffer(raw.start, raw.end, settings))
            if raw.start <= n < raw.end and n > notes_end:
                prefer = {r.role: r.id for r in planned[i]}
                avoid = {
                    r.id
                    for r in (planned[i + 1] if i + 1 < len(planned) else ())
                    if r.role in ("main", "long")
                }
                planned[i] = _fill_gap(raw, n, ctx, before[i].copy(), arrive_ex, prefer, avoid)

    gaps = tuple(
        Gap(
            start=raw.start.astimezone(tz),
            end=raw.end.astimezone(tz),
            resets=tuple(_to_zone(r, tz) for r in resets),
            notes_end=notes_buffer(raw.start, raw.end, settings).astimezone(tz),
            after_heavy=raw.after_heavy,
            back_to_back=is_back_to_back(raw.seconds, settings),
            index=raw.index,
        )
        for raw, resets in zip(raws, planned, strict=True)
    )

    closing: Reset | None = None
    if local:
        _, day_end = day_bounds(day, tz)
        last_end = max(_u(s.end) for s in local)
        closing = closing_reflection(last_end, _u(day_end), ctx, now)
        if closing is not None:
            closing = _to_zone(closing, tz)

    return DayPlan(
        date=day,
        tz=tz,
        sessions=local,
        gaps=gaps,
        closing=closing,
        heavy=heavy,
        warnings=tuple(heavy_run_warnings(local, heavy, tz)),
        back_to_back_runs=count_back_to_back_runs(local, settings),
        now=now.astimezone(tz) if now is not None else None,
    )


def alternatives(
    plan: DayPlan,
    gap: Gap,
    library: LibraryLike,
    settings: PlannerSettings,
    *,
    exclude: Collection[str] = (),
    start: datetime | None = None,
) -> list[Reset]:
    """Other exercises that fit what is left of the gap from ``start`` (default: the later of
    the plan's ``now`` and the notes end), best first, deterministic. For the 'n' key."""
    if gap.back_to_back:
        return []
    begin = _u(gap.notes_end)
    if start is not None:
        begin = max(begin, _u(start))
    elif plan.now is not None:
        begin = max(begin, _u(plan.now))
    limit = _u(gap.end)
    arrive = gap.arrive
    if arrive is not None and _u(arrive.start) > begin:
        limit = _u(arrive.start)
    if limit <= begin:
        return []
    long = is_long_gap(gap.seconds, settings)
    cap = settings.long_practice_minutes if long else settings.max_reset_minutes
    if long:
        used = _seconds_between(arrive.start, arrive.end) if arrive is not None else 0.0
        budget = max(0.0, gap.seconds * (1 - LONG_GAP_FREE_SHARE) - used)
        cap = min(cap, budget / 60)
    stop = min(limit, begin + timedelta(seconds=cap * 60))
    ctx = _Context(plan.date, settings, usable_exercises(library, settings))
    role = "long" if long else "main"
    fits = {"after_session", "before_session", "long_gap" if long else "short_gap"}
    if gap.after_heavy:
        fits.add("after_heavy")
    pool = [e for e in main_candidates(ctx.pool, settings) if e.id not in exclude]
    if long:
        pool += [
            e for e in ctx.pool if "long_gap" in e.fits and e not in pool and e.id not in exclude
        ]
    if gap.after_heavy:
        pool += [e for e in ctx.pool if e.kind == "step_outside" and e.id not in exclude]
    ranked = rank_for_variety(pool, fits, ctx, gap.index, _Variety())
    result: list[Reset] = []
    tz = gap.start.tzinfo or plan.tz
    for ex in ranked:
        reset = fit_reset(ex, begin.astimezone(tz), stop.astimezone(tz), role)
        if reset is not None and reset.seconds + _EPS >= settings.min_reset_seconds:
            result.append(reset)
    return result


def apply_edits(sessions: Sequence[Session], edits: DayEdits) -> list[Session]:
    """Today's sessions after the user's edits: a late session ends later (later sessions stay
    as booked; the overlap merges into one busy block), cancelled ones go, added ones join.
    Sessions are matched by their start time, so an edit survives a re-read of the file."""
    late = {_u(start): minutes for start, minutes in edits.late.items()}
    cancelled = {_u(start) for start in edits.cancelled}
    result: list[Session] = []
    for session in [*sessions, *edits.added]:
        if _u(session.start) in cancelled:
            continue
        minutes = late.get(_u(session.start), 0)
        if minutes:
            session = replace(session, end=_shift(session.end, minutes * 60))
        result.append(session)
    return sorted(result, key=session_order)


# --------------------------------------------------------------------------- output


def _reset_json(reset: Reset, tz: tzinfo) -> dict[str, str]:
    return {
        "exercise": reset.id,
        "kind": reset.kind,
        "start": reset.start.astimezone(tz).isoformat(),
        "end": reset.end.astimezone(tz).isoformat(),
    }


def plan_json(plan: DayPlan, *, show_labels: bool = False) -> dict[str, Any]:
    """The contract's ``groundtui plan --format json`` object; labels only with show_labels."""
    tz = plan.tz
    sessions = []
    for session, heavy in zip(plan.sessions, plan.heavy, strict=True):
        item: dict[str, Any] = {
            "start": session.start.astimezone(tz).isoformat(),
            "end": session.end.astimezone(tz).isoformat(),
            "heavy": heavy,
        }
        if show_labels:
            item["label"] = session.label
        sessions.append(item)
    return {
        "date": plan.date.isoformat(),
        "timezone": tz_name(tz),
        "sessions": sessions,
        "gaps": [
            {
                "start": gap.start.astimezone(tz).isoformat(),
                "end": gap.end.astimezone(tz).isoformat(),
                "minutes": float(gap.minutes),
                "resets": [_reset_json(r, tz) for r in gap.resets if r.role != "transition"],
            }
            for gap in plan.gaps
        ],
        "closing": _reset_json(plan.closing, tz) if plan.closing is not None else None,
    }
