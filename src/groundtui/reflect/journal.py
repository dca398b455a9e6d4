"""The private journal of meaningful moments (the "wins journal").

Kept in ``journal.jsonl`` in the data dir, 0600, never part of a ``log`` export. One entry is a
time and a text. Export: ``groundtui journal --format json``. Delete: remove the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from groundtui.errors import GroundError
from groundtui.reflect.files import append_line, journal_path, read_lines
from groundtui.safetext import visible

MAX_CHARS = 2000
"""The longest entry: a moment, not a case note."""

NO_NAMES = "Please leave client names and identifying details out of it."
PROMPT = "One moment that mattered today"


@dataclass(frozen=True)
class Entry:
    """One journal entry."""

    at: datetime
    """When it was written (aware)."""
    text: str

    def to_json(self, tz: tzinfo | None = None) -> dict[str, str]:
        at = self.at.astimezone(tz) if tz is not None else self.at
        return {"at": at.isoformat(), "text": self.text}

    @classmethod
    def from_line(cls, item: Mapping[str, object]) -> Entry | None:
        try:
            at = datetime.fromisoformat(str(item["at"]))
            text = item["text"]
        except (KeyError, ValueError):
            return None
        if at.tzinfo is None or not isinstance(text, str):
            return None
        return cls(at, visible(text, newlines=True))  # a hand-edited file: shown, never acted


def clean_text(text: str) -> str:
    """The entry as kept: surrounding space trimmed, control characters made visible (it is
    listed in a terminal), bytes that are not UTF-8 replaced; empty or overlong text is refused."""
    text = visible(_decodable(text), newlines=True).strip()
    if not text:
        raise GroundError("an empty journal entry (write a few words)")
    if len(text) > MAX_CHARS:
        raise GroundError(f"a journal entry holds at most {MAX_CHARS} characters")
    return text


def _decodable(text: str) -> str:
    """``text`` without lone surrogates (how Python hands over argv bytes that are not UTF-8),
    which cannot be written as UTF-8: each becomes U+FFFD."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "replace")
    return raw.decode("utf-8", "replace")


class Journal:
    """The journal file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or journal_path()

    def add(self, text: str, at: datetime) -> Entry:
        entry = Entry(at, clean_text(text))
        try:
            append_line(self.path, entry.to_json())
        except OSError as err:
            raise GroundError(f"could not save the entry: {err.strerror}", self.path) from err
        return entry

    def entries(self, since: date | None = None, tz: tzinfo | None = None) -> list[Entry]:
        """Entries oldest first; with ``since``, those written on or after that local date."""
        items = (Entry.from_line(item) for item in read_lines(self.path, what="journal file"))
        out = [e for e in items if e is not None]
        if since is not None:
            out = [e for e in out if (e.at.astimezone(tz) if tz else e.at).date() >= since]
        return sorted(out, key=lambda e: e.at)
