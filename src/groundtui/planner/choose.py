"""Choosing the exercise for a slot: the pool, variety across the day, and the pickers for each
kind of slot (after a heavy session, main, long gap, closing, the 'n' key's alternatives)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from groundtui.config import PlannerSettings
from groundtui.exercises import Exercise
from groundtui.planner.model import (
    LONG_GAP_FREE_SHARE,
    LONG_KINDS,
    SPECIAL_FITS,
    DayPlan,
    Gap,
    LibraryLike,
    Reset,
    Role,
    exercises_of,
)
from groundtui.planner.rules import fit_reset, is_long_gap, walk_back_end
from groundtui.planner.times import _EPS, _earliest, _seconds_between, _shift, _tiebreak, instant


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
    exercises = exercises_of(library)
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
    role: Role,
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

    Step outside when ``outside`` is on and it fits a minute before ``end`` (time to walk
    back: ``walk_back_end``); else (or if step-outside is disabled) an indoor movement reset,
    then any movement, then a non-breathing exercise that fits 'after_heavy', then grounding.
    None if nothing fits: the ordinary main reset follows.
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
        stop = end
        if any(e.kind == "step_outside" for e in tier):
            stop = walk_back_end(end)
            if instant(stop) <= instant(start):
                continue
        reset = _first_fit(sorted(tier, key=key), start, stop, "outside", ctx.settings)
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
    if now is not None and instant(now) > instant(start):
        start = now.astimezone(last_end.tzinfo)
    if instant(start) >= instant(day_end):
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


def _pick_cue_exercise(ctx: _Context, fit: str, seconds: float) -> Exercise | None:
    """The day's short cue for ``fit`` ('before_note', 'changeover'): a favourite first, then
    one that fits in ``seconds`` whole, then the shortest; only breathing or grounding."""
    pool = [e for e in ctx.pool if fit in e.fits and e.kind in ("breathing", "grounding")]
    if not pool:
        return None
    favourites = ctx.favourites
    return min(
        pool,
        key=lambda e: (
            e.id not in favourites,
            e.shortest_seconds > seconds + _EPS,
            e.kind != "breathing",
            abs(e.seconds - seconds),
            e.id,
        ),
    )


NEUTRAL_AVOID = ("client", "patient", "next person")
"""Words an arrival cue before a support session should not say."""


def is_neutral(exercise: Exercise) -> bool:
    """Whether nothing the exercise says names a client ('ready for the next person'), so it
    suits the arrival before supervision, a consultation or a group."""
    texts = [exercise.name, exercise.summary, exercise.intro, exercise.closing]
    texts += [step.text for step in exercise.steps]
    words = " ".join(texts).casefold()
    return not any(word in words for word in NEUTRAL_AVOID)


def _pick_neutral_arrive(ctx: _Context, usual: Exercise | None) -> Exercise | None:
    """The arrival cue before a support session: the usual one if its wording is neutral, else
    a neutral one that fits 'arrive', else a neutral grounding or breathing exercise that fits
    'before_session' and is short; None (no cue) rather than 'ready for the next client'."""
    if usual is not None and is_neutral(usual):
        return usual
    target = ctx.settings.arrive_seconds
    for fits in (("arrive",), ("before_session",)):
        pool = [
            e
            for e in ctx.pool
            if set(fits) & set(e.fits)
            and e.kind in ("grounding", "breathing")
            and is_neutral(e)
            and e.shortest_seconds <= max(target, 60.0) + _EPS
        ]
        if pool:
            return min(pool, key=lambda e: (abs(e.seconds - target), e.id))
    return None


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
    begin = instant(gap.notes_end)
    if start is not None:
        begin = max(begin, instant(start))
    elif plan.now is not None:
        begin = max(begin, instant(plan.now))
    limit = instant(gap.end)
    arrive = gap.arrive
    if arrive is not None and instant(arrive.start) > begin:
        limit = instant(arrive.start)
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
    role: Role = "long" if long else "main"
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
