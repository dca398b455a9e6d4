"""Small, pure text helpers shared by the screens: session names, literal markup. (Times and
durations: ``groundtui.fmt``.)"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the schedule package (its TOML reader) loads with the day, after the paint
    from groundtui.schedule.model import Session

STILL_READING = "Today's schedule is still being read — a moment."
"""What a key that needs the day says while the day is still being read."""


def literal_markup(text: str) -> str:
    """``text`` as Textual markup that shows it literally: every '[' escaped, so a name like
    '[bold]x[/]', '[link=...]' or '[@click=...]' from a file is shown as typed, never acted on.
    (``textual.markup.escape`` leaves '[$variable]' tags alone.)"""
    return text.replace("[", "\\[")


def initials(label: str) -> str:
    """At most two initials, from the first two words, with dots: 'Maria Rodriguez T. P.' ->
    'M.R.', 'Peer supervision' -> 'P.S.', 'alice' -> 'A.'; no letters at all: '·'."""
    words = re.findall(r"[^\W\d_]+", label)[:2]
    return "".join(f"{w[0].upper()}." for w in words) or "·"


def session_name(session: Session, mode: str) -> str:
    """What to call a session on screen: its label only when the user turned labels on."""
    if session.label and mode == "full":
        return session.label
    if session.label and mode == "initials":
        return initials(session.label)
    return "Session"
