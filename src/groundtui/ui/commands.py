"""The command palette: the day's actions, and any exercise by name."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from groundtui.fmt import hhmm, span
from groundtui.ui.display import cycle_labels, toggle_motion
from groundtui.ui.text import literal_markup, session_name

if TYPE_CHECKING:
    from groundtui.ui.app import GroundApp

ADD_AT = re.compile(r"add\s+(\d{1,2}):(\d{2})\s+(\d{1,3})(?:\s*min)?(\s+heavy)?")
"""The palette's 'add 14:30 45 [heavy]'."""


class GroundCommands(Provider):
    """Actions for the day (running late, cancel, labels…) and 'start <exercise>'."""

    @property
    def ground(self) -> GroundApp:
        return cast("GroundApp", self.app)

    def _actions(self) -> list[tuple[str, Callable[[], None], str]]:
        app = self.ground
        return [
            (
                "Running late: +5 min",
                partial(app.running_late, 5),
                "The current session runs over; re-plan the gap",
            ),
            (
                "Running late: +10 min",
                partial(app.running_late, 10),
                "The current session runs over; re-plan the gap",
            ),
            (
                "Cancel session (cancelled / no-show)",
                app.cancel_session,
                "The current or next session is not happening today",
            ),
            (
                "Add a 50-minute session now",
                partial(app.add_session, 50, 0),
                "An ad-hoc session, kept for the day. Another time: type 'add 14:30 45 [heavy]'",
            ),
            (
                "Undo the day's last edit",
                app.undo_edit,
                "Running late, cancel or add, as also made with 'groundtui day'",
            ),
            ("Open the reset log", app.open_log, "Today, with a week view"),
            (
                "Refresh the calendar",
                app.feeds.refresh_now,
                "Read the calendar feeds again now",
            ),
            (
                "Weekly self-check",
                app.open_self_check,
                "Four questions, 0–4 each, under a minute; kept as numbers only",
            ),
            ("Toggle session labels", partial(cycle_labels, app), "hidden → initials → full"),
            ("Toggle reduced motion", partial(toggle_motion, app), "Text-only breathing pacer"),
            ("Edit the offered exercise", app.edit_exercise, "Opens it in $EDITOR"),
            ("Help", app.open_help, "Keys, files, support"),
        ]

    def _exercises(self) -> list[tuple[str, Callable[[], None], str]]:
        library = self.ground.library
        if library is None:
            return []
        return [
            (f"Start {ex.name}", partial(self.ground.start_exercise, ex.id), ex.summary)
            for ex in sorted(library.exercises.values(), key=lambda e: e.name)
        ]

    def _cancellations(self) -> list[tuple[str, Callable[[], None], str]]:
        app = self.ground
        return [
            (
                f"Cancel the {span(s.start, s.end)} session ({session_name(s, app.labels)})",
                partial(app.cancel_session, s.start),
                "Cancelled or no-show: its time becomes free, and the gaps are re-planned",
            )
            for s in app.sessions_ahead()
        ]

    def _add_at(self, query: str) -> list[tuple[str, Callable[[], None], str]]:
        """'add 14:30 45 [heavy]': a session at a chosen time and length."""
        match = ADD_AT.fullmatch(query.strip().lower())
        if match is None:
            return []
        hour, minute, minutes = int(match[1]), int(match[2]), int(match[3])
        if hour > 23 or minute > 59 or not 0 < minutes <= 12 * 60:
            return []
        app = self.ground
        at = app.clock.now().replace(hour=hour, minute=minute, second=0, microsecond=0)
        heavy = bool(match[4])
        name = f"Add a {minutes}-minute {'heavy ' if heavy else ''}session at {hhmm(at)}"
        action = partial(app.add_session, minutes, at=at, heavy=heavy)
        return [(name, action, "An ad-hoc session, kept for the day; a warning if it overlaps")]

    async def discover(self) -> Hits:
        for name, action, help_text in self._actions():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        for name, action, help_text in self._add_at(query):
            yield Hit(1.0, Content(name), action, help=help_text)
        matcher = self.matcher(query)
        for name, action, help_text in self._actions() + self._cancellations() + self._exercises():
            score = matcher.match(name)
            if score > 0:
                # Names and summaries come from the user's files (exercises, labels): shown as
                # text, never read as markup (Textual reads a hit's help text as markup).
                yield Hit(score, highlight(matcher, name), action, help=literal_markup(help_text))


def highlight(matcher: Matcher, name: str) -> Content:
    """``matcher.highlight`` for plain text (Textual's reads the name as markup)."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
