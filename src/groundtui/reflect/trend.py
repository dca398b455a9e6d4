"""A self-check trend as text: one block per week, a dot for a week without a check."""

from __future__ import annotations

from collections.abc import Sequence

from groundtui.reflect.selfcheck import MAX_TOTAL

BLOCKS = "▁▂▃▄▅▆▇█"
NONE = "·"


def spark(totals: Sequence[int | None], top: int = MAX_TOTAL) -> str:
    """'▁▂·▃' — each total on a fixed 0..top scale (so weeks compare across views)."""
    out = []
    for total in totals:
        if total is None:
            out.append(NONE)
        else:
            level = round(max(0, min(total, top)) / top * (len(BLOCKS) - 1)) if top else 0
            out.append(BLOCKS[level])
    return "".join(out)
