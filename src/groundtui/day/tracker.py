"""The day as it happens: which reset is offered, and what gets logged as the clock moves.

Pure core (no Textual). ``DaySession`` calls ``tick(now)`` on the app's timer and the action
methods on key presses; every outcome goes to the log sink at the moment it happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from groundtui.config import PlannerSettings
from groundtui.day.history import Logged, logged_status, match_items
from groundtui.day.offers import (
    COUNTED_ROLES,
    Event,
    GapStarted,
    Item,
    ItemStatus,
    Missed,
    build_items,
)
from groundtui.day.position import Position, position
from groundtui.exercises import Exercise
from groundtui.log.records import Outcome, ResetEntry
from groundtui.planner import DayPlan, Gap, LibraryLike, Reset, alternatives
from groundtui.planner.model import WALK_BACK_SECONDS, exercises_of

if TYPE_CHECKING:
    from groundtui.log.queue import LogSink

SNOOZE = timedelta(minutes=2)
NOT_A_BREAK = timedelta(hours=4)
"""A 'gap' longer than this (overnight, after a session that ran past midnight) is not a
break between sessions: its offers are not logged missed when they pass."""


def walk_back_seconds(exercise: Exercise) -> float:
    """The minute stepping outside leaves before what comes next, to walk back (0 otherwise)."""
    return WALK_BACK_SECONDS if exercise.kind == "step_outside" else 0.0


def _slot(item: Item) -> str | None:
    """The offer's place in its gap for the log ('main:1'): two windows never log it twice.
    None for an exercise the user picked on top of the plan."""
    _, role, ordinal = item.key
    return None if role == "adhoc" else f"{role}:{ordinal}"


class DayTracker:
    """Offers, starts, skips and logs the day's resets as the clock moves."""

    def __init__(
        self,
        plan: DayPlan,
        log: LogSink,
        *,
        opened_at: datetime,
        library: LibraryLike | None = None,
        settings: PlannerSettings | None = None,
        history: Iterable[Logged] = (),
    ) -> None:
        self.plan = plan
        self.log = log
        self.library = library
        self.settings = settings or PlannerSettings()
        self.opened_at = opened_at
        """Gaps that ended before this are not logged: the app was not there to see them."""
        self.items = build_items(plan)
        self._signalled: set[datetime] = set()
        self._day_done = False
        self.mark_history(history)
        # Anything already under way when the app opens has been "seen": no bell for it.
        here = position(plan, opened_at)
        if here.gap is not None:
            self._signalled.add(here.gap.end)
        if here.state == "after":
            self._signalled.update(i.key[0] for i in self.items if i.role == "closing")
            self._day_done = True

    # ------------------------------------------------------------------ reading

    def mark_history(self, history: Iterable[Logged]) -> None:
        """Offers already in the log (an earlier run today) are not made again.

        A record takes the offer of the same exercise in its gap; failing that (the user took
        another exercise with `n` or the palette) the gap's first untouched offer of a counted
        kind, so a restart never offers that slot again nor logs it missed.
        """
        exercises = exercises_of(self.library) if self.library is not None else {}
        for record, item in match_items(self.items, history):
            item.status = logged_status(record)
            # Show the exercise that was logged, not the one first planned for the slot.
            logged = exercises.get(record.exercise)
            if logged is not None and logged.id != item.reset.id:
                item.reset = replace(item.reset, exercise=logged)

    def position(self, now: datetime) -> Position:
        return position(self.plan, now)

    def items_in(self, gap: Gap | None) -> list[Item]:
        if gap is None:
            return [i for i in self.items if i.gap is None and i.role == "closing"]
        return [i for i in self.items if i.gap is not None and i.gap.end == gap.end]

    def running(self) -> Item | None:
        return next((i for i in self.items if i.status == "running"), None)

    def offer(self, now: datetime) -> Item | None:
        """The reset to offer now: the arrival cue once its time has come, else the first
        untouched reset of the gap (or the closing reflection after the last session)."""
        open_items = [
            i for i in self.items if not i.handled and i.window_start <= now < i.window_end
        ]
        arriving = [i for i in open_items if i.role == "arrive"]
        for item in arriving + [i for i in open_items if i.role != "arrive"]:
            if item.snoozed_until is not None and now < item.snoozed_until:
                return None
            if self.available_seconds(item, now) < self._min_seconds(item):
                continue
            return item
        return None

    def upcoming(self, now: datetime) -> Item | None:
        """The next offer still ahead (for 'in session · then box breathing')."""
        return next((i for i in self.items if not i.handled and i.window_start >= now), None)

    def snoozed(self, now: datetime) -> Item | None:
        """The offer that is snoozed right now, if any."""
        return next(
            (
                i
                for i in self.items
                if not i.handled
                and i.snoozed_until is not None
                and i.window_start <= now < i.snoozed_until
                and now < i.window_end
            ),
            None,
        )

    def available_seconds(self, item: Item, now: datetime) -> float:
        """Time the reset may take if started now: up to the arrival cue when that leaves
        enough room, else to the end of its window; stepping outside leaves a minute before
        either to walk back (``WALK_BACK_SECONDS``), however late it starts."""
        end = item.window_end
        walk = walk_back_seconds(item.reset.exercise)
        if item.role != "arrive" and item.gap is not None:
            cue = next(
                (i for i in self.items_in(item.gap) if i.role == "arrive" and not i.handled), None
            )
            if cue is not None and (
                (cue.reset.start - now).total_seconds() >= self._min_seconds(item) + walk
            ):
                end = cue.reset.start
        return max(0.0, (end - max(now, item.window_start)).total_seconds() - walk)

    def _min_seconds(self, item: Item) -> float:
        return item.reset.exercise.shortest_seconds

    def fitted(self, item: Item, now: datetime) -> Exercise:
        """The exercise of ``item``, shrunk to what is left of its window."""
        exercise = item.reset.exercise
        return exercise.scaled(self.available_seconds(item, now))

    # ------------------------------------------------------------------ actions

    def start(self, item: Item, now: datetime, before: int | None = None) -> Exercise:
        """Begin ``item`` now: logged at once (so a crash leaves a record)."""
        exercise = self.fitted(item, now)
        start, end = item.gap_bounds
        item.status = "running"
        item.started_at = now
        item.before = before
        item.handle = self.log.begin(
            ResetEntry(
                gap_start=start,
                gap_end=end,
                exercise=exercise.id,
                kind=exercise.kind,
                started_at=now,
                before=before,
                slot=_slot(item),
            )
        )
        return exercise

    def finish(
        self,
        item: Item,
        outcome: ItemStatus,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> None:
        """A running reset ended: ``done`` or ``partial`` (with the check-ins, if any)."""
        if item.status != "running" or item.handle is None:
            return
        item.status = outcome
        if before is not None:
            item.before = before
        self.log.finish(
            item.handle, outcome=outcome, ended_at=ended_at, after=after, before=item.before
        )

    def mark_done(self, item: Item, now: datetime) -> None:
        """`d` on an offer: the user did the reset on their own; log it done as planned."""
        if item.handled:
            return
        exercise = self.fitted(item, now)
        began = max(item.gap_bounds[0], now - timedelta(seconds=exercise.seconds))
        self._record(item, "done", exercise=exercise, started_at=began, ended_at=now)

    def adhoc(self, exercise: Exercise, now: datetime) -> Item:
        """An exercise the user picked themselves, now: it takes the place of the current offer."""
        current = self.offer(now)
        where = self.position(now)
        if current is not None and current.gap is not None:
            end = current.gap.end
            item = current
        elif where.gap is not None:
            end = where.gap.end
            item = None
        else:
            end = now + timedelta(seconds=exercise.seconds)
            item = None
        room = (end - now).total_seconds() - walk_back_seconds(exercise)
        seconds = max(1.0, min(exercise.seconds, room))
        reset = Reset(exercise.scaled(seconds), now, now + timedelta(seconds=seconds), "main")
        if item is not None:
            item.reset = reset
            return item
        gap = where.gap
        window_end = gap.end if gap is not None else reset.end
        extra = Item((window_end, "adhoc", len(self.items)), gap, reset, now, window_end)
        self.items.append(extra)
        return extra

    def skip(self, item: Item, now: datetime) -> None:
        """The user declined the offer."""
        if item.handled:
            return
        self._record(item, "skipped", ended_at=now)

    def _record(
        self,
        item: Item,
        outcome: ItemStatus,
        *,
        exercise: Exercise | None = None,
        started_at: datetime | None = None,
        ended_at: datetime | None = None,
    ) -> None:
        """Log an offer that ended without a guided run (skipped, missed, marked done)."""
        item.status = outcome
        exercise = exercise or item.reset.exercise
        start, end = item.gap_bounds
        self.log.record(
            ResetEntry(
                gap_start=start,
                gap_end=end,
                exercise=exercise.id,
                kind=exercise.kind,
                outcome=Outcome(outcome),
                started_at=started_at,
                ended_at=ended_at,
                slot=_slot(item),
                slot_at=item.reset.start,
            )
        )

    def snooze(self, item: Item, now: datetime) -> bool:
        """Postpone the offer once by two minutes; False if already snoozed."""
        if item.snoozed_until is not None or item.handled:
            return False
        item.snoozed_until = now + SNOOZE
        return True

    def another(self, item: Item, now: datetime) -> bool:
        """Swap the offer for a different exercise that fits what is left of the gap."""
        if item.handled or item.gap is None or self.library is None:
            return False
        item.declined.append(item.reset.id)
        start = max(now, item.gap.notes_end)
        options = alternatives(
            self.plan,
            item.gap,
            self.library,
            self.settings,
            exclude=set(item.declined),
            start=start,
        )
        options = [o for o in options if o.role != "arrive" or item.role == "arrive"]
        if not options:
            # wrap around: offer the declined ones again, oldest first
            item.declined = [item.declined[-1]]
            options = alternatives(
                self.plan,
                item.gap,
                self.library,
                self.settings,
                exclude={item.reset.id},
                start=start,
            )
        if not options:
            return False
        choice = options[0]
        item.reset = replace(choice, role=item.reset.role)
        return True

    def tick(self, now: datetime) -> list[Event]:
        """Move the day to ``now``: signal new gaps, log passed offers as missed."""
        events: list[Event] = []
        for item in self.items:
            if item.status == "running" and now >= item.window_end and item.role == "closing":
                continue
            if item.status == "pending" and now >= item.window_end:
                if (
                    item.role in COUNTED_ROLES
                    and item.window_end > self.opened_at
                    and (item.gap is None or item.gap.end - item.gap.start <= NOT_A_BREAK)
                ):
                    self._record(item, "missed")
                    events.append(Missed(item))
                else:
                    item.status = "passed"
        here = position(self.plan, now)
        if here.gap is not None and here.gap.end not in self._signalled:
            self._signalled.add(here.gap.end)
            if not here.gap.back_to_back:
                events.append(GapStarted(self.offer(now), here.gap))
        if here.state == "after":
            closing = [i for i in self.items if i.role == "closing"]
            for item in closing:
                if item.key[0] not in self._signalled:
                    self._signalled.add(item.key[0])
                    events.append(GapStarted(item, None))
            if not closing and not self._day_done:
                events.append(GapStarted(None, None))  # the day is over: time for the log
            self._day_done = True
        return events

    # ------------------------------------------------------------------ re-planning

    def replan(self, plan: DayPlan, now: datetime) -> None:
        """Take a new plan for the rest of the day, keeping what already happened."""
        old = {item.key: item for item in self.items}
        items = build_items(plan)
        merged: list[Item] = []
        for item in items:
            previous = old.pop(item.key, None)
            if previous is not None and (previous.handled or previous.snoozed_until):
                previous.gap = item.gap
                previous.window_start = item.window_start
                previous.window_end = item.window_end
                merged.append(previous)
            else:
                merged.append(item)
        # An offer already taken in a gap that changed shape (a cancelled session merged two
        # gaps) takes the place of a fresh offer of its kind in the gap that now holds it, so
        # it is neither lost from the day nor offered again; a running one is always kept.
        for previous in old.values():
            if not previous.handled:
                continue
            gap = plan.gap_at(previous.reset.start)
            slot = next(
                (
                    i
                    for i, item in enumerate(merged)
                    if gap is not None
                    and item.gap is not None
                    and item.gap.end == gap.end
                    and not item.handled
                    and (item.role == previous.role or previous.role in COUNTED_ROLES)
                    and item.role != "arrive"
                ),
                None,
            )
            if slot is not None:
                fresh = merged[slot]
                previous.gap, previous.key = fresh.gap, fresh.key
                previous.window_start, previous.window_end = fresh.window_start, fresh.window_end
                merged[slot] = previous
            elif previous.status == "running":
                merged.append(previous)
        self.plan = plan
        self.items = merged
        # The user changed the day themselves: no "session over" signal for the gap they are in.
        here = position(plan, now)
        if here.gap is not None:
            self._signalled.add(here.gap.end)

    def quit(self, now: datetime) -> None:
        """The app is closing: a running reset is logged ``partial``."""
        running = self.running()
        if running is not None:
            self.finish(running, "partial", now)

    def signature(self) -> tuple[object, ...]:
        """A cheap fingerprint of every offer's state: it changes whenever the day's story does."""
        return tuple((i.status, i.reset.id, i.reset.start, i.snoozed_until) for i in self.items)

    def outcomes(self) -> list[str]:
        """Every offer's outcome so far (an earlier run's too, matched from the log): what
        ``status.resets_taken`` counts, as the status line counts the log."""
        return [i.status for i in self.items]

    def counts(self) -> dict[str, int]:
        """How many offers ended each way so far."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.status] = counts.get(item.status, 0) + 1
        return counts
