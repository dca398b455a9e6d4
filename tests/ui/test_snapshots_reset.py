"""Snapshots of the reset screen with a fixed manual clock (no blinking, nothing random)."""

from __future__ import annotations

from reset_apps import ResetHost, snapshot_app


def at(app: ResetHost, seconds: float):
    """Advance the fixed clock, then let the screen re-read it before the picture."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.clock.advance(seconds)
        app.reset.refresh_from_clock()
        await pilot.pause()

    return run_before


def test_breathing_mid_inhale(snap_compare) -> None:
    app = snapshot_app("breathing")
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(app, 18.0))


def test_breathing_reduced_motion(snap_compare) -> None:
    app = snapshot_app("reduced")
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(app, 18.0))


def test_body_scan_step(snap_compare) -> None:
    app = snapshot_app("body_scan")
    assert snap_compare(app, terminal_size=(100, 30), run_before=at(app, 25.0))


def test_checkin_narrow(snap_compare) -> None:
    app = snapshot_app("checkin")
    assert snap_compare(app, terminal_size=(50, 30), run_before=at(app, 0.0))
