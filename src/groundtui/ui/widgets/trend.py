"""The week view's reflection panel: the heavy share against your limit, support sessions, the
self-check over 12 weeks, and what works for you. Attributes down: the screen sets ``data``."""

from __future__ import annotations

from collections.abc import Callable

from rich.markup import escape
from textual.reactive import reactive
from textual.widgets import Static

from groundtui.reflect.read import Reflection
from groundtui.reflect.selfcheck import MAX_TOTAL
from groundtui.reflect.trend import BLOCKS, NONE
from groundtui.reflect.week import share_text
from groundtui.reflect.works import CAVEAT

SHARE_SHORT = "40–50% is a rule of thumb, not a standard; the limit is yours to set."
NOT_A_MEASURE_SHORT = "Not a clinical measure (the ProQOL is a validated one)."


def bars(totals: tuple[int | None, ...]) -> str:
    """Each week as two blocks on a fixed 0–16 scale, a dot pair for a week without a check."""
    out = []
    for total in totals:
        if total is None:
            out.append(NONE * 2)
        else:
            level = round(max(0, min(total, MAX_TOTAL)) / MAX_TOTAL * (len(BLOCKS) - 1))
            out.append(BLOCKS[level] * 2)
    return " ".join(out)


def reflection_text(data: Reflection, title: Callable[[str], str] = str) -> str:
    """The panel as Rich markup (pure, testable without an app)."""
    lines: list[str] = []
    week = data.week
    if data.problem:
        lines.append(f"[dim]{escape(data.problem)}[/dim]")
    if week is not None:
        lines.append(f"[b]This week[/b] [dim]· {week.start:%a %-d %b} – {week.end:%a %-d %b}[/dim]")
        if week.sessions:
            share = share_text(week.heavy_share)
            limit = share_text(week.heavy_share_limit)
            share = f"[$warning]({share})[/]" if week.over_limit else f"({share})"
            heavy = f"{week.heavy} of {week.sessions} client sessions heavy"
            lines.append(f"{heavy} {share} · your limit {limit}")
            lines.append(f"[dim]{SHARE_SHORT}[/dim]")
        else:
            lines.append("No client sessions this week.")
        n = week.support
        lines.append(f"{n} support session{'s' * (n != 1)} (supervision, consultation, peer group)")
        lines.append("")
        lines.append("[b]Weekly self-check[/b] [dim]· last 12 weeks[/dim]")
        if any(t is not None for t in week.trend):
            lines.append(f"[$primary]{bars(week.trend)}[/]")
            if week.self_check is not None:
                lines.append(f"This week: total {week.self_check.total} of {MAX_TOTAL}")
            else:
                lines.append("None this week yet — in the palette when you want it.")
        else:
            lines.append("None yet — 'Weekly self-check' in the palette (ctrl+p), under a minute.")
        lines.append(f"[dim]{NOT_A_MEASURE_SHORT}[/dim]")
    if data.works:
        lines.append("")
        lines.append("[b]What works for you[/b] [dim]· check-ins, last 4 weeks[/dim]")
        for helped in data.works:
            lines.append(f"{escape(title(helped.exercise))}  {helped.text()}")
        lines.append(f"[dim]{CAVEAT}[/dim]")
    return "\n".join(lines)


class WeekTrend(Static):
    """The reflection panel under the week's rows."""

    data: reactive[Reflection | None] = reactive(None, init=False)

    def __init__(self, title: Callable[[str], str] = str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.title = title

    def watch_data(self, data: Reflection | None) -> None:
        self.update(reflection_text(data, self.title) if data is not None else "")
