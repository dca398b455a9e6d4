"""Support sessions: supervision, consultation, peer groups — not client sessions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from groundtui.schedule.model import Session


def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
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
        pattern = keyword_pattern(keyword)
        if pattern is not None and pattern.search(session.label):
            return True
    return False
