"""A running app follows its calendar feed: a change re-plans the day as an edit does."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from feed_server import SECRET, FeedServer, calendar
from textual.widgets import Static

from groundtui.schedule.feeds import FeedURL
from groundtui.ui.app import GroundApp

pytestmark = pytest.mark.usefixtures("fresh_feeds")


def topbar(app: GroundApp) -> str:
    return str(app.screen.query_one("#topbar", Static).render())


def starts(app: GroundApp) -> list[str]:
    assert app.tracker is not None
    return [f"{s.start:%H:%M}" for s in app.tracker.plan.sessions]


async def test_a_running_app_follows_a_feed_change(server: FeedServer, tmp_path: Path) -> None:
    url = FeedURL.parse(server.serve(body=calendar(), etag='"v1"'))
    app, clock = make_app(tmp_path, at("09:52"), schedule=None, sources=(url,))
    signals: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.signaller.signal = lambda _app, title, _text: signals.append(title)  # type: ignore[method-assign]
        await settle(pilot, rounds=3)
        assert starts(app) == ["09:00", "10:00", "11:10"]
        assert "calendar 09:52" in topbar(app)
        await pilot.press("d")  # the gap's reset: done
        await settle(pilot, rounds=3)
        done = [i for i in app.tracker.items if i.status == "done"]  # type: ignore[union-attr]
        assert len(done) == 1

        server.serve(body=calendar(cancel_second=True), etag='"v2"')  # 10:00 cancelled
        clock.advance(60)
        app.feeds.refresh_now()  # the palette's "Refresh the calendar"
        await settle(pilot, rounds=3)
        assert starts(app) == ["09:00", "11:10"]
        assert "calendar 09:53" in topbar(app)
        still = [i for i in app.tracker.items if i.status == "done"]  # type: ignore[union-attr]
        assert [i.reset.id for i in still] == [i.reset.id for i in done]  # taken offers stay
        assert signals.count("Session over") <= 1  # no second bell for the same gap

        server.serve(status=500)
        clock.advance(60)
        app.feeds.refresh()
        await settle(pilot, rounds=3)
        assert starts(app) == ["09:00", "11:10"]  # the day as last read
        notice = str(app.screen.query_one("#notice", Static).render())
        assert "127.0.0.1 unreachable since 09:54 (HTTP 500) — using the 09:53 copy" in notice
        assert SECRET not in notice and SECRET not in topbar(app)
        assert "calendar 09:53" in topbar(app)


async def test_the_palette_offers_a_calendar_refresh(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("09:10"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, rounds=3)
        from groundtui.ui.commands import GroundCommands

        names = [name for name, _, _ in GroundCommands(app.screen)._actions()]
        assert "Refresh the calendar" in names
        app.feeds.refresh_now()  # no feed set up: says so, changes nothing
        await pilot.pause()
        assert "calendar" not in topbar(app)
