"""The label-free day cache: per set of command-line inputs, one file in
``<cache dir>/days/<hash>.bin`` (0600 in a 0700 folder, written atomically).

What it holds: the planned times (microseconds since the epoch, and the ISO texts status
prints), exercise ids, kinds and names, roles and flags; the plan's JSON without labels; the
lines said on stderr. Never a session label, never a feed address (the file is named by a hash).

It is good while every file it was made from is unchanged (``os.stat``: mtime, size, inode):
config.toml, schedule.toml, each schedule file, each feed's label-free copy, the exercise
folders and files, groundtui's own source files (so a new planner rule makes it stale; for an
installed wheel its ``RECORD``, which pip rewrites with them) and, per
day, the day edits file. The key also holds groundtui's version, the Python version, the
folders, the ``--schedule``/``--tz`` arguments and the system zone (``TZ``, /etc/localtime).

Imports only what ``answer`` needs: ``os``, ``sys``, ``marshal`` (no json, no hashlib).
"""

from __future__ import annotations

import marshal
import os
import stat
import sys

TYPE_CHECKING = False  # not typing's: a status answered from the cache never loads typing
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

FORMAT = 2
MAX_BYTES = 8 * 1024 * 1024
"""A day cache larger than this is not ours: it is not read."""
MAX_DAYS = 8
"""Days kept per file (the newest written)."""

Sig = tuple[int, int, int] | None


class NotSure(Exception):
    """The cache cannot answer for sure: the full command line answers."""


def stat_sig(path: str) -> Sig:
    """(mtime ns, size, inode) of ``path``, or None when it cannot be seen."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def schedule_key(arg: str, cwd: str) -> str:
    """A ``--schedule`` argument as the key holds it: a feed as given (it is hashed, never
    written), a file as an absolute path (relative ones depend on the folder)."""
    if "://" in arg:
        return arg
    path = os.path.expanduser(arg)
    return path if path.startswith("/") else os.path.join(cwd, path)


def key_text(schedule: Sequence[str], tz: str | None, folders: Sequence[str], version: str) -> str:
    """Everything the answer depends on that is not a file: hashed into the file name."""
    cwd = os.getcwd() if schedule else ""
    try:
        localtime = os.readlink("/etc/localtime")
    except OSError:
        localtime = ""
    parts = [
        f"format={FORMAT}",
        f"version={version}",
        f"python={sys.version}",
        f"tz={tz!r}",
        f"TZ={os.environ.get('TZ')!r}",
        f"localtime={localtime}",
        *(f"folder={f}" for f in folders),
        *(f"schedule={schedule_key(s, cwd)}" for s in schedule),
    ]
    return "\0".join(parts)


def _sha256_hex(text: str) -> str:
    # the C module itself: hashlib loads OpenSSL (~4 ms); Python 3.12+ names it _sha2.
    # __import__, not importlib (which loads warnings): these are top-level names.
    for name in ("_sha256", "_sha2", "hashlib"):
        try:
            sha256 = __import__(name).sha256
        except (ImportError, AttributeError):
            continue
        return str(sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    raise ImportError("no sha256")


def cache_file(cache_dir: str, key: str) -> str:
    return os.path.join(cache_dir, "days", _sha256_hex(key)[:32] + ".bin")


def load(path: str, fmt: int = FORMAT) -> dict[str, Any] | None:
    """The cache file's content, or None (missing, damaged, not format ``fmt``)."""
    try:  # never wait on a FIFO put in its place; read a regular file, and at most MAX_BYTES
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None
            raw = f.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        data = marshal.loads(raw)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != fmt:
        return None
    return data


def files_unchanged(files: Sequence[tuple[str, Sig]]) -> bool:
    """Whether every file is as it was when the entry was made."""
    return all(stat_sig(path) == sig for path, sig in files)


def _private_folders(folder: str) -> None:
    """``folder`` and every parent this makes, 0700 (``os.makedirs`` gives parents 0755)."""
    parent = os.path.dirname(folder)
    if parent and parent != folder and not os.path.isdir(parent):
        _private_folders(parent)
    if not os.path.isdir(folder):
        os.mkdir(folder, 0o700)
    os.chmod(folder, 0o700)


def save(path: str, data: dict[str, Any]) -> None:
    """Write atomically, 0600 in a 0700 folder. A cache that cannot be written is no error."""
    folder = os.path.dirname(path)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        _private_folders(folder)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            marshal.dump(data, out)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:  # noqa: SIM105 - contextlib is not loaded on a cache hit
            os.unlink(tmp)
        except OSError:
            pass
