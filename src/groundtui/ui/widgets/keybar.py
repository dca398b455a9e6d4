"""The key bar at the bottom of every screen: one line of text, redrawn only when the keys change.

Textual's ``Footer`` builds a widget per key and recomposes them whenever the bindings change,
which at start-up costs more than the rest of the first screen together. This draws the same
information (the screen's shown bindings, dimmed when disabled, the command palette's key on
the right) as a single line, fitted to the width: roomy, then compact, then without the palette
key, then without keys from the right (the last, Quit, stays), then cut with an ellipsis.
Clicking a key presses it, as with the Footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

PALETTE_MARK = "▏"


@dataclass(frozen=True)
class KeyHint:
    """One key on the bar."""

    key: str
    """The key as Textual names it (what a click simulates)."""
    display: str
    description: str
    enabled: bool = True


@dataclass(frozen=True)
class Placed:
    """Where a key landed on the line, for clicks."""

    start: int
    end: int
    hint: KeyHint


def layout(
    hints: list[KeyHint], palette: KeyHint | None, width: int, compact: bool
) -> list[tuple[int, str, KeyHint | None]]:
    """The line as (column, text, hint) pieces; None marks the palette separator.

    Roomy: `` key description `` per key; compact: ``key description`` with two spaces between.
    """
    pieces: list[tuple[int, str, KeyHint | None]] = []
    column = 0 if compact else 1
    for hint in hints:
        text = f"{hint.display} {hint.description}" if hint.description else hint.display
        pieces.append((column, text, hint))
        column += len(text) + 2
    if palette is not None:
        text = f"{palette.display} {palette.description}"
        start = max(column, width - len(text) - (0 if compact else 1))
        pieces.append((start - 1, PALETTE_MARK, None))
        pieces.append((start, text, palette))
    return pieces


def fits(pieces: list[tuple[int, str, KeyHint | None]], width: int) -> bool:
    return not pieces or pieces[-1][0] + len(pieces[-1][1]) <= width


class KeyBar(Widget):
    """The screen's keys on one line (a light stand-in for Textual's Footer)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    compact_below = 72
    """Narrower than this, the bar starts compact."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._hints: tuple[list[KeyHint], KeyHint | None] | None = None
        self._placed: list[Placed] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen and self.is_attached:
            hints = self.read_hints()
            if hints != self._hints:
                self._hints = hints
                self.refresh()

    def read_hints(self) -> tuple[list[KeyHint], KeyHint | None]:
        """The shown bindings, one per action (the first key bound to it), and the palette's."""
        app = self.app
        active = self.screen.active_bindings

        def hint(binding: Binding, enabled: bool) -> KeyHint:
            return KeyHint(binding.key, app.get_key_display(binding), binding.description, enabled)

        hints: list[KeyHint] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                hints.append(hint(binding, enabled))
        palette: KeyHint | None = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = hint(binding, enabled)
        return hints, palette

    @property
    def hints(self) -> list[KeyHint]:
        """The keys drawn last time (what a click can press)."""
        return [placed.hint for placed in self._placed]

    def render(self) -> Text:
        if self._hints is None:
            self._hints = self.read_hints()
        hints, palette = self._hints
        width = self.size.width
        attempts = [(False, palette), (True, palette), (True, None)]
        if width < self.compact_below:
            attempts = attempts[1:]
        for compact, shown_palette in attempts:
            pieces = layout(hints, shown_palette, width, compact)
            if fits(pieces, width):
                return self._draw(pieces, width)
        # Still too wide: leave out keys from the right, but keep the last one (the app's
        # Quit), then cut what remains.
        kept = list(hints)
        pieces = layout(kept, None, width, True)
        while len(kept) > 2 and not fits(pieces, width):
            del kept[-2]
            pieces = layout(kept, None, width, True)
        return self._draw(pieces, width)

    def _draw(self, pieces: list[tuple[int, str, KeyHint | None]], width: int) -> Text:
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        muted = Style(dim=True)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        self._placed = []
        for column, piece, hint in pieces:
            line.append(" " * (column - len(line.plain)))
            if hint is None:
                line.append(piece, muted)
                continue
            dim = muted if not hint.enabled else Style()
            line.append(hint.display, key_style + dim)
            if hint.description:
                line.append(" " + hint.description, text_style + dim)
            self._placed.append(Placed(column, column + len(piece), hint))
        line.truncate(width, overflow="ellipsis")
        return line

    def key_at(self, x: int) -> KeyHint | None:
        for placed in self._placed:
            if placed.start <= x < placed.end:
                return placed.hint
        return None

    def on_click(self, event: events.Click) -> None:
        hint = self.key_at(event.x)
        if hint is None:
            return
        event.stop()
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()
