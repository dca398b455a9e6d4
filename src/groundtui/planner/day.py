"""Planning one day: busy blocks, the free gaps between them, the resets in each gap."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from groundtui.config import PlannerSettings
from groundtui.exercises import Exercise
from groundtui.planner.choose import (
    _Context,
    _pick_arrive_exercise,
    _Variety,
    closing_reflection,
    heavy_goes_outside_first,
    long_gap_practice,
    main_reset,
    usable_exercises,
)
from groundtui.planner.model import (
    LONG_GAP_FREE_SHARE,
    DayPlan,
    Gap,
    LibraryLike,
    Reset,
    Role,
)
from groundtui.planner.rules import (
    arrival,
    arrival_length,
    count_back_to_back_runs,
    heavy_run_warnings,
    is_back_to_back,
    is_heavy,
    is_long_gap,
    notes_buffer,
    wants_arrival,
)
from groundtui.planner.times import _earliest, _seconds_between, _u
from groundtui.schedule.model import Session, day_bounds, session_order


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
    prefer: Mapping[Role, str] | None = None,
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
