"""The large, quiet "now" panel: where the day stands and what is offered."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from groundtui.fmt import big_minutes, countdown, hhmm, length, minutes_left
from groundtui.ui.text import session_name
from groundtui.ui.widgets.bigdigits import BigDigits

if TYPE_CHECKING:
    from groundtui.day import DayTracker
    from groundtui.planner.model import Changeover


@dataclass(frozen=True)
class NowView:
    """Everything the panel shows, computed from the day without any widget."""

    headline: str
    big: str = ""
    detail: str = ""
    offer: str = ""
    hint: str = ""
    state: str = "loading"


START_HINT = "space start · n another · x skip · s snooze · d done"
FREE_HINT = "n a reset now, if you like"


UNREADABLE = NowView(
    "Could not read today's schedule",
    detail="The note above says what is wrong. Once the file is fixed it is read again.",
    state="error",
)


def describe(
    tracker: DayTracker | None,
    now: datetime,
    labels: str = "hidden",
    schedule_error: str | None = None,
) -> NowView:
    """The panel's text for ``now``: calm words, the time left, the offer and its keys.

    With ``schedule_error`` and no sessions, it says the schedule could not be read rather
    than calling it a free day. The big number counts whole minutes, as in a session, until
    the last minute (``fmt.big_minutes``); the headline then says what it counts.
    """
    view = _describe(tracker, now, labels, schedule_error)
    if view.state in ("gap", "before") and view.big and ":" not in view.big:
        return replace(view, headline=f"{view.headline} · min left")
    return view


def _describe(
    tracker: DayTracker | None,
    now: datetime,
    labels: str = "hidden",
    schedule_error: str | None = None,
) -> NowView:
    """See ``describe``."""
    if tracker is None:
        return NowView("Reading today's schedule…")
    if schedule_error and not tracker.plan.sessions:
        return UNREADABLE

    where = tracker.position(now)
    left = where.seconds_left(now)
    offer = tracker.offer(now)
    snoozed = tracker.snoozed(now)

    def offer_line() -> tuple[str, str]:
        if offer is None:
            return "", ""
        fitted = tracker.fitted(offer, now)
        return f"{fitted.name} · {length(fitted.seconds)}", START_HINT

    if where.state == "free":
        return NowView(
            "No sessions today", detail="A day without sessions. Be kind to yourself.", state="free"
        )
    if where.state == "before":
        upcoming = tracker.upcoming(now)
        detail = f"First session at {hhmm(where.until)}" if where.until else ""
        if upcoming is not None:
            detail += f" · first reset: {upcoming.reset.exercise.name}"
        return NowView("Before your first session", big_minutes(left or 0), detail, state="before")
    change = tracker.plan.changeover_at(now) if where.state == "session" else None
    if change is not None:
        return changeover_view(change, now)
    if where.state == "session":
        assert where.session is not None
        name = session_name(where.session, labels)
        headline = "In session" if name == "Session" else f"In session · {name}"
        upcoming = tracker.upcoming(now)
        detail = f"ends {hhmm(where.until)}" if where.until else ""
        booked = where.session.booked_end
        if booked is not None and now >= booked and where.until is not None:
            # its booked time is over: "running late" kept it going (maybe pressed after it
            # ended, in the notes minutes): say so, not "in session" as if nothing changed
            extended = f"Extended session · ends {hhmm(where.until)}"
            headline = extended if name == "Session" else f"Extended session · {name}"
            detail = f"booked to {hhmm(booked)}, extended to {hhmm(where.until)}"
        if upcoming is not None and upcoming.gap is not None and upcoming.gap.start == where.until:
            detail += f" · then {upcoming.reset.exercise.name}"
        mins = math.ceil((left or 0) / 60)
        return NowView(headline, f"{mins}", f"min left · {detail}", state="session")
    if where.state == "gap":
        gap = where.gap
        assert gap is not None
        big = big_minutes(left or 0)
        if gap.back_to_back:
            return NowView(
                "Back-to-back",
                big,
                "No time for a reset: three slow breaths, feet on the floor, then go in.",
                state="gap",
            )
        running = tracker.running()
        if running is not None:
            return NowView("Reset under way", big, running.reset.exercise.name, state="gap")
        if snoozed is not None:
            until = snoozed.snoozed_until or now
            return NowView(
                f"Gap · until {hhmm(gap.end)}",
                big,
                f"Snoozed — {snoozed.reset.exercise.name} again at {hhmm(until)}",
                state="gap",
            )
        text, hint = offer_line()
        if offer is not None and offer.role == "before_note":
            detail = "Before you write the note:"
        elif offer is not None and now < gap.notes_end:
            detail = f"Notes time · {minutes_left((gap.notes_end - now).total_seconds())}, then:"
        elif offer is not None:
            detail = "A reset for you:"
        else:
            later = tracker.upcoming(now)
            if later is not None and later.gap is not None and later.gap.end == gap.end:
                detail = f"Free time · at {hhmm(later.window_start)}: {later.reset.exercise.name}"
            else:
                detail = f"Free until {hhmm(gap.end)} — the rest of the gap is yours."
            if later is None or later.role == "arrive" or later.gap != gap:
                hint = FREE_HINT  # `n` offers one on demand
        headline = f"Gap · until {hhmm(gap.end)}"  # the big clock beside it counts down
        return NowView(headline, big, detail, text, hint, state="gap")
    # after the last session: the same words as `groundtui status`
    from groundtui.status import day_done_words, resets_taken

    text, hint = offer_line()
    if offer is not None and offer.role == "closing":
        return NowView("Sessions over", "", "To close the day:", text, hint, state="after")
    taken = resets_taken(tracker.outcomes())
    headline = day_done_words(taken)
    headline = headline[:1].upper() + headline[1:]
    detail = "To close the day:" if offer is not None else "Press l for today's reset log."
    return NowView(headline, "", detail, text, hint, state="after")


def changeover_view(change: Changeover, now: datetime) -> NowView:
    """One session ends as the next begins: the cue's words for its few seconds, not "in
    session" (an invitation: nothing to start, nothing logged)."""
    exercise = change.exercise
    first_step = exercise.steps[0].text if exercise.steps else ""
    words = exercise.summary or exercise.intro or first_step
    left = change.seconds - (now - change.at).total_seconds()
    detail = f"{exercise.name} · {words}" if words else exercise.name
    return NowView("Changeover", countdown(left), detail, state="changeover")


