"""Text from files, made safe to show: control characters become visible, never act.

A schedule label or an exercise text is data, so it must never reach a terminal as a command:
an ESC, a C1 control (``\\x9b`` is a CSI on its own) or a bell could clear the screen, set the
window title or write the clipboard (OSC 52); a bidi override could reorder what is read. The
values are cleaned once, where they are made (``Session``, the exercise model, ``GroundError``),
so no screen or command can forget; rendering them as text, not markup, is the screens' part.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates (the 'Trojan Source' characters)."""

_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _shown(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ESC -> '␛', BEL -> '␇'
    if code == 0x7F:
        return "\u2421"  # '␡'
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _visible_char(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\t" else _shown(char)


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible stand-in instead of acting.

    ESC becomes '␛' (any C0 control its Control Picture), DEL '␡', a C1 control or a bidi
    control its escape (``\\x9b``, ``\\u202e``); a tab is a space. With ``newlines`` a line
    break (``\\n``, ``\\r\\n`` or a lone ``\\r``) is kept as ``\\n``, for texts meant to span
    lines; without, it is shown as '␊' like any other control.
    """
    if newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not _UNSAFE.search(text.replace("\n", "")):
            return text
        return "\n".join(_UNSAFE.sub(_visible_char, line) for line in text.split("\n"))
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_visible_char, text)


def one_line(text: str) -> str:
    """A label as one line: runs of white space (line breaks too) become one space, and any
    other control character is made visible."""
    return visible(" ".join(text.split()))


def is_safe(text: str, *, newlines: bool = False) -> bool:
    """Whether ``text`` holds no control character (tests and assertions)."""
    return _UNSAFE.search(text.replace("\n", "") if newlines else text) is None
