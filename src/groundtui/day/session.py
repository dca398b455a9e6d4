"""The day's rules behind the app's keys: start, mark done, skip, another, snooze, running late,
cancel, add, re-plan, new settings, a (re)loaded day, the clock moving on.

No Textual: each method returns what to show (a ``Reply`` to render, a ``Start`` to run in the
guided screen, a ``NewDay`` to read), and the App renders it. A manual clock drives it in tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from groundtui import fmt
from groundtui.clock import Clock
from groundtui.config import PlannerSettings, SoundMode
from groundtui.day.changeovers import ChangeoverWatch
from groundtui.day.edits import DayEdits, EditsFile, apply_edits, overlapping
from groundtui.day.load import DayData
from groundtui.day.offers import GapStarted, Item, ItemStatus, Missed
from groundtui.day.position import position, session_running_late, session_to_cancel
from groundtui.day.tracker import DayTracker
from groundtui.errors import GroundError
from groundtui.exercises import Exercise, Library
from groundtui.planner import HEAVY_BUFFER_MINUTES, DayPlan, alternatives, plan_day
from groundtui.schedule.model import Session

if TYPE_CHECKING:
    from groundtui.log.queue import LogSink


@dataclass(frozen=True)
class Reply:
    """What to show after a key or a tick: a toast, a signal (bell, desktop), the day's log."""

    text: str = ""
    title: str = ""
    seconds: float = 3.0
    """How long the toast stays."""
    toast: bool = True
    signal: bool = False
    """Ring the bell / send the desktop notice (a gap began, the day is done)."""
    open_log: bool = False
    """Bring up the day's reset log (the closing is over, or the day ended without one)."""
    closing_over: bool = False
    """The closing practice is over: its prompts (self-check, support, …) come before the log."""


@dataclass(frozen=True)
class Start:
    """A reset to run in its guided screen; it has been logged as begun."""

    item: Item
    exercise: Exercise
    """The exercise, shrunk to what is left of its window."""
    deadline: datetime | None
    """The end of its gap (None for the closing reflection)."""
    started_at: datetime


@dataclass(frozen=True)
class NewDay:
    """The clock passed midnight: read ``day``."""

    day: date


NO_OFFER = Reply("No reset is offered right now.")
QUIET = Reply(toast=False)
"""Nothing to say; the screen just shows the day as it now is."""


