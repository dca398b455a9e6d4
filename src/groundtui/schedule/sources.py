"""Opening a schedule file: format detection by content, one parse per file version, shared parsers.

``open_source(path)`` reads and parses a file once and keeps it while the file's modification time
and size stay the same; its ``sessions_on(day, tz)`` then answers for any local day.
"""

from __future__ import annotations

import os
import threading
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Callable

from groundtui.errors import ScheduleError
from groundtui.paths import MAX_FILE_BYTES, os_error_reason, read_regular_file
from groundtui.schedule.model import Session
from groundtui.tomlcheck import looks_like_toml

FORMATS = ("toml", "ics", "csv")

_ICS_SUFFIXES = {".ics", ".ical", ".icalendar", ".ifb", ".vcs"}
_CSV_SUFFIXES = {".csv", ".tsv"}
_CACHE_SIZE = 16


@runtime_checkable
class ScheduleSource(Protocol):
    """A parsed schedule file that can list the sessions of any local day."""

    @property
    def path(self) -> Path:
        """The file it was read from."""
        ...

    @property
    def format(self) -> str:
        """``"toml"``, ``"ics"`` or ``"csv"``."""
        ...

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        """Every timed session overlapping ``[day 00:00, day+1 00:00)`` in ``tz``, sorted."""
        ...


# --------------------------------------------------------------------------- reading


def decode(data: bytes) -> str:
    """Text of a schedule file: UTF-16 when it starts with its BOM (Excel's "Unicode text"),
    else UTF-8 (a BOM is dropped), else Windows-1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_bytes(path: Path) -> bytes:
    """The file's bytes (a regular file of at most MAX_FILE_BYTES), or a ScheduleError a user
    can act on."""
    return read_regular_file(path, MAX_FILE_BYTES, ScheduleError, "schedule file")


def detect_format(path: Path, text: str) -> str:
    """``"ics"``, ``"csv"`` or ``"toml"`` by content; the file extension only breaks a tie.

    Text that is valid TOML is TOML (a CSV header line is never valid TOML), so the CSV
    reader is only loaded for text that is not.
    """
    head = text.lstrip("\ufeff \t\r\n")
    first = head.splitlines()[0].strip() if head else ""
    if first.upper().startswith("BEGIN:VCALENDAR"):
        return "ics"
    if head and looks_like_toml(text):
        return "toml"
    if first:
        from groundtui.schedule.csv import looks_like_header

        if looks_like_header(first):
            return "csv"
    suffix = Path(path).suffix.lower()
    if suffix in _ICS_SUFFIXES:
        return "ics"
    if suffix in _CSV_SUFFIXES:
        return "csv"
    return "toml"


# --------------------------------------------------------------------------- opening, cached

_cache: dict[Path, tuple[tuple[int, int], ScheduleSource]] = {}
_cache_lock = threading.Lock()
_big_file_opener: Callable[[Path, int], ScheduleSource | None] | None = None


def set_big_file_opener(
    opener: Callable[[Path, int], ScheduleSource | None] | None,
) -> Callable[[Path, int], ScheduleSource | None] | None:
    """From now on ``open_source`` first offers each file it must read to ``opener(path,
    size)``, which may take it (the app: a big file is parsed in a child process,
    ``day.bigfiles``) or answer None. Returns the opener before."""
    global _big_file_opener
    previous, _big_file_opener = _big_file_opener, opener
    return previous


def forget(which: Callable[[ScheduleSource], bool]) -> None:
    """Drop the kept sources for which ``which`` is true."""
    with _cache_lock:
        for key in [k for k, (_, source) in _cache.items() if which(source)]:
            del _cache[key]


def open_source(path: str | Path) -> ScheduleSource:
    """The parsed schedule at ``path``; re-read only when its mtime or size changed."""
    path = Path(path)
    try:
        stat = os.stat(path.expanduser())  # follows links: a loop fails here, with its name
        resolved = path.expanduser().resolve()
    except OSError as err:
        raise ScheduleError(os_error_reason(err), path) from None
    except RuntimeError:  # a link loop made between the two calls
        raise ScheduleError("cannot read: a loop of symbolic links", path) from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        hit = _cache.get(resolved)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    opener = _big_file_opener
    source = opener(path, stat.st_size) if opener is not None else None
    if source is None:
        source = parse_file(path)
    with _cache_lock:
        _cache[resolved] = (stamp, source)
        while len(_cache) > _CACHE_SIZE:
            del _cache[next(iter(_cache))]
    return source


def parse_file(path: Path) -> ScheduleSource:
    """Read and parse ``path`` (no cache): every failure is a ScheduleError naming the file."""
    text = decode(read_bytes(path))
    return parse_text(path, text)


def parse_text(path: Path, text: str, fmt: str | None = None) -> ScheduleSource:
    """Parse schedule ``text`` as read from ``path``, in ``fmt`` or the detected format."""
    fmt = fmt or detect_format(path, text)
    try:
        if fmt == "ics":
            from groundtui.schedule.ics import parse_ics

            return parse_ics(path, text)
        if fmt == "csv":
            from groundtui.schedule.csv import parse_csv

            return parse_csv(path, text)
        from groundtui.schedule.toml import parse_toml

        return parse_toml(path, text)
    except ScheduleError:
        raise
    except (RecursionError, MemoryError):
        raise ScheduleError(f"cannot read this {fmt} file: it is too deeply nested", path) from None
    except Exception as err:  # a library bug must not become a traceback
        raise ScheduleError(f"cannot read this {fmt} file ({type(err).__name__})", path) from None


def clear_cache() -> None:
    """Forget every parsed file (for tests)."""
    with _cache_lock:
        _cache.clear()
