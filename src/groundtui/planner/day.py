"""Planning one day: busy blocks, the free gaps between them, the resets in each gap, and the
day's sessions after the user's edits."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from groundtui.config import PlannerSettings
from groundtui.exercises import Exercise
from groundtui.planner.caseload import day_share_warning, is_support
from groundtui.planner.choose import (
    _Context,
    _pick_arrive_exercise,
    _pick_cue_exercise,
    _pick_neutral_arrive,
    _Variety,
    closing_reflection,
    heavy_goes_outside_first,
    long_gap_practice,
    main_reset,
    usable_exercises,
)
from groundtui.planner.model import (
    BEFORE_NOTE_MAX_SECONDS,
    CHANGEOVER_SECONDS,
    LONG_GAP_FREE_SHARE,
    WALK_BACK_SECONDS,
    Changeover,
    DayPlan,
    Gap,
    LibraryLike,
    Reset,
    Role,
)
from groundtui.planner.rules import (
    arrival,
    arrival_length,
    breaths_before_note,
    changeover_cue,
    changeover_times,
    count_back_to_back_runs,
    heavy_run_warnings,
    is_back_to_back,
    is_heavy,
    is_long_gap,
    notes_buffer,
    wants_arrival,
    wants_before_note,
)
from groundtui.planner.times import _earliest, _seconds_between, instant
from groundtui.schedule.model import Session, day_bounds, session_order


@dataclass(frozen=True)
class _RawGap:
    start: datetime  # UTC
    end: datetime  # UTC
    after_heavy: bool
    index: int
    before_support: bool = False
    """Every session starting as the gap ends is a support session (supervision, a group)."""

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
        start = instant(sessions[i].start)
        end = max(instant(sessions[i].end), start)
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
    lo, hi = (instant(t) for t in day_bounds(day, tz))
    blocks = busy_blocks(sessions, heavy)
    gaps: list[_RawGap] = []
    for (_, prev_end, prev_heavy), (next_start, _, _) in itertools.pairwise(blocks):
        start, end = max(prev_end, lo), min(next_start, hi)
        if end > start:
            gaps.append(_RawGap(start, end, prev_heavy, len(gaps)))
    return gaps


def _opening(
    raw: _RawGap, ctx: _Context, before_ex: Exercise | None
) -> tuple[Reset | None, datetime]:
    """A gap's opening: the breaths before the note (gaps of 5+ minutes) at the session's end,
    then the notes time. Returns the breaths (or None) and the end of the notes time (UTC)."""
    before = None
    if before_ex is not None and wants_before_note(raw.seconds):
        before = breaths_before_note(before_ex, raw.start, raw.end)
    notes_from = before.end if before is not None else raw.start
    return before, notes_buffer(notes_from, raw.end, ctx.settings)


def _fill_gap(
    raw: _RawGap,
    before: Reset | None,
    notes_end: datetime,
    window_start: datetime,
    ctx: _Context,
    variety: _Variety,
    arrive_ex: Exercise | None,
    prefer: Mapping[Role, str] | None = None,
    avoid: Collection[str] = (),
) -> tuple[Reset, ...]:
    """The resets of one gap (UTC times), none starting before ``window_start`` (the gap's
    start, or now): the breaths before the note (``before``, if still ahead), then after the
    notes time the gap's reset(s), then the arrival cue."""
    settings = ctx.settings
    prefer = prefer or {}
    if is_back_to_back(raw.seconds, settings):
        return ()
    resets: list[Reset] = []
    if before is not None and instant(before.start) >= instant(window_start):
        resets.append(before)
    window_start = max(instant(window_start), instant(notes_end))

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
        for cue in (arrive, before):
            if cue is not None:
                budget -= _seconds_between(cue.start, cue.end)
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
                if outside.kind == "step_outside":  # the walk back, before the practice
                    cursor = _earliest(main_limit, cursor + timedelta(seconds=WALK_BACK_SECONDS))
        practice_end = _earliest(main_limit, cursor + timedelta(seconds=max(0.0, budget)))
        practice = None
        if instant(practice_end) > instant(cursor):
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
    heavy = tuple(is_heavy(s, settings.heavy_keywords, settings.heavy_codes) for s in local)
    support = tuple(is_support(s, settings.support_keywords) for s in local)
    ctx = _Context(day, settings, usable_exercises(library, settings))
    arrive_ex = _pick_arrive_exercise(ctx)
    neutral_arrive_ex = _pick_neutral_arrive(ctx, arrive_ex)
    before_ex = _pick_cue_exercise(ctx, "before_note", BEFORE_NOTE_MAX_SECONDS)
    raws = [
        replace(raw, before_support=_support_starts(local, support, raw.end))
        for raw in free_gaps(local, heavy, day, tz)
    ]
    openings = [_opening(raw, ctx, before_ex) for raw in raws]

    def arrive_for(raw: _RawGap) -> Exercise | None:
        return neutral_arrive_ex if raw.before_support else arrive_ex

    # The baseline plan, as if planned before the day began.
    variety = _Variety()
    before: list[_Variety] = []
    planned: list[tuple[Reset, ...]] = []
    for raw, (cue, notes_end) in zip(raws, openings, strict=True):
        before.append(variety.copy())
        resets = _fill_gap(raw, cue, notes_end, raw.start, ctx, variety, arrive_for(raw))
        for reset in resets:
            variety.record(reset)
        planned.append(resets)

    # Re-plan the gap holding ``now``: its resets start no earlier than now.
    if now is not None:
        n = instant(now)
        for i, raw in enumerate(raws):
            cue, notes_end = openings[i]
            if not raw.start < n < raw.end:
                continue
            if n <= instant(notes_end):  # in the notes time: only the breaths may be behind us
                planned[i] = tuple(r for r in planned[i] if instant(r.start) >= n)
                continue
            prefer = {r.role: r.id for r in planned[i]}
            avoid = {
                r.id
                for r in (planned[i + 1] if i + 1 < len(planned) else ())
                if r.role in ("main", "long")
            }
            planned[i] = _fill_gap(
                raw, cue, notes_end, n, ctx, before[i].copy(), arrive_for(raw), prefer, avoid
            )

    gaps = tuple(
        Gap(
            start=raw.start.astimezone(tz),
            end=raw.end.astimezone(tz),
            resets=tuple(_to_zone(r, tz) for r in resets),
            notes_end=notes_end.astimezone(tz),
            after_heavy=raw.after_heavy,
            back_to_back=is_back_to_back(raw.seconds, settings),
            index=raw.index,
        )
        for raw, resets, (_, notes_end) in zip(raws, planned, openings, strict=True)
    )

    closing: Reset | None = None
    if local:
        _, day_end = day_bounds(day, tz)
        last_end = max(instant(s.end) for s in local)
        closing = closing_reflection(last_end, instant(day_end), ctx, now)
        if closing is not None:
            closing = _to_zone(closing, tz)

    return DayPlan(
        date=day,
        tz=tz,
        sessions=local,
        gaps=gaps,
        closing=closing,
        heavy=heavy,
        warnings=tuple(day_warnings(local, heavy, support, settings, tz)),
        back_to_back_runs=count_back_to_back_runs(local, settings),
        now=now.astimezone(tz) if now is not None else None,
        changeovers=_changeovers(local, day, tz, ctx),
        support=support,
    )


