"""The one-line notices the day screen keeps on show (a broken file, an unreadable log).

Plain Python, no Textual: loaded with the first screen."""

from __future__ import annotations

NOTICE_LINES = 3
"""The day screen shows at most this many notices, the newest."""


class Notices:
    """Notices by kind ('schedule', 'exercises', 'settings', ...): new lines of a kind replace its
    old ones and go last, so the screen shows the newest news."""

    def __init__(self, *first: str) -> None:
        self._lines: dict[str, tuple[str, ...]] = {}
        if first:
            self.put("start", *first)

    def put(self, kind: str, *lines: str) -> None:
        """Set the lines of ``kind`` (none clears it)."""
        self._lines.pop(kind, None)
        if lines:
            self._lines[kind] = lines

    def get(self, kind: str) -> tuple[str, ...]:
        """The lines of ``kind`` on show (none: empty)."""
        return self._lines.get(kind, ())

    def lines(self) -> list[str]:
        return [line for lines in self._lines.values() for line in lines]

    def text(self) -> str | None:
        """What the screen shows: the newest lines, or None when all is well."""
        lines = self.lines()[-NOTICE_LINES:]
        return "\n".join(lines) if lines else None
