"""Plain text for numbers people read: lengths of time without decimal minutes.

Core: no Rich, no Textual. ``duration`` is the one formatter for an exact length ('45 s',
'1 min 50 s', '50 min', '1 h 10 min'); the TUI's rounded ``ui.text.minutes`` and the status line's
rounded-up ``status.format_left`` may adopt it where exact seconds are wanted.
"""

from __future__ import annotations

import math


def duration(seconds: float) -> str:
    """A length to the second, never in decimal minutes: '45 s', '1 min 50 s', '50 min',
    '1 h 10 min' (from an hour on, to the nearest minute). Negative or not finite: '0 s'."""
    if not math.isfinite(seconds) or seconds <= 0:
        return "0 s"
    total = round(seconds)
    if total < 60:
        return f"{max(total, 1) if seconds >= 0.5 else total} s"
    if total < 3600:
        mins, secs = divmod(total, 60)
        return f"{mins} min {secs} s" if secs else f"{mins} min"
    hours, mins = divmod(round(seconds / 60), 60)
    return f"{hours} h {mins} min" if mins else f"{hours} h"