def _support_starts(sessions: Sequence[Session], support: Sequence[bool], when: datetime) -> bool:
    """Whether every session starting at ``when`` is a support session (and there is one)."""
    starting = [support[i] for i, s in enumerate(sessions) if instant(s.start) == instant(when)]
    return bool(starting) and all(starting)


def _changeovers(
    sessions: Sequence[Session], day: dt.date, tz: tzinfo, ctx: _Context
) -> tuple[Changeover, ...]:
    """A short cue wherever one session ends exactly as the next begins (``changeover_times``)."""
    exercise = _pick_cue_exercise(ctx, "changeover", CHANGEOVER_SECONDS)
    if exercise is None:
        return ()
    lo, hi = day_bounds(day, tz)
    result = []
    for at in changeover_times(sessions, lo, hi):
        cue = changeover_cue(exercise, at)
        if cue is not None:
            result.append(Changeover(at.astimezone(tz), _to_zone(cue, tz), CHANGEOVER_SECONDS))
    return tuple(result)


def day_warnings(
    sessions: Sequence[Session],
    heavy: Sequence[bool],
    support: Sequence[bool],
    settings: PlannerSettings,
    tz: tzinfo,
) -> list[str]:
    """The plan's gentle warnings: heavy sessions without a buffer between them, and a day's
    heavy share of client sessions above ``heavy_share_limit`` (support sessions left out)."""
    client = [not s for s in support]
    warnings = heavy_run_warnings(
        sessions, [h and c for h, c in zip(heavy, client, strict=True)], tz
    )
    share = day_share_warning(
        sessions, heavy, settings.support_keywords, settings.heavy_share_limit
    )
    if share is not None:
        warnings.append(share)
    return warnings
