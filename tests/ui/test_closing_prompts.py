"""The end of the day: the weekly self-check on its weekday, the support question, and one
moment that mattered (opt-in), then the log; each passes by with escape, without a word."""

from __future__ import annotations

import json
from pathlib import Path

from app_factory import at, make_app, settle
from textual.widgets import Static

from groundtui.config import Config, ReflectSettings
from groundtui.reflect.closing import ClosingState
from groundtui.reflect.files import journal_path, selfcheck_path
from groundtui.ui.screens.closing import ClosingScreen
from groundtui.ui.screens.log import LogScreen
from groundtui.ui.screens.selfcheck import SelfCheckScreen

TUESDAY = ReflectSettings(self_check_day="tue", journal_prompt=True)  # 2026-11-24 is a Tuesday


def closing_text(app) -> str:
    return str(app.screen.query_one("#closing-text", Static).render())


async def test_the_whole_closing(tmp_path: Path) -> None:
    config = Config(bell=False, notify=False, reflect=TUESDAY)
    app, _ = make_app(tmp_path, at("12:05"), config=config)
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot, rounds=3)
        await pilot.press("x")  # skip the closing reflection: the prompts still come
        await settle(pilot, rounds=3)
        assert isinstance(app.screen, ClosingScreen)
        assert "Tuesday: the weekly self-check is here if you want it" in closing_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, SelfCheckScreen)
        await pilot.press("1", "0", "2", "1")
        await settle(pilot, rounds=3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClosingScreen)
        assert "Is one booked?" in closing_text(app)  # no support session on this calendar
        await pilot.press("enter")
        await pilot.pause()
        assert "why this work matters" in closing_text(app) and "client names" in closing_text(app)
        await pilot.press(*"held the silence", "enter")
        await settle(pilot, rounds=3)
        assert isinstance(app.screen, LogScreen)

    assert json.loads(selfcheck_path().read_text())["mood"] == 2
    assert json.loads(journal_path().read_text())["text"] == "held the silence"
    assert ClosingState.read().support_asked is not None


async def test_every_prompt_passes_with_escape(tmp_path: Path) -> None:
    config = Config(bell=False, notify=False, reflect=TUESDAY)
    app, _ = make_app(tmp_path, at("12:05"), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, rounds=3)
        await pilot.press("x")
        await settle(pilot, rounds=3)
        await pilot.press("escape", "escape", "escape")
        await settle(pilot, rounds=3)
        assert isinstance(app.screen, LogScreen)
    assert not selfcheck_path().exists() and not journal_path().exists()


async def test_no_prompts_no_detour(tmp_path: Path) -> None:
    quiet = ReflectSettings(self_check_day="off", support_days=0)
    app, _ = make_app(tmp_path, at("12:05"), config=Config(bell=False, notify=False, reflect=quiet))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot, rounds=3)
        await pilot.press("x")
        await settle(pilot, rounds=3)
        assert isinstance(app.screen, LogScreen)
