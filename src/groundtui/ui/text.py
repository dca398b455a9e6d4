"""Small, pure text helpers shared by the screens: times, durations, session names."""

from __future__ import annotations

import re
from datetime import datetime

from groundtui.schedule.model import Session


def hhmm(when: datetime) -> str:
    return when.strftime("%H:%M")


def span(start: datetime, end: datetime) -> str:
    return f"{hhmm(start)}–{hhmm(end)}"


def minutes(seconds: float) -> str:
    """A length: '45 s', '2 min', '1 h 10 min', to the nearest minute. (Time *left* is
    ``status.format_left``, which rounds up, so the panel and the status line agree.)"""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{round(seconds)} s"
    mins = round(seconds / 60)
    if mins < 60:
        return f"{mins} min"
    hours, rest = divmod(mins, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def clock_face(seconds: float) -> str:
    """'7:05' for the big countdown; 'h:mm:ss' past an hour."""
    total = max(0, int(seconds + 0.999))
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


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
