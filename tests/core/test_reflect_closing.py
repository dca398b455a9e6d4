"""The closing's prompts: which, in what order, and each only once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from groundtui.config import ReflectSettings
from groundtui.reflect.closing import (
    JOURNAL,
    NOTE,
    SELF_CHECK,
    SUPPORT,
    ClosingState,
    closing_prompts,
    remember,
    support_nearby,
    support_text,
)
from groundtui.reflect.selfcheck import SelfCheck
from groundtui.schedule.model import Session

NY = ZoneInfo("America/New_York")
FRI = date(2026, 12, 4)
THU = date(2026, 12, 3)
DEFAULT = ReflectSettings()
NONE = ClosingState()


def test_self_check_is_offered_on_its_weekday_unless_taken() -> None:
    assert closing_prompts(FRI, DEFAULT, [], NONE, support_seen=True) == [SELF_CHECK]
    assert closing_prompts(THU, DEFAULT, [], NONE, support_seen=True) == []
    taken = [SelfCheck(date(2026, 12, 1), (0, 0, 0, 0))]
    assert closing_prompts(FRI, DEFAULT, taken, NONE, support_seen=True) == []
    off = ReflectSettings(self_check_day="off")
    assert closing_prompts(FRI, off, [], NONE, support_seen=True) == []


def test_a_rising_total_gets_one_note_that_week() -> None:
    checks = [
        SelfCheck(date(2026, 11, 20), (0, 0, 1, 1)),
        SelfCheck(date(2026, 11, 27), (1, 0, 1, 1)),
        SelfCheck(date(2026, 12, 1), (1, 1, 1, 1)),
    ]
    assert closing_prompts(THU, DEFAULT, checks, NONE, support_seen=True) == [NOTE]
    shown = ClosingState(note_week=date(2026, 11, 30))
    assert closing_prompts(THU, DEFAULT, checks, shown, support_seen=True) == []


def test_support_is_asked_once_per_stretch() -> None:
    assert closing_prompts(THU, DEFAULT, [], NONE, support_seen=False) == [SUPPORT]
    assert closing_prompts(THU, DEFAULT, [], NONE, support_seen=None) == []  # demo, unreadable
    asked = ClosingState(support_asked=THU - timedelta(days=3))
    assert closing_prompts(THU, DEFAULT, [], asked, support_seen=False) == []
    long_ago = ClosingState(support_asked=THU - timedelta(days=14))
    assert closing_prompts(THU, DEFAULT, [], long_ago, support_seen=False) == [SUPPORT]
    never = ReflectSettings(support_days=0)
    assert closing_prompts(THU, never, [], NONE, support_seen=False) == []


def test_journal_prompt_is_opt_in_and_last() -> None:
    settings = ReflectSettings(journal_prompt=True)
    assert closing_prompts(FRI, settings, [], NONE, support_seen=False) == [
        SELF_CHECK,
        SUPPORT,
        JOURNAL,
    ]


def test_support_nearby_looks_back_and_ahead() -> None:
    def sessions_on(day: date) -> list[Session]:
        if day == date(2026, 11, 20):
            t = datetime(2026, 11, 20, 14, tzinfo=NY)
            return [Session(t, t + timedelta(hours=1), label="Group supervision")]
        return []

    kw = DEFAULT.support_keywords
    assert support_nearby(THU, 14, sessions_on, kw)  # 13 days back
    assert not support_nearby(date(2026, 12, 4), 14, sessions_on, kw)  # 14 days back
    assert support_nearby(date(2026, 11, 10), 14, sessions_on, kw)  # 10 days ahead


def test_state_is_remembered(tmp_path: Path) -> None:
    remember(SUPPORT, THU)
    remember(NOTE, THU)
    assert ClosingState.read() == ClosingState(THU, date(2026, 11, 30))


def test_words_are_gentle() -> None:
    text = support_text(14)
    assert "14 days" in text and "Is one booked?" in text
    for word in ("should", "must", "failed", "risk", "burnout"):
        assert word not in text.lower()
