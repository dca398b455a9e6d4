"""Reading TOML: ``load_toml`` and its guards; every failure is the caller's error with line:col.

Besides bad TOML it refuses text that is not UTF-8, a file too large or not a regular file,
nesting too deep (tomllib would hit RecursionError), dotted keys too long (tomllib is quadratic
in them) and integers too long to convert, all in bounded time.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from groundtui.errors import GroundError
from groundtui.tomlcheck.locate import KeyPath, TomlLocator
from groundtui.tomlcheck.words import did_you_mean

E = TypeVar("E", bound=GroundError)

MAX_BYTES = 1024 * 1024
"""The largest exercise or config file read (the real ones are a few kilobytes)."""

MAX_DEPTH = 32
"""The deepest nesting of arrays and inline tables accepted (ours use two or three)."""

MAX_KEY_PARTS = 32
"""The most parts a dotted key (``a.b.c``) or table header may have."""


@dataclass
class TomlDoc(Generic[E]):
    """A parsed TOML file: its data, its text (for positions) and the error type it raises."""

    text: str
    data: dict[str, Any]
    path: Path | None
    error_type: type[E]

    @functools.cached_property
    def where(self) -> TomlLocator:
        """Positions in the text, found only when a message needs one (most files need none)."""
        return TomlLocator(self.text)

    def error(self, message: str, at: KeyPath = (), *, value: bool = False) -> E:
        """An error at the key ``at`` (or at its value); unknown paths fall back to their table."""
        line, col = self.where.value(at) if value else self.where.key(at)
        return self.error_type(message, self.path, line, col)

    def unknown_key(
        self, at: KeyPath, known: Iterable[str], hint: str = "", *, shown: str = ""
    ) -> E:
        """``unknown key 'x' (did you mean 'y'?)`` at the key's name (in a header, too);
        ``hint`` when nothing is close; ``shown`` names the key another way ('planner.x')."""
        key = str(at[-1])
        hint = did_you_mean(key, known) or hint
        line, col = self.where.name(at)
        return self.error_type(f"unknown key '{shown or key}'{hint}", self.path, line, col)


def load_toml(
    source: Path | str,
    error: type[E],
    *,
    path: Path | None = None,
    relax: Callable[[str], str] | None = None,
) -> TomlDoc[E]:
    """Read (a Path) or take (a str) TOML text and parse it; every failure is an ``error``.

    ``relax`` may rewrite text tomllib refuses into text it takes (same lines and columns);
    it is tried once before the first error is raised.
    """
    if isinstance(source, Path):
        path = source
        text = read_text(source, error)
    else:
        text = source
    try:
        return TomlDoc(text, parse(text), path, error)
    except _Refused as first:
        relaxed = relax(text) if relax is not None else text
        if relaxed != text:
            with contextlib.suppress(_Refused):
                return TomlDoc(text, parse(relaxed), path, error)
        raise error(first.message, path, first.line, first.col) from None


def looks_like_toml(text: str) -> bool:
    """Whether ``text`` is TOML (or TOML too deep or too long to read: the TOML reader says so)."""
    try:
        parse(text)
    except _Refused as err:
        return err.structural
    return True


def read_text(path: Path, error: type[E]) -> str:
    """A regular file's UTF-8 text (a BOM is dropped), at most MAX_BYTES; else ``error``.

    A FIFO or device is refused without blocking on it. A missing file raises ``error``
    whose ``__cause__`` is the FileNotFoundError.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        raise error(f"cannot read: {err.strerror or err}", path) from err
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise error("not a regular file", path)
            raw = file.read(MAX_BYTES + 1)
        except OSError as err:
            raise error(f"cannot read: {err.strerror or err}", path) from err
    if len(raw) > MAX_BYTES:
        raise error(f"the file is too large (over {MAX_BYTES // 1024 // 1024} MB)", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        col = len(raw[line_start : err.start].decode("utf-8", "replace")) + 1
        raise error("this is not UTF-8 text (save the file as UTF-8)", path, line, col) from None


class _Refused(Exception):
    """Why text could not be parsed, with its 1-based position."""

    def __init__(self, message: str, line: int, col: int, *, structural: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.structural = structural
        """Refused for its shape (depth, key length, digits), not for bad TOML."""


_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:\\.|[^"\\\n])*+"|'[^'\n]*+')"""
_SHAPE = re.compile(
    # Every string and comment matches even unterminated (to its line's or the text's end), so
    # the scan is linear on any input; tomllib reports the unterminated string afterwards.
    rf"""
      (?P<chain>(?<![A-Za-z0-9_-]){_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_PARTS},}})
    | "{{3}}(?:\\[\s\S]|[^\\])*?(?:"{{3,5}}|\Z)
    | '{{3}}[\s\S]*?(?:'{{3,5}}|\Z)
    | "(?:\\.|[^"\\\n])*+"?
    | '[^'\n]*+'?
    | \#[^\n]*+
    | (?P<open>[\[{{])
    | (?P<close>[\]}}])
    """,
    re.VERBOSE,
)


def _check_shape(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH and dotted keys longer than MAX_KEY_PARTS, in one
    linear pass, before tomllib (which recurses per level and is quadratic in key parts)."""
    depth = 0
    for match in _SHAPE.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _position(text, match.start())
                message = f"values are nested too deeply (more than {MAX_DEPTH} levels)"
                raise _Refused(message, line, col, structural=True)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "chain":
            line, col = _position(text, match.start())
            message = f"a dotted key has too many parts (more than {MAX_KEY_PARTS})"
            raise _Refused(message, line, col, structural=True)


def parse(text: str) -> dict[str, Any]:
    """tomllib.loads with every failure as _Refused (position included)."""
    _check_shape(text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, col = _decode_error_position(err, text)
        raise _Refused(_decode_error_message(err), line, col) from None
    except RecursionError:  # a backstop: _check_shape bounds the depth first
        raise _Refused("values are nested too deeply to read", 1, 1, structural=True) from None
    except ValueError:  # int(): more digits than sys.get_int_max_str_digits()
        limit = sys.get_int_max_str_digits() or 4300
        found = re.search(rf"[0-9][0-9_]{{{limit},}}", text)
        line, col = _position(text, found.start()) if found else (1, 1)
        raise _Refused("a number has too many digits", line, col, structural=True) from None


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _decode_error_position(err: tomllib.TOMLDecodeError, text: str) -> tuple[int, int]:
    line = getattr(err, "lineno", None)
    col = getattr(err, "colno", None)
    if line is None:
        found = re.search(r"at line (\d+), column (\d+)", str(err))
        if found:
            line, col = int(found[1]), int(found[2])
    if line is None:  # "(at end of document)"
        lines = text.split("\n")
        return len(lines), len(lines[-1]) + 1
    return line, col or 1


def _decode_error_message(err: tomllib.TOMLDecodeError) -> str:
    """The message without its '(at line X, column Y)' tail."""
    message = getattr(err, "msg", None) or str(err)
    return re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)\s*$", "", message)
