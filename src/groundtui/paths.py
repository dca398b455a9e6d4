"""Where groundtui's files live: platformdirs, overridable with GROUNDTUI_*_DIR."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from groundtui import where
from groundtui.errors import GroundError

APP_NAME = where.APP_NAME


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of config.toml, schedule.toml and the user's exercises/."""
    return Path(where.folder("config", env))


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of the reset log database."""
    return Path(where.folder("data", env))


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of the label-free copies of calendar feeds."""
    return Path(where.folder("cache", env))


def config_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "config.toml"


def schedule_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "schedule.toml"


def user_exercises_dir(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "exercises"


def log_db_path(env: Mapping[str, str] | None = None) -> Path:
    return data_dir(env) / "log.sqlite3"


def bundled_exercises_dir() -> Path:
    """The exercises shipped with groundtui.

    In a wheel they are force-included as ``groundtui/exercises/bundled`` (inside the
    ``groundtui.exercises`` package, which is code); in a source checkout or an editable
    install they are the repository's top-level ``exercises/``.
    """
    return Path(where.bundled_exercises_dir())


def screenshots_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the palette's screenshots go (with labels hidden)."""
    return data_dir(env) / "screenshots"


def edits_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the day edits go (running late, cancelled, added): one file per date."""
    return data_dir(env) / "edits"


def day_edits_file(day: date, env: Mapping[str, str] | None = None) -> Path:
    """The edits of ``day`` (times only, no labels), 0600: ``edits/YYYY-MM-DD.json``."""
    return edits_dir(env) / f"{day.isoformat()}.json"


def morning_file(env: Mapping[str, str] | None = None) -> Path:
    """The date the plan's morning notice was last shown (a date only, no labels), 0600."""
    return data_dir(env) / "morning-notice"


def crash_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where a crash report goes (frames only: no local variables, no file contents)."""
    return data_dir(env) / "crashes"


# --------------------------------------------------------------------------- private files

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Make sure the folder ``path`` exists; every folder this creates (parents too) is 0700.

    A folder that already exists is left as it is: it may be one the user chose and shares
    (``GROUNDTUI_DATA_DIR=~/Documents``).
    """
    missing: list[Path] = []
    here = path
    while not here.exists() and here != here.parent:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made at the same moment by another window
        os.chmod(folder, PRIVATE_DIR)  # the umask may have taken bits the owner needs
    if not path.is_dir():
        raise NotADirectoryError(f"not a folder: {path}")
    return path


def write_private(path: Path, text: str, *, replace: bool = True) -> Path:
    """Write ``text`` to ``path`` readable by its owner only (0600), in a 0700 folder.

    With ``replace`` (the default) the text goes to a 0600 temporary file beside it that then
    takes the name: never readable by others, not even for a moment, and never half written.
    With ``replace=False`` an existing file is an error (``FileExistsError``), as with 'x'.
    """
    folder = private_dir(path.parent)
    if not replace:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), PRIVATE_FILE)  # the umask may have taken the owner's bits
            out.write(text)
        return path
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), PRIVATE_FILE)
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return path


def modified_at(path: Path | None) -> float | None:
    """A file's modification time, or None when there is no such file (to notice edits)."""
    try:
        return path.stat().st_mtime if path is not None else None
    except OSError:
        return None


# --------------------------------------------------------------------------- reading a user's file

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
"""The most groundtui reads of any one file a user names (a schedule, an exercise, config)."""

_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def os_error_reason(err: OSError) -> str:
    """The words for a failed open or stat: 'no such file', 'a loop of symbolic links', ..."""
    if err.errno == errno.ENOENT:
        return "no such file"
    if err.errno == errno.ELOOP:
        return "cannot read: a loop of symbolic links"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    if err.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    if err.errno == errno.ENAMETOOLONG:
        return "cannot read: the path is too long"
    return f"cannot read: {err.strerror or type(err).__name__}"


def read_regular_file(
    path: Path,
    limit: int = MAX_FILE_BYTES,
    error: type[GroundError] = GroundError,
    what: str = "file",
) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path``, else ``error`` (one line).

    A named pipe, a device (``/dev/zero``), a socket or a folder is refused before anything is
    read, and opening never waits (a FIFO without a writer would block a plain open forever).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as err:
        raise error(os_error_reason(err), path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise error(f"is {kind}, not a {what}", path)
        if info.st_size > limit:
            raise error(f"is too large for a {what} (over {limit // MB} MB)", path)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # st_size may lie (a file still growing, /proc)
            chunk = os.read(fd, min(MB, limit + 1 - size))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise error(f"is too large for a {what} (over {limit // MB} MB)", path)
    except OSError as err:
        raise error(os_error_reason(err), path) from None
    finally:
        os.close(fd)
