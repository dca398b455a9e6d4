"""Values read off a parsed ``icalendar`` component."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any


def _value(prop: Any) -> Any:
    return getattr(prop, "dt", None) if prop is not None else None


def _values(event: Any, name: str) -> list[Any]:
    value = event.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _naive(value: Any) -> datetime | None:
    """A DTSTART or UNTIL value as a naive datetime (UTC when it had a zone)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    return None
