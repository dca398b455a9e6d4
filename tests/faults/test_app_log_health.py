"""A log write that fails mid-day is said on the main screen at once, kept, and written when
the file takes writes again; a read-only log is read and said so."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from ui.app_factory import at, make_app

from groundtui.log import open_store

DAY = date(2026, 11, 24)


def notice(app) -> str:
    widget = app.screen.query_one("#notice")
    return str(widget.render()) if widget.display else ""


def logged(tmp_path: Path) -> list[tuple[str, str]]:
    with open_store(tmp_path / "data" / "log.sqlite3", read_only=True) as store:
        return [(r.exercise, r.outcome) for r in store.records(DAY, DAY)]


async def test_a_failing_write_is_on_the_main_screen_at_once_and_saved_when_it_heals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, clock = make_app(tmp_path, at("09:54"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.store
        assert store is not None and store._conn is not None and store._opener is not None
        store._conn.execute("PRAGMA query_only = ON")  # the disk stops taking writes

        def full() -> sqlite3.Connection:
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(store._opener, "writer", full)
        skipped = app.tracker.offer(clock.now()).reset.id
        await pilot.press("x")
        app.log_sink.flush()
        await pilot.pause()
        assert "could not be written" in notice(app)
        assert "1 waiting" in notice(app)
        assert logged(tmp_path) == []
        monkeypatch.undo()  # space again
        app.log_sink.retry()
        app.log_sink.flush()
        await pilot.pause()
        assert "could not be written" not in notice(app)
        assert logged(tmp_path) == [(skipped, "skipped")]
        await pilot.press("q")
