"""How every TOML checker words a value: did-you-mean, a value's type, a usable number."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any


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
