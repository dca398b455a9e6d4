"""One toolkit for every TOML file groundtui checks: exercises, schedule.toml, config.toml.

``load_toml`` reads and parses a file (or text) and never raises anything but the caller's
GroundError, with the line and column: bad TOML, text that is not UTF-8, a file too large or
not a regular file, nesting too deep (tomllib would hit RecursionError), dotted keys too long
(tomllib is quadratic in them) and integers too long to convert. ``TomlDoc.where`` finds the
line and column of any key path, and ``did_you_mean``, ``describe`` and ``number`` word the
messages the same way in every file.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import re
import stat
import sys
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from groundtui.errors import GroundError

KeyPath = tuple[str | int, ...]
"""A path into the TOML data: ``("pattern", "inhale")``, ``("step", 2, "text")``."""

E = TypeVar("E", bound=GroundError)

MAX_BYTES = 1024 * 1024
"""The largest exercise or config file read (the real ones are a few kilobytes)."""

MAX_DEPTH = 32
"""The deepest nesting of arrays and inline tables accepted (ours use two or three)."""

MAX_KEY_PARTS = 32
"""The most parts a dotted key (``a.b.c``) or table header may have."""


# --------------------------------------------------------------------------- words


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the closest known word, or ''."""
    import difflib  # only when a word is unknown

    known = list(options)
    close = difflib.get_close_matches(word, known, n=1) or difflib.get_close_matches(
        word.lower(), known, n=1
    )
    return f" (did you mean '{close[0]}'?)" if close else ""


def fmt_number(value: float) -> str:
    """A number as people write it: 120, 4.5; a huge integer by its size, not its digits."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"{'-' if value < 0 else ''}a {len(str(abs(value)))}-digit number"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:g}"
    return str(value)


def describe(value: Any, *, quote_text: bool = True) -> str:
    """A value's type in words, for 'must be a number, got text "ten"'.

    ``quote_text=False`` never shows the text itself (for files that hold client labels).
    """
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, str):
        if not quote_text:
            return "text"
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f'text "{shown}"'
    if isinstance(value, int) and abs(value) >= 10**15:
        return fmt_number(value)
    if isinstance(value, int | float):
        return f"the number {fmt_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def number(value: Any) -> float | None:
    """``value`` as a finite float, or None when it is not a real number a person would mean:
    true/false, text, ``inf``, ``nan``, or an integer too large for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        result = float(value)
    except OverflowError:
        return None
    return result if math.isfinite(result) else None


def number_problem(value: Any) -> str | None:
    """Why ``value`` is not a usable number ('got inf', 'got text "x"'), or None if it is."""
    if number(value) is not None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"got {describe(value)}"
    return f"got {fmt_number(value)}"  # inf, -inf, nan, or an integer of hundreds of digits


# --------------------------------------------------------------------------- reading


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


# --------------------------------------------------------------------------- key positions


@dataclass(frozen=True)
class Spot:
    """Where a key (or table header, or array item) and its value start; 1-based."""

    line: int
    col: int
    value_line: int
    value_col: int
    name_col: int = 0
    """Where the key's own name is written (inside a table header); 0: at ``col``."""