def fit_hint(hint: str, width: int) -> str:
    """The keys' hint broken between its ``·``-separated keys, never inside one, to fit."""
    if width <= 0 or len(hint) <= width:
        return hint
    lines: list[str] = []
    for part in hint.split(" · "):
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


class NowPanel(Vertical):
    """Shows a ``NowView``; only the parts whose text changed repaint (the panel itself draws
    nothing: repainting it would redraw every part, the big digits included, each second of a
    gap)."""

    view: reactive[NowView] = reactive(
        NowView("Reading today's schedule…"), always_update=False, repaint=False
    )

    def compose(self) -> ComposeResult:
        # Text, not markup: exercise names and session labels come from the user's files.
        yield Static(id="now-headline", markup=False)
        yield BigDigits(id="now-big")
        yield Static(id="now-detail", markup=False)
        yield Static(id="now-offer", markup=False)
        yield Static(id="now-hint", markup=False)

    def watch_view(self, old: NowView, view: NowView) -> None:
        if not self.is_mounted:
            return
        if view == replace(old, big=view.big) and old.big and view.big:
            # A plain second of a countdown: only the big digits change.
            self.query_one("#now-big", BigDigits).update(view.big)
            return
        self.show(view)

    def on_mount(self) -> None:
        self.show(self.view)  # the first view too (``is_mounted`` is set only after Mount)

    def show(self, view: NowView) -> None:
        """Update only the parts whose text changed: in a gap's last minute the big countdown
        changes every second, and a changed text line costs Textual a layout pass."""
        self.set_class(view.state == "session", "-session")
        self.set_class(bool(view.offer), "-offer")
        hint = fit_hint(view.hint, self.content_size.width)
        for part, text in (
            ("#now-headline", view.headline),
            ("#now-detail", view.detail),
            ("#now-offer", view.offer),
            ("#now-hint", hint),
        ):
            static = self.query_one(part, Static)
            if static.content != text:
                static.update(text)
        big = self.query_one("#now-big", BigDigits)
        if big.value != view.big:
            big.update(view.big)
        big.display = bool(view.big)
        self.query_one("#now-offer").display = bool(view.offer)
        self.query_one("#now-hint").display = bool(view.hint)

    def on_resize(self) -> None:
        self.show(self.view)  # the keys' hint may need another line, or one fewer
