"""The now panel's big digits, drawn cheaply: they are set on every tick of a gap (a second
apart all day), though they change only once a minute until its last one."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widgets import Digits

_OFFSET = Style(meta={"offset": (0, 0)})
"""The meta Textual's own ``Digits`` puts on its segments (kept, so the cells are the same)."""


def glyph_rows(value: str, bold: bool) -> tuple[str, str, str] | None:
    """The three rows of ``value`` in the 3x3 font, or None if it has a character the font
    does not draw (those are left to ``Digits``' own rendering)."""
    font = DIGITS3X3_BOLD if bold else DIGITS3X3
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for character in value:
        position = DIGITS.find(character)
        if position < 0:
            return None
        for row in range(3):
            rows[row].append(font[position * 3 + row].ljust(3))
    return "".join(rows[0]), "".join(rows[1]), "".join(rows[2])


def changed_columns(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int] | None:
    """The first and one past the last column where two drawings of the same width differ."""
    columns = [
        x for x in range(len(new[0])) if any(a[x] != b[x] for a, b in zip(old, new, strict=True))
    ]
    return (columns[0], columns[-1] + 1) if columns else None


class BigDigits(Digits):
    """``Digits`` that draw their three rows as one segment each, straight from the font.

    The same cells and styles as Textual's ``Digits`` (a test compares them); without its Rich
    layout (``Align`` and a console render each second), and a new value repaints only the
    columns whose cells changed (one digit, most of the time). Anything unusual (a
    selection, a width other than the digits', a character outside the font) is drawn by
    ``Digits`` itself.
    """

    _drawn: tuple[tuple[str, bool, Style, int], tuple[Strip, ...]] | None = None

    def update(self, value: str) -> None:
        old, drawn = self._value, self._drawn
        width = DigitsRenderable.get_width(old)
        if (
            drawn is None
            or width != DigitsRenderable.get_width(value)
            or width != self.content_size.width
        ):
            # not drawn yet, a new width (lay out again), or digits aligned in a wider box
            super().update(value)
            return
        bold = drawn[0][1]  # the style the digits were last drawn in (a new one repaints all)
        before, after = glyph_rows(old, bold), glyph_rows(value, bold)
        self._value = value
        if before is None or after is None:
            self.refresh()
            return
        columns = changed_columns(before, after)
        if columns is not None:
            start, end = columns
            self.refresh(Region(start, 0, end - start, 3))

    _style: tuple[object, Style] | None = None
    """The segments' style and the visual style it was made for (Textual caches that one
    until the widget's styles change; the rich style is worked out again after every refresh,
    so it is read only when the visual style changed)."""

    def _segment_style(self) -> Style:
        visual = self.visual_style
        if self._style is None or self._style[0] is not visual:
            self._style = (visual, visual.rich_style + (self.rich_style + _OFFSET))
        return self._style[1]

    def _strips(self) -> tuple[Strip, ...] | None:
        style = self._segment_style()
        width = self.content_size.width
        key = (self._value, bool(style.bold), style, width)
        if self._drawn is not None and self._drawn[0] == key:
            return self._drawn[1]
        rows = glyph_rows(self._value, bool(style.bold))
        if rows is None or len(rows[0]) != width:
            return None
        strips = tuple(Strip([Segment(row, style)], width) for row in rows)
        self._drawn = (key, strips)
        return strips

    def render_line(self, y: int) -> Strip:
        strips = None if self.text_selection else self._strips()
        if strips is None or not 0 <= y < len(strips):
            return super().render_line(y)
        return strips[y]
