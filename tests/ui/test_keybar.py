"""The key bar: the screen's keys on one line, fitted to the width, clickable."""

from __future__ import annotations

from reset_apps import T0, ResetHost, box_breathing
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from groundtui.clock import ManualClock
from groundtui.ui.widgets.keybar import KeyBar, KeyHint, fits, layout

HINTS = [KeyHint("space", "space", "Start"), KeyHint("l", "l", "Log"), KeyHint("q", "q", "Quit")]
PALETTE = KeyHint("ctrl+p", "^p", "palette")


def line(pieces: list[tuple[int, str, KeyHint | None]]) -> str:
    text = ""
    for column, piece, _hint in pieces:
        text += " " * (column - len(text)) + piece
    return text


def test_roomy_layout_puts_the_palette_key_on_the_right() -> None:
    pieces = layout(HINTS, PALETTE, 60, compact=False)
    assert line(pieces) == " space Start  l Log  q Quit" + " " * 21 + "▏^p palette"
    assert len(line(pieces)) == 59 and fits(pieces, 60)


def test_compact_layout_starts_at_the_edge() -> None:
    pieces = layout(HINTS, None, 30, compact=True)
    assert line(pieces) == "space Start  l Log  q Quit"
    assert fits(pieces, 26) and not fits(pieces, 25)


class Host(App[None]):
    BINDINGS = [
        Binding("a", "press('a')", "Alpha"),
        Binding("b", "press('b')", "Bravo"),
        Binding("c", "press('c')", "Hidden", show=False),
        Binding("z", "press('z')", "Zulu"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bravo = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def action_press(self, which: str) -> None:
        self.pressed.append(which)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters == ("b",):
            return self.bravo
        if parameters == ("z",):
            return None  # shown, but disabled
        return True


def rendered(app: App[None]) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_shows_the_shown_keys_and_the_palette_key() -> None:
    app = Host()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        text = rendered(app)
        assert text.startswith(" a Alpha  b Bravo  z Zulu")
        assert "Hidden" not in text
        assert text.endswith("▏^p palette") and len(text) == 79
        assert [hint.key for hint in app.screen.query_one(KeyBar).hints][:3] == ["a", "b", "z"]


async def test_follows_bindings_that_come_and_go() -> None:
    app = Host()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        app.bravo = False
        app.refresh_bindings()
        await pilot.pause()
        assert "Bravo" not in rendered(app)
        app.bravo = True
        app.refresh_bindings()
        await pilot.pause()
        assert "Bravo" in rendered(app)


async def test_narrow_goes_compact_then_drops_the_palette_then_keys_then_cuts() -> None:
    app = Host()
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        assert rendered(app).startswith("a Alpha  b Bravo  z Zulu")
        assert "^p palette" in rendered(app)
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert rendered(app) == "a Alpha  b Bravo  z Zulu"
        await pilot.resize_terminal(20, 10)
        await pilot.pause()
        assert rendered(app) == "a Alpha  z Zulu"  # keys go from the right; the last stays
        await pilot.resize_terminal(14, 10)
        await pilot.pause()
        assert rendered(app) == "a Alpha  z Zu…"


async def test_clicking_a_key_presses_it_and_a_disabled_key_does_nothing() -> None:
    app = Host()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        await pilot.click(KeyBar, offset=(11, 0))  # on "b Bravo"
        await pilot.pause()
        assert app.pressed == ["b"]
        await pilot.click(KeyBar, offset=(20, 0))  # on the disabled "z Zulu"
        await pilot.click(KeyBar, offset=(40, 0))  # between keys
        await pilot.pause()
        assert app.pressed == ["b"]


async def test_reset_screen_bar_swaps_pause_for_resume() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "space Pause" in rendered(app)
        await pilot.press("space")
        await pilot.pause()
        assert "space Resume" in rendered(app) and "Pause" not in rendered(app)


async def test_reset_screen_keeps_quit_in_a_narrow_pane() -> None:
    app = ResetHost(box_breathing(cycles=2), ManualClock(T0))
    app.bind("q", "quit", description="Quit")
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        text = rendered(app)
        assert text.startswith("space Pause  d Done") and text.endswith("q Quit")
        assert len(text) <= 40
