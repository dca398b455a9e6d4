"""Where a key is: line and column of every key path in a TOML text tomllib has accepted."""

from __future__ import annotations

import contextlib
import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass

KeyPath = tuple[str | int, ...]
"""A path into the TOML data: ``("pattern", "inhale")``, ``("step", 2, "text")``."""


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
