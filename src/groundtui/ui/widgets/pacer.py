"""The breathing pacer: a slowly growing and shrinking circle, the phase in words, seconds left."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Label, ProgressBar, Static

from groundtui.exercises import Pattern, PhaseState, phase_at

PHASE_WORDS = {
    "inhale": "Breathe in",
    "top_up": "A little more in",
    "hold": "Hold",
    "exhale": "Breathe out",
    "hold_after": "Rest",
}
"""What each phase is called on screen."""

INHALE_WITH_TOP_UP = 0.8
"""How full the first inhale gets when a top-up inhale follows (cyclic sighing)."""


def phase_words(name: str) -> str:
    return PHASE_WORDS.get(name, name.replace("_", " ").capitalize())


def extra_cue(name: str, cue: str) -> str:
    """The cue, unless it only repeats the phase's own words (the loader's default cues do)."""

    def plain(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    return "" if plain(cue) == plain(phase_words(name)) else cue.strip()


def _ease(t: float) -> float:
    """Sine ease-in-out: slow at both ends, like a breath."""
    t = min(1.0, max(0.0, t))
    return (1.0 - math.cos(math.pi * t)) / 2.0


def breath_level(pattern: Pattern, state: PhaseState) -> float:
    """How full the lungs are (0 empty … 1 full) at ``state``; pure, for the pacer's size."""
    has_top_up = any(p.name == "top_up" for p in pattern.phases)
    level = 0.0
    for i, phase in enumerate(pattern.phases):
        start = level
        if phase.name == "inhale":
            end = INHALE_WITH_TOP_UP if has_top_up else 1.0
        elif phase.name == "top_up":
            end = 1.0
        elif phase.name == "exhale":
            end = 0.0
        else:
            end = start
        if i == state.index:
            if state.finished:
                return end
            t = state.phase_elapsed / phase.seconds if phase.seconds > 0 else 1.0
            return start + (end - start) * _ease(t)
        level = end
    return level


def seconds_word(seconds: float) -> str:
    """Whole seconds left in a phase, rounded up (so '1' shows until the phase turns)."""
    return str(max(0, math.ceil(seconds - 1e-9)))


def _set_text(widget: Static, text: str) -> None:
    """Update a text widget only when its text changes: no layout pass on every frame."""
    if widget.content != text:
        widget.update(text)


class Orb(Widget):
    """A circle of half-block cells whose size follows ``level``; a faint ring marks full.

    It repaints only when the drawn circle changes (half a pixel of radius), and each drawing
    is cached, so a slow breath costs a few small repaints a second rather than a full frame.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"orb--fill", "orb--ring"}

    level: reactive[float] = reactive(0.0, repaint=False)
    """0 (empty lungs, a small dot) … 1 (full, the circle reaches the ring)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._drawn: tuple[int, int, float] | None = None
        self._shown: tuple[Strip, ...] = ()
        """The drawing last asked for: the next one repaints only the rows that differ."""

    def validate_level(self, level: float) -> float:
        return min(1.0, max(0.0, level))

    def _key(self) -> tuple[int, int, float]:
        width, height = self.content_size
        return width, height, orb_radius(width, height, self.level)

    def watch_level(self) -> None:
        key = self._key()
        if key == self._drawn:
            return
        old, new = self._shown, self._strips(*key)
        self._drawn, self._shown = key, new
        width = key[0]
        if len(old) != len(new) or not old or width <= 0:
            self.refresh()
            return
        # A breath moves the circle's edge: most rows keep their cells from one drawing to the
        # next (the ring, the empty rows, the middle of a small circle). Repaint the rest only.
        changed = [y for y, (a, b) in enumerate(zip(old, new, strict=True)) if list(a) != list(b)]
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def _strips(self, width: int, height: int, radius: float) -> tuple[Strip, ...]:
        base = Style(bgcolor=self.background_colors[1].rich_color)
        if width <= 0 or height <= 0:
            return ()
        fill = base + Style(color=self.get_component_rich_style("orb--fill").color)
        ring = base + Style(color=self.get_component_rich_style("orb--ring").color)
        return _orb_strips(width, height, radius, base, fill, ring)

    def render_line(self, y: int) -> Strip:
        """One row of the circle, from a cache of whole drawings (no per-frame text layout)."""
        width, height, radius = key = self._key()
        strips = self._strips(width, height, radius)
        if y == 0 or key != self._drawn:
            self._drawn, self._shown = key, strips
        if y >= len(strips):
            base = Style(bgcolor=self.background_colors[1].rich_color)
            return Strip.blank(max(0, width), base)
        return strips[y]


