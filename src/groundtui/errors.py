"""Errors the user can fix. Each renders as one line: 'path:line:col: message'."""

from __future__ import annotations

from pathlib import Path

from groundtui.safetext import one_line, visible


class GroundError(Exception):
    """A problem the user can fix. ``str()`` is one line: ``path:line:col: message``."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        self.message = one_line(str(message))
        """One line; a control character quoted from a file is shown, never sent to a terminal."""
        self.path = visible(str(path)) if path is not None else None
        self.line = line
        self.col = col
        super().__init__(str(self))

    def location(self) -> str:
        """``path:line:col`` (as much of it as is known), or ''."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path)
            if self.line is not None:
                parts.append(str(self.line))
                if self.col is not None:
                    parts.append(str(self.col))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ConfigError(GroundError):
    """config.toml is broken or holds a bad value."""


class ScheduleError(GroundError):
    """A schedule file (TOML, iCalendar, CSV) cannot be read."""


class ExerciseError(GroundError):
    """An exercise file is broken: bad TOML, unknown key, wrong type or value."""


class LogError(GroundError):
    """The reset log database cannot be opened or written."""
