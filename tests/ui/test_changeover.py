"""Back-to-back sessions in the app (issue 15): where one session ends as the next begins, the
now panel gives the changeover's three breaths for its 20 s, the timeline lists it, and the bell
comes once (unless sound is off). Nothing is logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_factory import at, make_app, settle
from test_app import move, records

from groundtui.config import Config
from groundtui.ui.ticking import tick_interval
from groundtui.ui.widgets.now_panel import NowPanel
from groundtui.ui.widgets.timeline import Timeline

TOUCHING = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"

[[session]]
start = "09:50"
end = "10:40"
"""


def timeline_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(Timeline).render())


@pytest.mark.parametrize("size", [(100, 30), (50, 30)])
async def test_the_changeover_cue_shows_for_its_seconds(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app, clock = make_app(tmp_path, at("09:49:50"), schedule=TOUCHING)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(NowPanel)
        assert panel.view.headline == "In session"
        assert "09:50  ~ changeover: Three breaths · 20 s" in timeline_text(app)
        sent = app.signaller.sent
        await move(app, pilot, clock, 11)  # 09:50:01
        view = panel.view
        assert view.headline == "Changeover" and view.state == "changeover"
        assert view.detail.startswith("Three breaths · ")
        assert view.big == "0:19"
        assert app.signaller.sent == sent + 1  # the bell, once
        assert tick_interval(app.session, 1.0) == 1.0  # its seconds count: a tick a second
        assert "now" in timeline_text(app).split("changeover:")[1].splitlines()[0]
        for _ in range(18):  # a tick a second through the cue: no second bell
            await move(app, pilot, clock, 1)
        assert panel.view.headline == "Changeover" and app.signaller.sent == sent + 1
        await move(app, pilot, clock, 1)  # 09:50:20: the cue is over
        assert panel.view.headline == "In session" and panel.view.state == "session"
        assert app.signaller.sent == sent + 1
    assert records(tmp_path) == []  # an invitation: nothing logged


async def test_the_changeover_with_sound_off_shows_without_a_signal(tmp_path: Path) -> None:
    config = Config(bell=False, notify=False, sound="off")
    app, clock = make_app(tmp_path, at("09:49:58"), schedule=TOUCHING, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await move(app, pilot, clock, 3)
        assert app.screen.query_one(NowPanel).view.headline == "Changeover"
        assert app.signaller.sent == 0
