"""Snapshots of the main screen at full width and in a narrow pane beside the EHR."""

from __future__ import annotations

from pathlib import Path

from app_factory import at, make_app, settle


def test_today_in_a_gap_100x30(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:52"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_today_in_a_gap_50x30(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:52"))
    assert snap_compare(app, terminal_size=(50, 30), run_before=settle)


def test_today_in_session_demo_50x30(snap_compare, tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("10:20"), schedule=None)
    assert snap_compare(app, terminal_size=(50, 30), run_before=settle)
