"""The weekly self-check in the app: taken with four keys, kept as numbers, read back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from app_factory import at, make_app, settle
from textual.pilot import Pilot
from textual.widgets import Static

from groundtui.cli import run
from groundtui.reflect.files import selfcheck_path
from groundtui.reflect.selfcheck import SelfCheck, SelfCheckStore
from groundtui.ui.screens.selfcheck import SelfCheckScreen


async def open_from_palette(pilot: Pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"weekly self-check")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def done_text(app) -> str:
    return str(app.screen.query_one("#selfcheck-done", Static).render())


async def test_take_the_self_check_and_read_it_back(tmp_path: Path, capsys) -> None:
    SelfCheckStore().add(SelfCheck(date(2026, 11, 10), (0, 0, 1, 1)))  # two weeks back: 2
    SelfCheckStore().add(SelfCheck(date(2026, 11, 20), (1, 0, 1, 1)))  # last week: 3
    app, _ = make_app(tmp_path, at("12:30"))
    seen: list = []
    async with app.run_test(size=(50, 30), message_hook=seen.append) as pilot:
        await settle(pilot)
        await open_from_palette(pilot)
        assert isinstance(app.screen, SelfCheckScreen)
        question = app.screen.query_one("#selfcheck-question", Static)
        assert "away from work" in str(question.render())  # intrusion comes first
        await pilot.press("1", "9", "backspace", "3")  # 9 is not an answer; backspace undoes
        assert app.screen.answers == (3,)
        await pilot.press("2", "0", "1")
        await settle(pilot)
        saved = [m for m in seen if isinstance(m, SelfCheckScreen.Saved)]
        assert saved and saved[0].check.scores == (3, 2, 0, 1)
        text = done_text(app)
        assert "Total 6 of 16" in text
        assert "two weeks running" in text and "supervision" in text  # 2 → 3 → 6
        assert "not a clinical measure" in text and "ProQOL" in text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SelfCheckScreen)

    line = json.loads(selfcheck_path().read_text().splitlines()[-1])
    assert line == {"date": "2026-11-24", "intrusion": 3, "avoidance": 2, "mood": 0, "body": 1}
    assert (
        run(["week", "--date", "2026-11-24", "--tz", "America/New_York", "--format", "json"]) == 0
    )
    week = json.loads(capsys.readouterr().out)
    assert week["self_check"]["total"] == 6
    assert week["self_check_history"] == [
        {"week_start": "2026-11-09", "total": 2},
        {"week_start": "2026-11-16", "total": 3},
    ]


async def test_escape_skips_without_a_word_and_keeps_nothing(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("12:30"))
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        app.open_self_check()
        await pilot.pause()
        await pilot.press("2", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SelfCheckScreen)
    assert not selfcheck_path().exists()


async def test_a_calm_week_gets_no_note(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, at("12:30"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_self_check()
        await pilot.pause()
        await pilot.press("0", "1", "0", "0")
        await settle(pilot)
        text = done_text(app)
        assert "Total 1 of 16" in text and "supervision" not in text
        assert "not a clinical measure" in text