@lru_cache(maxsize=256)
def _orb_strips(
    width: int, height: int, radius: float, base: Style, fill: Style, ring: Style
) -> tuple[Strip, ...]:
    """The orb's rows as strips, built as segments (no ``Text`` layout): a cold drawing is the
    cost of the first breath's repaints. The same cells and styles as ``render_orb`` over
    ``base`` (a test compares them)."""
    kinds = _orb_kinds(width, height, radius)
    over = (base, base + fill, base + ring)
    halves: dict[tuple[int, int], tuple[str, Style]] = {}
    strips: list[Strip] = []
    for row in kinds:
        segments: list[Segment] = []
        run_text, run_style = "", None
        for cell in row:
            got = halves.get(cell)
            if got is None:
                top, bottom = cell
                if top == bottom:
                    got = ("█" if top else " ", over[top])
                elif bottom == 0:
                    got = ("▀", over[top])
                elif top == 0:
                    got = ("▄", over[bottom])
                else:
                    colour = (fill, ring)[top - 1].color
                    under = (fill, ring)[bottom - 1].color
                    got = ("▀", base + Style(color=colour, bgcolor=under))
                halves[cell] = got
            char, style = got
            if style == run_style:
                run_text += char
            else:
                if run_text:
                    segments.append(Segment(run_text, run_style))
                run_text, run_style = char, style
        if run_text:
            segments.append(Segment(run_text, run_style))
        strips.append(Strip(segments, width).simplify())
    return tuple(strips)


def _orb_kinds(width: int, height: int, radius: float) -> list[list[tuple[int, int]]]:
    """Per cell, the (top, bottom) half-pixels: 0 empty, 1 the circle, 2 the ring."""
    cx, cy = width / 2.0, float(height)  # pixel grid: width x (2 * height)
    r_max = max(1.0, min(cy - 0.5, cx - 1.0))

    def kind(x: int, py: int) -> int:
        dist = math.hypot(x + 0.5 - cx, py + 0.5 - cy)
        if dist <= radius:
            return 1
        if abs(dist - r_max) <= 0.5:
            return 2
        return 0

    return [
        [(kind(x, 2 * row), kind(x, 2 * row + 1)) for x in range(width)] for row in range(height)
    ]


def orb_radius(width: int, height: int, level: float) -> float:
    """The circle's radius in pixels for ``level``, to the half pixel that shows on screen."""
    cx, cy = width / 2.0, float(height)
    r_max = max(1.0, min(cy - 0.5, cx - 1.0))
    r_min = min(1.5, r_max)
    return round((r_min + (r_max - r_min) * level) * 2) / 2


def render_orb(width: int, height: int, level: float, fill: Style, ring: Style) -> Text:
    """The orb as text: pixels are half a cell tall, so the circle is round on screen."""
    return _orb_text(width, height, orb_radius(width, height, level), fill, ring).copy()


@lru_cache(maxsize=256)
def _orb_text(width: int, height: int, radius: float, fill: Style, ring: Style) -> Text:
    cx, cy = width / 2.0, float(height)  # pixel grid: width x (2 * height)
    r_max = max(1.0, min(cy - 0.5, cx - 1.0))
    kinds = (None, fill, ring)

    def kind(x: int, py: int) -> int:
        dist = math.hypot(x + 0.5 - cx, py + 0.5 - cy)
        if dist <= radius:
            return 1
        if abs(dist - r_max) <= 0.5:
            return 2
        return 0

    text = Text(no_wrap=True, overflow="crop")
    for row in range(height):
        for x in range(width):
            top, bottom = kind(x, 2 * row), kind(x, 2 * row + 1)
            if top == bottom:
                text.append("█" if top else " ", kinds[top])
            elif bottom == 0:
                text.append("▀", kinds[top])
            elif top == 0:
                text.append("▄", kinds[bottom])
            else:
                colour = kinds[top].color  # type: ignore[union-attr]
                under = kinds[bottom].color  # type: ignore[union-attr]
                text.append("▀", Style(color=colour, bgcolor=under))
        if row < height - 1:
            text.append("\n")
    return text


