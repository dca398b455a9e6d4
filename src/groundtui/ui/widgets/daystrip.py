"""A strip of recent days: one small bar per day, as tall as the resets done that day."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from groundtui.log.summary import DayTotals

BARS = "▁▂▃▄▅▆▇█"
"""Bar heights, lowest first."""

NOTHING = "·"
"""A day with no reset done: a quiet dot, not an empty slot."""

CELL = 3
"""Columns per day: a two-wide bar and a space."""


def bar(done: int, most: int) -> str:
    """The bar for ``done`` resets when the busiest day had ``most`` (a dot for none)."""
    if done <= 0 or most <= 0:
        return NOTHING
    level = max(1, math.ceil(done / most * len(BARS)))
    return BARS[min(level, len(BARS)) - 1]


def strip_lines(days: Sequence[DayTotals]) -> tuple[str, str]:
    """The two plain lines of the strip: bars, then day-of-month numbers."""
    most = max((d.taken for d in days), default=0)
    bars = " ".join(bar(d.taken, most) * 2 for d in days)
    numbers = " ".join(f"{d.date.day:>2}" for d in days)
    return bars, numbers


class DayStrip(Widget):
    """Recent days at a glance. Set ``days``; the last one is drawn as today."""

    COMPONENT_CLASSES = {
        "daystrip--bar",
        "daystrip--none",
        "daystrip--day",
        "daystrip--today",
    }

    days: reactive[tuple[DayTotals, ...]] = reactive((), layout=True)
    today: reactive[date | None] = reactive(None)

    def get_content_width(self, container: object, viewport: object) -> int:
        return max(1, CELL * len(self.days) - 1)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2

    def render(self) -> Text:
        days = self.days
        if not days:
            return Text("")
        most = max(d.taken for d in days)
        style = self.get_component_rich_style
        bar_style, none_style = style("daystrip--bar"), style("daystrip--none")
        day_style, today_style = style("daystrip--day"), style("daystrip--today")
        text = Text(no_wrap=True, overflow="crop")
        for i, d in enumerate(days):
            glyph = bar(d.taken, most)
            text.append(glyph * 2, none_style if glyph == NOTHING else bar_style)
            if i < len(days) - 1:
                text.append(" ")
        text.append("\n")
        today = self.today or days[-1].date
        for i, d in enumerate(days):
            text.append(f"{d.date.day:>2}", today_style if d.date == today else day_style)
            if i < len(days) - 1:
                text.append(" ")
        return text
