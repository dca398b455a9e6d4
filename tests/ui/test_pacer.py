"""The breathing pacer on its own: state from elapsed seconds, words, size, messages."""

from __future__ import annotations

import pytest
from reset_apps import WidgetHost
from rich.style import Style
from textual.widgets import Label

from groundtui.exercises import Pattern, Phase, phase_at
from groundtui.ui.widgets.pacer import (
    INHALE_WITH_TOP_UP,
    Orb,
    Pacer,
    breath_level,
    extra_cue,
    phase_words,
    render_orb,
    seconds_word,
)

BOX = Pattern(
    (
        Phase("inhale", 4, "Through the nose."),
        Phase("hold", 4),
        Phase("exhale", 4),
        Phase("hold_after", 4),
    ),
    cycles=3,
)
SIGH = Pattern((Phase("inhale", 2), Phase("top_up", 1), Phase("exhale", 6)), cycles=2)


def label_text(pacer: Pacer, name: str) -> str:
    return str(pacer.query_one(f"#{name}", Label).render())


async def test_pacer_shows_phase_cue_seconds_and_cycle() -> None:
    pacer = Pacer(BOX)
    app = WidgetHost(pacer)
    async with app.run_test(size=(60, 30)) as pilot:
        pacer.elapsed = 16 + 1.2  # cycle 2, 1.2 s into the inhale
        await pilot.pause()
        assert label_text(pacer, "pacer-phase") == "Breathe in"
        assert label_text(pacer, "pacer-cue") == "Through the nose."
        assert label_text(pacer, "pacer-count") == "3 s  ·  cycle 2 of 3"
        pacer.elapsed = 16 + 4.0
        await pilot.pause()
        assert label_text(pacer, "pacer-phase") == "Hold"
        assert not pacer.query_one("#pacer-cue").display
        pacer.elapsed = 16 + 12.5
        await pilot.pause()
        assert label_text(pacer, "pacer-phase") == "Rest"


async def test_pacer_posts_each_phase_change_once_and_finished_once() -> None:
    pacer = Pacer(BOX)
    app = WidgetHost(pacer)
    async with app.run_test(size=(60, 30)) as pilot:
        for tenth in range(0, 500, 3):  # 0 … 49.8 s in 0.3 s steps
            pacer.elapsed = tenth / 10
        await pilot.pause()
    changes = [m for m in app.messages if isinstance(m, Pacer.PhaseChanged)]
    finished = [m for m in app.messages if isinstance(m, Pacer.Finished)]
    assert [(m.state.cycle, m.state.phase.name) for m in changes[:5]] == [
        (1, "inhale"),
        (1, "hold"),
        (1, "exhale"),
        (1, "hold_after"),
        (2, "inhale"),
    ]
    assert len(changes) == 12
    # the change is dated by where the phase began, not by the tick that saw it
    assert [m.began for m in changes] == [4.0 * i for i in range(12)]
    assert len(finished) == 1


async def test_reduced_motion_hides_the_orb_and_fills_the_bar() -> None:
    pacer = Pacer(BOX, reduced_motion=True)
    app = WidgetHost(pacer)
    async with app.run_test(size=(60, 30)) as pilot:
        pacer.elapsed = 24.0
        await pilot.pause()
        assert pacer.has_class("-reduced-motion")
        from textual.widgets import ProgressBar

        bar = pacer.query_one(ProgressBar)
        assert bar.progress == 24.0 and bar.total == BOX.seconds
        assert pacer.query_one(Orb).level == 0.0  # not fed while reduced


