"""A gap ticks every second all day: a plain second should repaint nothing, and a changed
big number only the columns that changed, drawn the same as Textual's ``Digits`` would."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Digits

from groundtui.ui.ticking import ON_THE_SECOND, on_the_second
from groundtui.ui.widgets.bigdigits import BigDigits, changed_columns, glyph_rows

VALUES = ["5:00", "4:59", "4:50", "0:09", "1:02:03", "12:34", "59:59", "0:00"]


class Both(App[None]):
    CSS = """
    Digits { width: auto; color: $primary; }
    .bold { text-style: bold; }
    .wide { width: 20; text-align: right; }
    """

    def __init__(self, classes: str) -> None:
        super().__init__()
        self.kind = classes

    def compose(self) -> ComposeResult:
        classes = self.kind
        yield Digits("5:00", id="plain", classes=classes)
        yield BigDigits("5:00", id="big", classes=classes)


def drawn(widget: Widget) -> list[list[object]]:
    width, height = widget.size
    return [list(strip) for strip in widget.render_lines(Region(0, 0, width, height))]


@pytest.mark.parametrize("classes", ["", "bold", "wide"])
async def test_big_digits_draw_the_same_cells_as_digits(classes: str) -> None:
    app = Both(classes)
    async with app.run_test(size=(60, 10)) as pilot:
        plain, big = app.query_one("#plain", Digits), app.query_one("#big", BigDigits)
        for value in VALUES:
            plain.update(value)
            big.update(value)
            await pilot.pause()
            assert big.size == plain.size
            assert drawn(big) == drawn(plain), value
            assert [list(big.render_line(y)) for y in range(3)] == [
                list(Digits.render_line(big, y)) for y in range(3)
            ]


def test_only_the_columns_that_changed_are_repainted() -> None:
    before, after = glyph_rows("4:59", False), glyph_rows("4:58", False)
    assert before is not None and after is not None
    assert changed_columns(before, after) == (
        9,
        10,
    )  # in the last digit: 9 and 8 differ at its left
    assert changed_columns(before, before) is None
    assert glyph_rows("4.5", False) is None  # a character the font lacks: Digits draws it


async def test_a_plain_second_of_a_gap_repaints_nothing_until_its_last_minute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The big number counts whole minutes (as in a session): a plain second of a gap changes
    nothing on screen. In the gap's last minute it counts seconds: then a second repaints only
    the countdown's changed columns, without a layout."""
    app, clock = make_app(tmp_path, at("09:55"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.tick()
        await pilot.pause()
        big = app.screen.query_one("#now-big", BigDigits)
        assert big.value == "5"
        refreshed: list[tuple[str, tuple[Region, ...], bool]] = []
        real = Widget.refresh

        def refresh(self: Widget, *regions: Region, **kwargs: bool) -> Widget:
            refreshed.append(
                (f"{type(self).__name__}#{self.id}", regions, kwargs.get("layout", False))
            )
            return real(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        for _ in range(3):
            clock.advance(1)
            app.tick()
            await pilot.pause()
        assert big.value == "5"
        assert refreshed == []  # nothing changed on screen: nothing repainted
        clock.advance(4 * 60 - 3 - 1)  # 09:58:59: 61 s left, the last whole minute shows
        app.tick()
        await pilot.pause()
        assert big.value == "2"
        clock.advance(2)  # 59 s left: seconds
        app.tick()
        await pilot.pause()
        assert big.value == "0:59"
        refreshed.clear()
        for _ in range(3):
            clock.advance(1)
            app.tick()
            await pilot.pause()
        assert big.value == "0:56"
        assert "BigDigits#now-big" in [name for name, _, _ in refreshed]
        assert not any(layout for name, _, layout in refreshed if name == "BigDigits#now-big")
        for name, regions, _ in refreshed:
            if name == "BigDigits#now-big":  # only the seconds digit's cells
                assert len(regions) == 1 and regions[0].x >= 9


def test_a_seconds_tick_falls_just_after_the_next_whole_second() -> None:
    now = at("09:55")
    assert on_the_second(now, 1.0) == 1.0
    assert on_the_second(now + timedelta(seconds=ON_THE_SECOND / 2), 1.0) == 1.0
    late = on_the_second(now + timedelta(seconds=0.4), 1.0)
    assert late == pytest.approx(0.6 + ON_THE_SECOND / 4)


async def test_the_app_ticks_on_the_clocks_second_in_a_gap(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:55"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        clock.advance(0.25)
        app._schedule_tick()
        assert app.tick_wait == pytest.approx(0.75 + ON_THE_SECOND / 4)


async def test_digits_in_a_wider_box_repaint_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Right-aligned in a wider box the glyphs do not start at column 0: a column-wise repaint
    would leave old cells on screen, so the whole widget repaints."""
    app = Both("wide")
    async with app.run_test(size=(60, 10)) as pilot:
        big = app.query_one("#big", BigDigits)
        big.update("4:59")
        await pilot.pause()
        seen: list[tuple[Region, ...]] = []
        real = Widget.refresh

        def refresh(self: Widget, *regions: Region, **kwargs: bool) -> Widget:
            if self is big:
                seen.append(regions)
            return real(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        big.update("4:58")
        assert seen == [()]


async def test_the_headline_says_what_the_big_number_counts(tmp_path: Path) -> None:
    from groundtui.ui.widgets.now_panel import describe

    app, _ = make_app(tmp_path, at("09:50").replace(second=10))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        tracker = app.tracker
        before = describe(tracker, at("08:00"))
        assert (before.headline, before.big) == ("Before your first session · min left", "60")
        await pilot.press("x")  # the breaths before the note: not now
        await settle(pilot)
        notes = describe(tracker, at("09:51").replace(second=30))
        assert (notes.headline, notes.big) == ("Gap · until 10:00 · min left", "9")
        assert notes.detail == "Notes time · 3 min, then:"  # 2 min 10 s, rounded up
        last = describe(tracker, at("09:59").replace(second=30))
        assert (last.headline, last.big) == ("Gap · until 10:00", "0:30")


async def test_every_gap_view_says_what_its_big_number_counts(tmp_path: Path) -> None:
    """Back-to-back, snoozed and under way: whole minutes say "min left", as the offer does."""
    from groundtui.ui.widgets.now_panel import describe

    app, clock = make_app(tmp_path, at("09:55"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")  # snooze the offer
        await settle(pilot)
        snoozed = describe(app.tracker, clock.now())
        assert snoozed.headline == "Gap · until 10:00 · min left"
        assert snoozed.big == "5" and snoozed.detail.startswith("Snoozed")
        gap_end = at("10:00")
        last = describe(app.tracker, gap_end - timedelta(seconds=30))
        assert last.big == "0:30" and "min left" not in last.headline
