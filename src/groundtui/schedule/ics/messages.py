"""Error messages about an .ics file that never quote a label: a broken line or a library's
message may hold a client's name, so only plain dates, times and rule words are shown."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from groundtui.errors import ScheduleError
from groundtui.schedule.ics.props import _values
from groundtui.schedule.ics.structure import _RECURRING_PROPERTIES, _Event

_PRIVATE_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT", "ATTENDEE",
                       "ORGANIZER", "URL", "UID", "CATEGORIES", "RESOURCES")  # fmt: skip
_QUOTED = re.compile(r"'([^']*)'")
_GOT = re.compile(r"(got:\s*)([^'\s].*)$", re.IGNORECASE)
_PLAIN_VALUE = re.compile(r"(?=.*\d)[0-9TZPWDHMS:+\-.,/ ]{1,40}")
"""A value that is plainly a date, time or duration (digits, 'T', 'Z', 'P'...), never a name."""
_RULE_WORD = re.compile(r"[A-Z0-9=;,+\-]{1,40}")
"""A recurrence rule's part as the files write it: 'SOMETIMES', 'BYDAY=XX' (no lower case)."""


def _only_plain_values(reason: str, private: frozenset[str] = frozenset()) -> str:
    """A library's message with every value it quotes replaced by '...', unless the value is
    plainly a date or time: a broken line may hold a client's name (its label) or part of one.
    A rule word is quoted only if it is no word of the event's ``private`` texts (an upper-case
    SUMMARY such as 'ZELDA' is a rule word in form)."""

    def plain(value: str, rule: bool = False) -> str:
        if private & _words(value):
            return "..."
        if _PLAIN_VALUE.fullmatch(value) or (rule and _RULE_WORD.fullmatch(value)):
            return value
        return "..."

    reason = _QUOTED.sub(lambda m: f"'{plain(m.group(1))}'", reason)
    return _GOT.sub(lambda m: m.group(1) + plain(m.group(2), rule=True), reason)


def _short(message: Any) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= 120 else text[:117] + "..."


_RULE_PART = re.compile(
    r"(FREQ|UNTIL|COUNT|INTERVAL|BYSECOND|BYMINUTE|BYHOUR|BYDAY|BYMONTHDAY|BYYEARDAY|BYWEEKNO"
    r"|BYMONTH|BYSETPOS|WKST)=(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY"
    r"|[0-9TZ,+\-]{1,40}|(?:[+\-]?[0-9]{0,2}(?:MO|TU|WE|TH|FR|SA|SU),?){1,7})"
)
"""A part of an RRULE made of the rule's own vocabulary only (no free text)."""


def _rule_shown(rule: object) -> str:
    """An RRULE quoted for a message, only if every part is a rule word (never free text)."""
    text = str(rule)
    parts = text.split(";")
    if len(text) <= 120 and all(_RULE_PART.fullmatch(part) for part in parts):
        return f" '{text}'"
    return ""


class _Blaming(Protocol):
    """What was being expanded when the library failed (``source._Blame``)."""

    def culprit(self, path: Path) -> _Event | None: ...


def _expansion_error(path: Path, err: Exception, blame: _Blaming | None = None) -> ScheduleError:
    """A library failure as a one-line error that cannot quote a label, at the event's line
    when it can be found. Only an event with a rule, RDATE or RECURRENCE-ID is called
    recurring."""
    from recurring_ical_events.errors import BadRuleStringFormat

    if isinstance(err, ScheduleError):
        return err
    event = blame.culprit(path) if blame is not None else None
    if event is not None:
        series = bool(event.properties.keys() & _RECURRING_PROPERTIES)
        what, line = ("the recurring event here" if series else "the event here"), event.begin
    else:
        series = isinstance(err, BadRuleStringFormat)
        what, line = ("a recurring event" if series else "an event of this calendar"), None
    if isinstance(err, BadRuleStringFormat):
        if event is not None:
            line = event.properties.get("RRULE", event.begin)
        return ScheduleError(f"cannot expand {what}: bad RRULE{_rule_shown(err.rule)}", path, line)
    if isinstance(err, OverflowError):
        return ScheduleError(
            f"{what} runs past the year 9999 (see its DTSTART, DTEND and DURATION)", path, line
        )
    verb = "expand" if series else "place"
    return ScheduleError(f"cannot {verb} {what} ({type(err).__name__})", path, line)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^0-9a-z]+", text.lower()) if len(w) >= 3)


def _private_words(components: Iterable[Any]) -> frozenset[str]:
    """The words (3 letters or more, lower case) of the private properties of ``components``."""
    found: set[str] = set()
    for component in components:
        for name in _PRIVATE_PROPERTIES:
            for value in _values(component, name):
                found |= _words(str(value))
    return frozenset(found)


def _scrub(message: str, components: Iterable[Any]) -> str:
    """``message`` with any text of a private property (SUMMARY...) replaced by '...'."""
    for component in components:
        for name in _PRIVATE_PROPERTIES:
            for value in _values(component, name):
                text = str(value).strip()
                if len(text) >= 3 and text in message:
                    message = message.replace(text, "...")
    return message