def test_breath_level_follows_the_breath() -> None:
    def level(pattern: Pattern, t: float) -> float:
        return breath_level(pattern, phase_at(pattern, t))

    assert level(BOX, 0.0) == 0.0
    assert 0.0 < level(BOX, 1.0) < level(BOX, 2.0) < level(BOX, 3.0) < 1.0
    assert level(BOX, 2.0) == pytest.approx(0.5)  # eased, symmetric
    assert level(BOX, 5.0) == 1.0  # hold: full
    assert level(BOX, 10.0) == pytest.approx(0.5)  # half way out
    assert level(BOX, 13.0) == 0.0  # rest: empty
    # cyclic sighing: the first inhale stops short, the top-up fills
    assert level(SIGH, 2.0) == INHALE_WITH_TOP_UP
    assert INHALE_WITH_TOP_UP < level(SIGH, 2.5) < 1.0
    assert level(SIGH, 3.0) == 1.0
    assert level(SIGH, 100.0) == 0.0  # finished: breathed out


def test_words_and_seconds() -> None:
    assert phase_words("top_up") == "A little more in"
    assert phase_words("exhale") == "Breathe out"
    assert phase_words("hold_after") == "Rest"
    assert phase_words("sip_in") == "Sip in"  # an unknown phase still reads as words
    assert extra_cue("inhale", "Breathe in.") == ""  # the default cue adds nothing
    assert extra_cue("inhale", " Through the nose ") == "Through the nose"
    assert seconds_word(3.2) == "4"
    assert seconds_word(3.0) == "3"
    assert seconds_word(0.0) == "0"


def test_orb_grows_with_the_level() -> None:
    fill, ring = Style(color="blue"), Style(color="grey37")

    def filled(level: float) -> int:
        text = render_orb(40, 13, level, fill, ring)
        cells = 0
        for span in text.spans:
            if span.style == fill:
                cells += span.end - span.start
        return cells

    assert 0 < filled(0.0) < filled(0.5) < filled(1.0)
    text = render_orb(40, 13, 0.5, fill, ring)
    assert len(text.plain.splitlines()) == 13
    assert all(len(line) == 40 for line in text.plain.splitlines())


def test_orb_clamps_its_level() -> None:
    orb = Orb()
    assert orb.validate_level(1.7) == 1.0
    assert orb.validate_level(-0.3) == 0.0


def test_orb_strips_draw_the_same_cells_as_the_text() -> None:
    """The cached strips the Orb paints are the text drawing over the background, cell for
    cell (built as segments, without laying out the text)."""
    from rich.console import Console
    from textual.strip import Strip

    from groundtui.ui.widgets.pacer import _orb_strips, orb_radius

    base = Style(bgcolor="#101418")
    fill = base + Style(color="#5fafd7")
    ring = base + Style(color="grey37")
    for width, height in ((100, 13), (41, 7), (12, 3)):
        console = Console(width=width, color_system="truecolor", legacy_windows=False)
        for level in (0.0, 0.13, 0.5, 0.77, 1.0):
            text = render_orb(width, height, level, fill, ring)
            text.stylize_before(base)
            want = [
                Strip(list(line.render(console)), width).extend_cell_length(width, base).simplify()
                for line in text.split("\n", allow_blank=True)
            ]
            radius = orb_radius(width, height, level)
            got = _orb_strips(width, height, radius, base, fill, ring)
            assert [list(s) for s in got] == [list(s) for s in want], (width, height, level)


async def test_reduced_motion_lines_keep_their_places_between_phases() -> None:
    """The inhale has a cue, the hold has none: in reduced motion the text is all there is, so
    the count line must not jump up a row when the cue line empties."""
    pacer = Pacer(BOX, reduced_motion=True)
    app = WidgetHost(pacer)
    async with app.run_test(size=(50, 30)) as pilot:
        pacer.elapsed = 1.0  # inhale: "Through the nose."
        await pilot.pause()
        with_cue = pacer.query_one("#pacer-count", Label).region.y
        assert label_text(pacer, "pacer-cue")
        pacer.elapsed = 5.0  # hold: no cue
        await pilot.pause()
        assert not label_text(pacer, "pacer-cue")
        assert pacer.query_one("#pacer-count", Label).region.y == with_cue
