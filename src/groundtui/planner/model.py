"""The planner's values: a Reset in a Gap of a DayPlan (the user's edits to a day live in
``day/edits.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal, Protocol, get_args

from groundtui.exercises import Exercise
from groundtui.planner.times import _seconds_between, instant
from groundtui.schedule.model import Session

Role = Literal[
    "before_note", "main", "outside", "arrive", "long", "closing", "changeover", "transition"
]
"""What a reset is for: a few slow breaths at a session's end before the note is written, a
gap's main reset, stepping outside after a heavy session, the arrival cue before the next
session, a long gap's longer practice, the day's closing, the cue where one session ends as the
next begins (in ``DayPlan.changeovers``, never in a gap), a transition."""
ROLES: tuple[Role, ...] = get_args(Role)
OFFERED_ROLES: frozenset[Role] = frozenset({"main", "outside", "long"})
"""Roles that count as a planned reset of a gap (the arrival cue is an invitation)."""

ARRIVE_MIN_GAP_MINUTES = 6.0
"""An arrival cue is planned only in gaps at least this long."""
BEFORE_NOTE_MIN_GAP_MINUTES = 5.0
"""A gap at least this long opens with the breaths before the note."""
BEFORE_NOTE_MAX_SECONDS = 60.0
"""The breaths before the note last at most this long: a few slow breaths, not a practice."""
CHANGEOVER_SECONDS = 20.0
"""The cue where one session ends exactly as the next begins: three breaths, about 20 s."""
WALK_BACK_SECONDS = 60.0
"""Stepping outside ends at least this long before the next planned thing (the arrival cue or
the session), so there is time to walk back."""
LONG_GAP_FREE_SHARE = 0.5
"""At least this share of a long gap stays free (no reset in it)."""
HEAVY_RUN_LENGTH = 2
"""This many heavy sessions in a row, each without a buffer, give a warning."""
HEAVY_BUFFER_MINUTES = 10.0
"""The break between heavy sessions that counts as a buffer."""

MAIN_FITS: tuple[str, ...] = ("after_session", "after_heavy", "short_gap", "before_session")
SPECIAL_FITS: frozenset[str] = frozenset(
    {"arrive", "end_of_day", "long_gap", "before_note", "changeover"}
)
"""An exercise whose fits are all special is kept for its own slot, not offered as a main reset."""
LONG_KINDS: tuple[str, ...] = ("body_scan", "compassion")


class _HasExercises(Protocol):
    @property
    def exercises(self) -> Mapping[str, Exercise]: ...


LibraryLike = _HasExercises | Mapping[str, Exercise]
"""A ``Library`` (with ``.exercises``) or a plain mapping of exercises by id."""


def exercises_of(library: LibraryLike) -> Mapping[str, Exercise]:
    """The exercises by id, whichever form the library comes in."""
    if isinstance(library, Mapping):
        return library
    return library.exercises


@dataclass(frozen=True)
class Reset:
    """One offered practice at a planned time: the exercise, possibly shrunk to fit."""

    exercise: Exercise
    """The exercise, already ``.scaled()`` to fit its slot."""
    start: datetime
    end: datetime
    role: Role

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
    """``notes_start`` + the notes buffer (clipped to end): no reset but the breaths before the
    note starts before this."""
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
    def before_note(self) -> Reset | None:
        """The few slow breaths at the session's end, before the note, if planned."""
        return next((r for r in self.resets if r.role == "before_note"), None)

    @property
    def notes_start(self) -> datetime:
        """Where the notes time begins: after the breaths before the note, if planned."""
        before = self.before_note
        return before.end if before is not None and before.start == self.start else self.start

    @property
    def arrive(self) -> Reset | None:
        """The arrival cue before the next session, if planned."""
        return next((r for r in self.resets if r.role == "arrive"), None)

    @property
    def is_long(self) -> bool:
        return any(r.role == "long" for r in self.resets)


@dataclass(frozen=True)
class Changeover:
    """Where one session ends exactly as the next begins: a short cue, no gap to hold it."""

    at: datetime
    """The moment one session ends and the next begins."""
    reset: Reset
    """The cue (role ``changeover``), from ``at``: three breaths, within ``seconds``."""
    seconds: float = CHANGEOVER_SECONDS
    """The time the cue is given (the contract's ``seconds``)."""

    @property
    def exercise(self) -> Exercise:
        return self.reset.exercise


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
    changeovers: tuple[Changeover, ...] = ()
    """A cue at each moment one session ends exactly as the next begins, in time order."""
    support: tuple[bool, ...] = ()
    """Per session: a support session (supervision, consultation, peer group), not a client's.
    Empty in a plan made before this existed: read it with ``is_support_at``."""

    def is_support_at(self, index: int) -> bool:
        """Whether session ``index`` is a support session."""
        return index < len(self.support) and self.support[index]

    def changeover_at(self, when: datetime) -> Changeover | None:
        """The changeover whose cue holds ``when``, if any."""
        w = instant(when)
        return next(
            (
                c
                for c in self.changeovers
                if instant(c.at) <= w < instant(c.at) + dt.timedelta(seconds=c.seconds)
            ),
            None,
        )

    def gap_at(self, when: datetime) -> Gap | None:
        """The gap holding ``when``, if any."""
        w = instant(when)
        return next((g for g in self.gaps if instant(g.start) <= w < instant(g.end)), None)

    def session_index_at(self, when: datetime) -> int | None:
        """Index of the session holding ``when`` (the one ending last, if several overlap)."""
        w = instant(when)
        running = [i for i, s in enumerate(self.sessions) if instant(s.start) <= w < instant(s.end)]
        if not running:
            return None
        return max(running, key=lambda i: instant(self.sessions[i].end))

    def session_at(self, when: datetime) -> Session | None:
        """The session holding ``when`` (the one ending last, if several overlap)."""
        index = self.session_index_at(when)
        return None if index is None else self.sessions[index]

    def next_session_after(self, when: datetime) -> Session | None:
        """The first session starting after ``when``."""
        w = instant(when)
        return next((s for s in self.sessions if instant(s.start) > w), None)

    @property
    def first_start(self) -> datetime | None:
        return self.sessions[0].start if self.sessions else None

    @property
    def last_end(self) -> datetime | None:
        """End of the last busy block (the latest session end)."""
        if not self.sessions:
            return None
        return max(self.sessions, key=lambda s: instant(s.end)).end

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
