"""The browser tab's title under `groundtui serve`: groundtui and where the day stands."""

from __future__ import annotations

from pathlib import Path

from app_factory import at, make_app
from test_app import move, settle

from groundtui.ui.tab_title import day_state, show_title


async def test_the_title_follows_the_day(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, at("09:40"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.sub_title == "in session · 10 min left"
        await move(app, pilot, clock, 13 * 60)  # 09:53 — the gap began at 09:50
        assert app.sub_title == "gap · 7 min left"
        await move(app, pilot, clock, 3 * 3600)  # 12:53, the last session over
        assert app.sub_title == "day done"
        await pilot.press("q")


async def test_the_demo_day_says_so_and_a_day_without_sessions_is_free(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, at("08:00"), schedule=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert app.sub_title.startswith("demo · first session at ")
        assert day_state(app.tracker, at("08:00")) == app.sub_title.removeprefix("demo · ")
        await pilot.press("q")
    assert day_state(None, at("08:00")) == ""


class FakeDriver:
    def __init__(self, web: bool) -> None:
        self.is_web = web
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


class FakeApp:
    def __init__(self, web: bool) -> None:
        self._driver = FakeDriver(web)

    @property
    def is_web(self) -> bool:
        return self._driver.is_web


def test_the_title_is_sent_to_a_browser_only() -> None:
    web, terminal = FakeApp(web=True), FakeApp(web=False)
    show_title(web, "groundtui · gap · 7 min left\x1b]2;x\x07")  # type: ignore[arg-type]
    show_title(terminal, "groundtui · gap · 7 min left")  # type: ignore[arg-type]
    assert web._driver.written == ["\x1b]2;groundtui · gap · 7 min left]2;x\x07"]
    assert terminal._driver.written == []
