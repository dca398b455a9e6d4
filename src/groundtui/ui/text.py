"""Small, pure text helpers shared by the screens: session names, literal markup. (Times and
durations: ``groundtui.fmt``.)"""

from __future__ import annotations

import re

from groundtui.schedule.model import Session

STILL_READING = "Today's schedule is still being read — a moment."
"""What a key that needs the day says while the day is still being read."""


def literal_markup(text: str) -> str:
    """``text`` as Textual markup that shows it literally: every '[' escaped, so a name like
    '[bold]x[/]', '[link=...]' or '[@click=...]' from a file is shown as typed, never acted on.
    (``textual.markup.escape`` leaves '[$variable]' tags alone.)"""
    return text.replace("[", "\\[")


def initials(label: str) -> str:
    """'Intake - M.R.' -> 'I·MR'-like short initials: the first letter of each word."""
    words = re.findall(r"[^\W\d_]+", label)
    return "".join(w[0].upper() for w in words)[:4] or "·"


def session_name(session: Session, mode: str) -> str:
    """What to call a session on screen: its label only when the user turned labels on."""
    if session.label and mode == "full":
        return session.label
    if session.label and mode == "initials":
        return initials(session.label)
    return "Session"
