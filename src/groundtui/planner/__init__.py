"""The gap planner: finds the free time between sessions and offers a short reset in each gap.

Pure core: no Textual, no Rich, no clock. Every rule is a small named function (``rules``), so
the README (and the tests) can point at it. Same inputs give the same plan: ties are broken by a
hash of the date, never by the wall clock. All arithmetic runs in UTC (``times``), so a day with
a DST change still has the right gap lengths; the values handed out are in the plan's zone.

    model    Reset, Gap, DayPlan and the planner's constants
    rules    one named function per rule (heavy, notes buffer, back to back, fit, arrival, ...)
    choose   the exercise for a slot: pool, variety, pickers, the 'n' key's alternatives
    day      plan_day: busy blocks, gaps, resets
    export   plan_json (the contract's ``plan --format json``)
"""

from __future__ import annotations

from groundtui.planner.choose import (
    alternatives,
    closing_reflection,
    heavy_goes_outside_first,
    long_gap_practice,
    main_candidates,
    main_reset,
    rank_for_variety,
    usable_exercises,
)
from groundtui.planner.day import busy_blocks, free_gaps, plan_day
from groundtui.planner.export import plan_json, tz_name
from groundtui.planner.model import (
    ARRIVE_MIN_GAP_MINUTES,
    HEAVY_BUFFER_MINUTES,
    HEAVY_RUN_LENGTH,
    LONG_GAP_FREE_SHARE,
    LONG_KINDS,
    MAIN_FITS,
    OFFERED_ROLES,
    ROLES,
    SPECIAL_FITS,
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
    fit_reset,
    heavy_run_warnings,
    is_back_to_back,
    is_heavy,
    is_long_gap,
    notes_buffer,
    wants_arrival,
)

__all__ = [
    "ARRIVE_MIN_GAP_MINUTES",
    "HEAVY_BUFFER_MINUTES",
    "HEAVY_RUN_LENGTH",
    "LONG_GAP_FREE_SHARE",
    "LONG_KINDS",
    "MAIN_FITS",
    "OFFERED_ROLES",
    "ROLES",
    "SPECIAL_FITS",
    "DayPlan",
    "Gap",
    "LibraryLike",
    "Reset",
    "Role",
    "alternatives",
    "arrival",
    "arrival_length",
    "busy_blocks",
    "closing_reflection",
    "count_back_to_back_runs",
    "fit_reset",
    "free_gaps",
    "heavy_goes_outside_first",
    "heavy_run_warnings",
    "is_back_to_back",
    "is_heavy",
    "is_long_gap",
    "long_gap_practice",
    "main_candidates",
    "main_reset",
    "notes_buffer",
    "plan_day",
    "plan_json",
    "rank_for_variety",
    "tz_name",
    "usable_exercises",
    "wants_arrival",
]