class Pacer(Vertical):
    """Breathing pacer. The screen sets ``elapsed`` from its clock; the pacer never counts ticks.

    ``state`` follows from ``pattern`` and ``elapsed`` through the pure ``phase_at``.
    """

    pattern: reactive[Pattern | None] = reactive(None)
    elapsed: reactive[float] = reactive(0.0, always_update=True, repaint=False)
    """Seconds of practice (paused time excluded), set by whoever owns the clock. Not drawn by
    the pacer itself (its children are): a repaint would redraw the whole pacer, the orb
    included, on every tick (8 a second) where only what changed needs drawing."""
    state: reactive[PhaseState | None] = reactive(None, repaint=False)
    reduced_motion: reactive[bool] = reactive(False)
    """No moving circle: only words, seconds and a progress bar."""

    @dataclass
    class PhaseChanged(Message):
        """A new phase began (also the first one)."""

        pacer: Pacer
        state: PhaseState
        began: float
        """The practice second at which it began, computed from ``elapsed`` (not the tick)."""

        @property
        def control(self) -> Pacer:
            return self.pacer

    @dataclass
    class Finished(Message):
        """The last cycle's last phase is over."""

        pacer: Pacer

        @property
        def control(self) -> Pacer:
            return self.pacer

    def __init__(
        self,
        pattern: Pattern | None = None,
        *,
        reduced_motion: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(Pacer.pattern, pattern)
        self.set_reactive(Pacer.reduced_motion, reduced_motion)

    def compose(self) -> ComposeResult:
        yield Orb(id="pacer-orb")
        yield Label(id="pacer-phase", classes="pacer-line")
        yield Label(id="pacer-cue", classes="pacer-line", markup=False)
        yield Label(id="pacer-count", classes="pacer-line")
        total = self.pattern.seconds if self.pattern else 1.0  # never None: no busy animation
        with Center(id="pacer-progress-row"):
            yield ProgressBar(
                total=total, show_eta=False, show_percentage=False, id="pacer-progress"
            )

    def on_mount(self) -> None:
        self.watch_reduced_motion(self.reduced_motion)
        self._update_state()

    def watch_reduced_motion(self, reduced: bool) -> None:
        self.set_class(reduced, "-reduced-motion")
        if self.is_mounted:
            self._show(self.state)

    def watch_pattern(self, pattern: Pattern | None) -> None:
        if self.is_mounted:
            self.query_one(ProgressBar).total = pattern.seconds if pattern else 1.0
        self._update_state()

    def watch_elapsed(self) -> None:
        self._update_state()

    def _update_state(self) -> None:
        if self.pattern is not None and self.pattern.phases:
            self.state = phase_at(self.pattern, self.elapsed)
        else:
            self.state = None

    def watch_state(self, old: PhaseState | None, new: PhaseState | None) -> None:
        if new is not None:
            if new.finished:
                if old is None or not old.finished:
                    self.post_message(self.Finished(self))
            elif old is None or old.finished or (old.cycle, old.index) != (new.cycle, new.index):
                self.post_message(self.PhaseChanged(self, new, self.elapsed - new.phase_elapsed))
        if self.is_mounted:
            self._show(new)

    def _show(self, state: PhaseState | None) -> None:
        pattern = self.pattern
        phase_label = self.query_one("#pacer-phase", Label)
        cue_label = self.query_one("#pacer-cue", Label)
        count_label = self.query_one("#pacer-count", Label)
        if pattern is None or state is None:
            _set_text(phase_label, "")
            _set_text(cue_label, "")
            _set_text(count_label, "")
            return
        if state.finished:
            _set_text(phase_label, "Breathe normally")
            _set_text(cue_label, "")
            _set_text(count_label, f"{pattern.cycles} of {pattern.cycles} cycles")
        else:
            _set_text(phase_label, phase_words(state.phase.name))
            _set_text(cue_label, extra_cue(state.phase.name, state.phase.cue))
            left = seconds_word(state.phase_remaining)
            _set_text(count_label, f"{left} s  ·  cycle {state.cycle} of {pattern.cycles}")
        # In reduced motion the text is all there is: its lines keep their places between
        # phases (an empty cue line stays), so nothing jumps.
        cue_label.display = self.reduced_motion or (
            bool(extra_cue(state.phase.name, state.phase.cue)) and not state.finished
        )
        if self.reduced_motion:
            self.query_one(ProgressBar).progress = min(self.elapsed, pattern.seconds)
        else:
            self.query_one(Orb).level = breath_level(pattern, state)
