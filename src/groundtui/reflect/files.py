"""Private files in the data dir: created 0600 before they are opened, in a 0700 dir.

The self-checks, the journal and the closing's small memory are JSON lines or JSON, apart from
the reset log (a SQLite file with its own schema), so the log can change without touching them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from groundtui import paths
from groundtui.errors import GroundError

SELF_CHECK_FILE = "selfcheck.jsonl"
JOURNAL_FILE = "journal.jsonl"
STATE_FILE = "reflect-state.json"


def selfcheck_path(env: Mapping[str, str] | None = None) -> Path:
    """The weekly self-checks: one JSON line each, numbers and a date only."""
    return paths.data_dir(env) / SELF_CHECK_FILE


def journal_path(env: Mapping[str, str] | None = None) -> Path:
    """The private journal ("one moment that mattered"): one JSON line per entry."""
    return paths.data_dir(env) / JOURNAL_FILE


def state_path(env: Mapping[str, str] | None = None) -> Path:
    """What the closing already said (dates only), so it says it once."""
    return paths.data_dir(env) / STATE_FILE


def _private_dir(path: Path) -> None:
    """The file's folder, made (or tightened to) 0700 when it is ours."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = folder.stat()
    if info.st_mode & 0o777 != 0o700 and info.st_uid == os.getuid():
        with contextlib.suppress(OSError):
            os.chmod(folder, 0o700)


def _tighten(fd: int) -> None:
    if os.fstat(fd).st_mode & 0o777 != 0o600:
        os.fchmod(fd, 0o600)


def _open_append(path: Path) -> int:
    """``path`` opened to append (created 0600), never waiting: a named pipe put in the file's
    place would block a plain open until some reader came; it, a device or a folder is refused
    (``OSError``)."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as err:
        if err.errno == errno.ENXIO:  # a FIFO with no reader
            raise OSError(err.errno, "it is a named pipe (FIFO), not a file") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "it is not a regular file")
    os.set_blocking(fd, True)
    return fd


def append_line(path: Path, item: Mapping[str, Any]) -> None:
    """Append one JSON line; the file is created 0600 (or tightened) before anything is written."""
    _private_dir(path)
    fd = _open_append(path)
    try:
        _tighten(fd)
        line = json.dumps(dict(item), ensure_ascii=False) + "\n"
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_lines(path: Path, what: str = "file") -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSON-lines file, oldest first; a missing file is empty and a
    damaged line (a crash mid-write, bytes that are not UTF-8) is passed over. A named pipe,
    a device or a folder in its place, or a file over 50 MB, raises ``GroundError`` (one line,
    naming the file): it is never opened in a way that waits, nor read whole."""
    if not os.path.lexists(path):
        return
    raw = paths.read_regular_file(path, what=what)
    for line in raw.decode("utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError, RecursionError):
            item = json.loads(line)
            if isinstance(item, dict):
                yield item


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Replace a small JSON file at once (write a 0600 sibling, then rename it over)."""
    _private_dir(path)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    try:
        _tighten(fd)
        os.write(fd, json.dumps(dict(data), indent=1).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any]:
    """A small JSON object, or {} when the file is missing or damaged."""
    try:  # never waits on a named pipe, never reads more than a small file
        data = json.loads(paths.read_regular_file(path, limit=paths.MB).decode("utf-8"))
    except (GroundError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}
