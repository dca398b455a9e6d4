"""Shared fixtures: every test runs with its own config and data dirs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

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