class TomlLocator:
    """Line and column of every key in a TOML text, by key path.

    tomllib gives values but no positions, so this small scanner walks text that tomllib
    has already accepted and notes where each key, table header and array item starts. The
    n-th ``[[step]]`` header is ``("step", n)``. A path it does not know falls back to its
    table, and finally to 1:1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spots: dict[KeyPath, Spot] = {}
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._i = 0
        self._aot: dict[KeyPath, int] = {}
        # Keep what was found on any surprise; unknown paths fall back to their table.
        with contextlib.suppress(IndexError, ValueError, RecursionError, tomllib.TOMLDecodeError):
            self._scan()

    def key(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the key at ``path`` (or of the nearest known table)."""
        while path:
            spot = self.spots.get(path)
            if spot is not None:
                return spot.line, spot.col
            path = path[:-1]
        return 1, 1

    def name(self, path: KeyPath) -> tuple[int, int]:
        """Like ``key``, but inside a table header it is the name: the ``s`` of ``[[s]]``."""
        spot = self.spots.get(path)
        if spot is not None and spot.name_col:
            return spot.line, spot.name_col
        return self.key(path)

    def value(self, path: KeyPath) -> tuple[int, int]:
        """Line and column of the value at ``path`` (or where its key is)."""
        spot = self.spots.get(path)
        if spot is not None:
            return spot.value_line, spot.value_col
        return self.key(path)

    # -- scanning (text is valid TOML; any surprise ends the scan, see __init__)

    def _pos(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _peek(self) -> str:
        return self.text[self._i] if self._i < len(self.text) else ""

    def _skip_ws(self) -> None:
        while self._peek() in (" ", "\t"):
            self._i += 1

    def _skip_trivia(self) -> None:
        while True:
            c = self._peek()
            if c in (" ", "\t", "\r", "\n"):
                self._i += 1
            elif c == "#":
                end = self.text.find("\n", self._i)
                self._i = len(self.text) if end < 0 else end
            else:
                return

    def _scan(self) -> None:
        table: KeyPath = ()
        while True:
            self._skip_trivia()
            if self._i >= len(self.text):
                return
            start = self._i
            if self._peek() == "[":
                table = self._header()
            else:
                self._keyval(table)
            if self._i <= start:
                raise ValueError("scanner made no progress")

    def _note(self, path: KeyPath, key: tuple[int, int], value: tuple[int, int]) -> None:
        self.spots.setdefault(path, Spot(*key, *value))

    def _header(self) -> KeyPath:
        start = self._i
        is_array = self.text.startswith("[[", start)
        self._i += 2 if is_array else 1
        parts = self._key()
        self._skip_ws()
        self._i += 2 if is_array else 1
        pos = self._pos(start)
        resolved: KeyPath = ()
        for part, offset in parts[:-1]:
            resolved = (*resolved, part)
            self.spots.setdefault(resolved, Spot(*pos, *pos, self._pos(offset)[1]))
            if resolved in self._aot:
                resolved = (*resolved, self._aot[resolved] - 1)
        last, offset = parts[-1]
        name_col = self._pos(offset)[1]
        resolved = (*resolved, last)
        if is_array:
            count = self._aot.get(resolved, 0)
            self._aot[resolved] = count + 1
            self.spots.setdefault(resolved, Spot(*pos, *pos, name_col))
            resolved = (*resolved, count)
        self.spots[resolved] = Spot(*pos, *pos, name_col)
        return resolved

    def _key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self._skip_ws()
            start = self._i
            c = self._peek()
            if c == '"':
                self._basic_string()
                name = tomllib.loads("k = " + self.text[start : self._i])["k"]
            elif c == "'":
                end = self.text.index("'", start + 1)
                name = self.text[start + 1 : end]
                self._i = end + 1
            else:
                while (ch := self._peek()) and (ch.isascii() and (ch.isalnum() or ch in "-_")):
                    self._i += 1
                name = self.text[start : self._i]
                if not name:
                    raise ValueError("expected a key")
            parts.append((name, start))
            self._skip_ws()
            if self._peek() != ".":
                return parts
            self._i += 1

    def _keyval(self, prefix: KeyPath) -> None:
        parts = self._key()
        self._skip_ws()
        if self._peek() != "=":
            raise ValueError("expected '='")
        self._i += 1
        self._skip_ws()
        path = prefix
        for part, offset in parts[:-1]:
            path = (*path, part)
            pos = self._pos(offset)
            self._note(path, pos, pos)
        path = (*path, parts[-1][0])
        self.spots[path] = Spot(*self._pos(parts[-1][1]), *self._pos(self._i))
        self._value(path)

    def _value(self, path: KeyPath) -> None:
        start = self._i
        c = self._peek()
        if c == "{":
            self._inline_table(path)
        elif c == "[":
            self._array(path)
        elif c == '"':
            self._basic_string()
        elif c == "'":
            self._literal_string()
        else:
            while (ch := self._peek()) and ch not in ",]}#\r\n":
                self._i += 1
        if self._i <= start:
            raise ValueError("expected a value")

    def _array(self, path: KeyPath) -> None:
        self._i += 1
        index = 0
        while True:
            self._skip_trivia()
            c = self._peek()
            if c == "]":
                self._i += 1
                return
            if not c:
                raise ValueError("unterminated array")
            if c == ",":
                self._i += 1
                continue
            pos = self._pos(self._i)
            item = (*path, index)
            self.spots[item] = Spot(*pos, *pos)
            self._value(item)
            index += 1

    def _inline_table(self, path: KeyPath) -> None:
        self._i += 1
        while True:
            self._skip_trivia()
            c = self._peek()
            if c == "}":
                self._i += 1
                return
            if not c:
                raise ValueError("unterminated inline table")
            if c == ",":
                self._i += 1
                continue
            self._keyval(path)

    def _basic_string(self) -> None:
        text = self.text
        if text.startswith('"""', self._i):
            self._i += 3
            while True:
                if text[self._i] == "\\":
                    self._i += 2
                elif text.startswith('"""', self._i):
                    self._i += 3
                    for _ in range(2):  # up to two quotes may end the content
                        if self._peek() == '"':
                            self._i += 1
                    return
                else:
                    self._i += 1
        self._i += 1
        while True:
            c = text[self._i]
            self._i += 2 if c == "\\" else 1
            if c == '"':
                return

    def _literal_string(self) -> None:
        text = self.text
        if text.startswith("'''", self._i):
            self._i = text.index("'''", self._i + 3) + 3
            for _ in range(2):
                if self._peek() == "'":
                    self._i += 1
            return
        self._i = text.index("'", self._i + 1) + 1