class DaySession:
    """One day (and the next, after midnight) as the app shows it: the plan, the user's edits
    to it, and the tracker that offers and logs the resets."""

    def __init__(
        self,
        data: DayData,
        log: LogSink,
        clock: Clock,
        settings: PlannerSettings,
        kept: EditsFile | None = None,
        *,
        sound: SoundMode = "ends",
    ) -> None:
        self.log = log
        self.sound: SoundMode = sound
        """config.toml's ``sound``: "off" keeps the changeover cue silent (a toast only)."""
        self.kept = kept if kept is not None else EditsFile(None)
        """Where the day's edits are kept (the data dir; memory only for the demo day)."""
        self.clock = clock
        self.settings = settings
        self.day: date = data.plan.date
        """The day the session is on (moves at midnight, before the new day is read)."""
        self.library: Library = data.library
        self.sessions: list[Session] = []
        """The day's sessions as read, before the user's edits."""
        self.edits = DayEdits()
        """The day's changes (running late, cancelled, added), as kept in the edits file."""
        self.tracker = self._open(data)
        self.changeovers = ChangeoverWatch(self.tracker.opened_at)

    def _kept(self, data: DayData) -> DayEdits:
        """The edits of ``data``'s day: as read with it, else as kept here (memory)."""
        if data.edits is not None:
            return data.edits
        try:
            return self.kept.load(data.plan.date)
        except GroundError:
            return self.edits

    def _open(self, data: DayData) -> DayTracker:
        self.sessions = list(data.plan.sessions)
        self.edits = DayEdits()
        self.edits = self._kept(data)
        plan = data.plan
        if self.edits:
            edited = apply_edits(self.sessions, self.edits)
            plan = plan_day(edited, self.library, self.settings, plan.date, plan.tz)
            plan = replace(plan, demo=data.plan.demo)
        return DayTracker(
            plan,
            self.log,
            opened_at=self.clock.now(),
            library=self.library,
            settings=self.settings,
            history=data.history,
        )

    @property
    def plan(self) -> DayPlan:
        return self.tracker.plan

    # ------------------------------------------------------------------ the day is read

    def load(self, data: DayData) -> None:
        """Take a freshly read day: a new date starts over (a reset under way at midnight is
        still finished and logged); the same date keeps what happened and the edits. A broken
        schedule keeps the day as it was."""
        self.library = data.library
        if data.plan.date != self.tracker.plan.date:
            running = self.tracker.running()
            self.tracker = self._open(data)
            if running is not None:
                self.tracker.items.append(running)
        elif data.schedule_error is None:
            self.sessions = list(data.plan.sessions)
            self.edits = self._kept(data)
            self.replan()
            self.tracker.mark_history(data.history)
        else:
            self.edits = self._kept(data)
            self.replan()

    def replan(self) -> None:
        """Recompute the rest of the day from now, after an edit or a reload."""
        now = self.clock.now()
        sessions = apply_edits(self.sessions, self.edits)
        plan = plan_day(sessions, self.library, self.settings, self.day, self.plan.tz, now=now)
        plan = replace(plan, demo=self.plan.demo)
        self.tracker.library = self.library
        self.tracker.replan(plan, now)

    def apply_settings(self, settings: PlannerSettings) -> None:
        """config.toml changed: plan the rest of the day with its planner settings."""
        self.settings = settings
        self.tracker.settings = settings
        self.replan()

    # ------------------------------------------------------------------ the clock

    def tick(self) -> list[Reply | NewDay]:
        """Move the day on: new gaps signal once, passed offers are logged, midnight rolls;
        a changeover the clock passes gets its cue once (the bell unless sound is off)."""
        now = self.clock.now()
        if now.date() != self.day:
            self.tracker.tick(now)
            self.changeovers.last = now
            self.day = now.date()
            return [NewDay(self.day)]
        replies: list[Reply | NewDay] = []
        for change in self.changeovers.passed(self.plan, now):
            text = f"{change.exercise.name} before the next session."
            replies.append(Reply(text, "Changeover", seconds=6, signal=self.sound != "off"))
        for event in self.tracker.tick(now):
            if isinstance(event, GapStarted):
                replies.append(_gap_started(event))
            elif isinstance(event, Missed):
                name = event.item.reset.exercise.name
                replies.append(Reply(f"{name} passed by — that's fine.", seconds=4))
        return replies

    # ------------------------------------------------------------------ offers

    def offer(self) -> Item | None:
        """The offer the day's keys act on: the one shown, or the one snoozed just now."""
        now = self.clock.now()
        return self.tracker.offer(now) or self.tracker.snoozed(now)

    def running(self) -> Item | None:
        return self.tracker.running()

    def start(self, item: Item | None = None) -> Start | Reply | None:
        """Start the offered reset (or ``item``); None while one is already under way."""
        if self.tracker.running() is not None:
            return None
        item = item or self.offer()
        if item is None:
            return Reply("Nothing to start right now.")
        now = self.clock.now()
        exercise = self.tracker.start(item, now)
        deadline = item.gap.end if item.gap is not None else None
        return Start(item, exercise, deadline, now)

    def start_exercise(self, exercise_id: str) -> Start | Reply | None:
        """Start any exercise now (the command palette), in place of the offer."""
        exercise = self.library.get(exercise_id)
        if exercise is None:
            return None
        if self.tracker.running() is not None:
            return Reply("A reset is already under way.")
        return self.start(self.tracker.adhoc(exercise, self.clock.now()))

    def finish(
        self,
        item: Item,
        outcome: ItemStatus,
        ended_at: datetime,
        after: int | None = None,
        before: int | None = None,
    ) -> Reply:
        """The guided screen closed: log how it went. After the closing, the log comes up."""
        self.tracker.finish(item, outcome, ended_at, after=after, before=before)
        closing = item.role == "closing"
        if outcome == "done":
            name = item.reset.exercise.name
            return Reply(f"{name}: done.", seconds=4, open_log=closing, closing_over=closing)
        return Reply(toast=False, open_log=closing, closing_over=closing)

    def mark_done(self) -> Reply:
        """`d`: the offered reset was done (perhaps away from the screen)."""
        item = self.offer()
        if item is None:
            return NO_OFFER
        self.tracker.mark_done(item, self.clock.now())
        name = item.reset.exercise.name
        closing = item.role == "closing"
        return Reply(f"{name}: marked done.", open_log=closing, closing_over=closing)

    def skip(self) -> Reply:
        """`x`: the offer is declined."""
        item = self.offer()
        if item is None:
            return NO_OFFER
        self.tracker.skip(item, self.clock.now())
        closing = item.role == "closing"
        return Reply("Skipped. The time is still yours.", open_log=closing, closing_over=closing)

    def free_time(self) -> bool:
        """A gap with nothing offered now or later in it (its resets are behind): `n` offers
        a reset on demand."""
        now = self.clock.now()
        here = position(self.plan, now)
        gap = here.gap
        if gap is None or gap.back_to_back or self.offer() is not None or self.running():
            return False
        return not any(
            not i.handled and i.window_start >= now and i.role != "arrive"
            for i in self.tracker.items_in(gap)
        )

    def on_demand(self) -> Reply:
        """`n` in free time: offer a reset that fits what is left of the gap, now."""
        now = self.clock.now()
        gap = position(self.plan, now).gap
        if gap is None or self.library is None:
            return NO_OFFER
        options = alternatives(self.plan, gap, self.library, self.settings, start=now)
        options = [o for o in options if o.role != "arrive"]
        if not options:
            return Reply("Nothing fits what is left of this gap — the time is yours.")
        self.tracker.adhoc(options[0].exercise, now)
        return QUIET

    def another(self) -> Reply:
        """`n`: a different exercise that fits what is left of the gap (in free time: one on
        demand)."""
        item = self.offer()
        if item is None:
            return self.on_demand() if self.free_time() else NO_OFFER
        if item.gap is None:
            return Reply("The day has one closing practice; x skips it.")
        if not self.tracker.another(item, self.clock.now()):
            return Reply("No other exercise fits what is left of this gap.")
        return QUIET

    def snooze(self) -> Reply:
        """`s`: the offer comes back once, two minutes later."""
        item = self.offer()
        if item is None:
            return NO_OFFER
        if self.tracker.snooze(item, self.clock.now()):
            return Reply("Snoozed for 2 minutes.")
        return Reply("Already snoozed once — start, skip or let it pass.")

    def exercise_to_edit(self) -> str | None:
        """The exercise `e` opens: the offered one, else the next one ahead."""
        item = self.offer() or self.tracker.upcoming(self.clock.now())
        return item.reset.id if item is not None else None

    def quit(self) -> None:
        """The app is closing: a reset still running is logged ``partial``."""
        self.tracker.quit(self.clock.now())

    # ------------------------------------------------------------------ the day changes

    def _edit(self, change: Callable[[DayEdits], DayEdits]) -> str | None:
        """Make one edit on top of what the edits file holds now (an edit made from the command
        line a moment ago is kept), keep it, and re-plan. Returns why it could not be kept."""
        problem = None
        try:
            current = self.kept.load(self.day)
        except GroundError as err:
            return f"Not changed: {err}"
        try:  # read again and kept under the lock `groundtui day` takes too
            edits = self.kept.update(self.day, change)
        except (GroundError, OSError) as err:
            edits = change(current)
            problem = f"Changed for now, but it could not be kept: {err}"
        self.edits = edits
        self.replan()
        return problem

    def _changed(self, text: str, problem: str | None, before: DayPlan) -> Reply:
        """The reply to an edit: what changed, a heavy buffer lost, a problem keeping it."""
        lines = [text]
        lost = _buffers(self.plan) - _buffers(before)
        if lost:
            times = ", ".join(f"{fmt.hhmm(a)} and {fmt.hhmm(b)}" for a, b in sorted(lost))
            lines.append(f"Heavy sessions now without a buffer between them: {times}.")
        if problem:
            lines.append(problem)
        return Reply("\n".join(lines), seconds=6 if len(lines) > 1 else 4)

    def running_late(self, minutes: int = 5) -> Reply:
        """The current session runs ``minutes`` over (or the one that just ended, while its notes
        time has not passed): shift its end and re-plan."""
        now = self.clock.now()
        session = session_running_late(self.plan, now)
        if session is None:
            return Reply("Not in a session right now.")
        before = self.plan
        problem = self._edit(lambda e: e.running_late(session.start, minutes))
        end = session.end + timedelta(minutes=minutes)
        if session.end <= now:
            text = (
                f"The {span(session)} session that just ended is extended by {minutes} min, "
                f"to {fmt.hhmm(end)}; the gap after it starts then."
            )
        else:
            text = (
                f"This session runs {minutes} min late (to {fmt.hhmm(end)}); the gap is re-planned."
            )
        return self._changed(text, problem, before)

    def cancel(self, start: datetime | None = None) -> Reply:
        """A session is cancelled or a no-show (default: the current or next one); its time
        becomes part of a gap."""
        if start is not None:
            target = next((s for s in self.plan.sessions if s.start == start), None)
        else:
            target = session_to_cancel(self.plan, self.clock.now())
        if target is None:
            return Reply("No session left to cancel.")
        before = self.plan
        problem = self._edit(lambda e: e.cancel(target.start))
        return self._changed(
            f"Session at {fmt.hhmm(target.start)} cancelled for today.", problem, before
        )

    def add(
        self,
        minutes: int = 50,
        in_minutes: int = 0,
        *,
        at: datetime | None = None,
        heavy: bool = False,
    ) -> Reply:
        """An ad-hoc session (kept for the day), at ``at`` or from the current minute plus
        ``in_minutes``; a warning when it overlaps another."""
        if at is None:
            at = self.clock.now().replace(second=0, microsecond=0)
            at += timedelta(minutes=in_minutes)
        new = Session(at, at + timedelta(minutes=minutes), heavy=heavy)
        clashes = overlapping(self.plan.sessions, new)
        before = self.plan
        problem = self._edit(lambda e: e.add(new))
        text = f"Added a {minutes}-minute session at {fmt.hhmm(at)}."
        if clashes:
            text += " It overlaps the " + ", ".join(f"{span(s)}" for s in clashes) + " session."
        return self._changed(text, problem, before)

    def undo(self) -> Reply:
        """Drop the day's last edit."""
        before = self.plan
        dropped: list[str] = []

        def drop(edits: DayEdits) -> DayEdits:
            rest, edit = edits.undo()
            if edit is not None:
                dropped.append(edit.describe(self.plan.tz))
            return rest

        problem = self._edit(drop)
        if not dropped:
            return Reply(problem or "No edits to undo today.")
        return self._changed(f"Undone: {dropped[0]}.", problem, before)

    def sessions_ahead(self) -> list[Session]:
        """The current and later sessions of today (what can still be cancelled)."""
        now = self.clock.now()
        return [s for s in self.plan.sessions if s.end > now]


