"""Errors the user can fix. Each renders as one line: 'path:line:col: message'."""

from __future__ import annotations

from pathlib import Path


class GroundError(Exception):
    """A problem the user can fix. ``str()`` is one line: ``path:line:col: message``."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        self.message = " ".join(str(message).split())
        self.path = _printable(str(path)) if path is not None else None
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


def _printable(text: str) -> str:
    """``text`` with a newline or other control character written as an escape (``\\n``), so
    a strange file name cannot split a one-line message."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def toml_error_location(err: Exception) -> tuple[int | None, int | None]:
    """Line and column of a ``tomllib.TOMLDecodeError`` (works on 3.11+)."""
    line = getattr(err, "lineno", None)
    col = getattr(err, "colno", None)
    if line is None:
        import re

        m = re.search(r"at line (\d+), column (\d+)", str(err))
        if m:
            line, col = int(m.group(1)), int(m.group(2))
    return line, col


def toml_error_message(err: Exception) -> str:
    """The message of a TOMLDecodeError without its '(at line X, column Y)' tail."""
    msg = getattr(err, "msg", None) or str(err)
    import re

    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$", "", msg)
