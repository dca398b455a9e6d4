"""The day's caseload: support sessions (supervision, consultation, peer groups) apart from
client sessions, and the share of client sessions that are heavy. Pure; the week view
(``reflect``) and the plan's warnings both count this way."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from groundtui.schedule.model import Session


@functools.lru_cache(maxsize=256)
def support_pattern(keyword: str) -> re.Pattern[str] | None:
    """A whole-word, any-case pattern for ``keyword``; spaces in it match any run of spaces."""
    words = keyword.split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def is_support(session: Session, keywords: Iterable[str]) -> bool:
    """Whether the session's label names a support session by a whole keyword.

    'supervision' matches 'Peer supervision' and 'SUPERVISION (group)', but not
    'supervisions' or 'unsupervision'; 'peer group' matches 'Peer  Group'. A session without a
    label is a client session.
    """
    if not session.label:
        return False
    for keyword in keywords:
        pattern = support_pattern(keyword)
        if pattern is not None and pattern.search(session.label):
            return True
    return False


def heavy_share(heavy: int, sessions: int) -> float:
    """``heavy / sessions`` in [0, 1]; 0 without sessions."""
    return min(1.0, heavy / sessions) if sessions > 0 else 0.0


def share_text(share: float) -> str:
    return f"{round(share * 100)}%"


def day_share_warning(
    sessions: Sequence[Session], heavy: Sequence[bool], keywords: Iterable[str], limit: float
) -> str | None:
    """The plan's gentle warning when a day's heavy share of client sessions passes ``limit``
    (support sessions left out), or None. For the planner's ``warnings``."""
    words = tuple(keywords)
    client = [h for s, h in zip(sessions, heavy, strict=True) if not is_support(s, words)]
    share = heavy_share(sum(client), len(client))
    if not client or share <= limit:
        return None
    return (
        f"{sum(client)} of {len(client)} client sessions today are heavy ({share_text(share)}, "
        f"above your {share_text(limit)})"
    )