def span(session: Session) -> str:
    return fmt.span(session.start, session.end)


def _buffers(plan: DayPlan) -> set[tuple[datetime, datetime]]:
    """Pairs of heavy sessions, one after the other, with less than a buffer between them."""
    heavy = [s for s, h in zip(plan.sessions, plan.heavy, strict=False) if h]
    pairs = set()
    for a, b in itertools.pairwise(heavy):
        between = [s for s in plan.sessions if a.end <= s.start and s.end <= b.start]
        if not between and (b.start - a.end).total_seconds() < HEAVY_BUFFER_MINUTES * 60:
            pairs.add((a.start, b.start))
    return pairs


def _gap_started(event: GapStarted) -> Reply:
    """The signal for a gap (or the day's end) that began while the app was watching."""
    if event.gap is None and event.item is None:
        text = "Your last session is over. Here is today's reset log."
        return Reply(text, "Day done", toast=False, signal=True, open_log=True)
    if event.gap is None:
        text = "Your last session is over. A closing reflection is ready."
        return Reply(text, "Day done", seconds=6, signal=True)
    if event.item is not None and event.item.role == "before_note":
        text = f"Before you write the note: {event.item.reset.exercise.name}."
    elif event.item is not None:
        text = f"When your note is done: {event.item.reset.exercise.name}."
    if event.item is not None:
        return Reply(text, "Session over", seconds=6, signal=True)
    return Reply("A few slow breaths before the next one.", "Session over", seconds=6, signal=True)
