"""Shared fixtures: every test runs with its own config and data dirs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from feed_server import FeedServer

from groundtui.clock import ManualClock

DATA = Path(__file__).parent / "data"
SAMPLES = DATA / "samples"
NY = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point GROUNDTUI_CONFIG_DIR/DATA_DIR/CACHE_DIR at fresh temp dirs, so no test touches
    real files."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    config.mkdir()
    data.mkdir()
    monkeypatch.setenv("GROUNDTUI_CONFIG_DIR", str(config))
    monkeypatch.setenv("GROUNDTUI_DATA_DIR", str(data))
    monkeypatch.setenv("GROUNDTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return config, data


@pytest.fixture
def config_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    return isolated_dirs[0]


@pytest.fixture
def data_dir(isolated_dirs: tuple[Path, Path]) -> Path:
    return isolated_dirs[1]


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def clock() -> ManualClock:
    """A manual clock at 2026-11-24 08:55 New York (a Tuesday)."""
    return ManualClock(datetime(2026, 11, 24, 8, 55, tzinfo=NY))


@pytest.fixture
def fresh_feeds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No feed read earlier in this process, no parsed file cached, no proxy from the
    machine's environment (the feed tests ask for it with ``usefixtures``)."""
    from groundtui.schedule.feeds import forget_feeds
    from groundtui.schedule.sources import clear_cache

    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    forget_feeds()
    clear_cache()
    yield
    forget_feeds()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1 (``tests/feed_server.py``), stopped after the test."""
    srv = FeedServer()
    yield srv
    srv.stop()
