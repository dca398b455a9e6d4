"""The lean folder resolver gives the very paths platformdirs gives (status never loads it)."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from groundtui import paths, where

CASES = [
    {},
    {"XDG_CONFIG_HOME": "/x/conf", "XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache"},
    {"XDG_CONFIG_HOME": "", "XDG_DATA_HOME": "  ", "XDG_CACHE_HOME": "/c/"},
    {"XDG_CONFIG_HOME": "relative/conf", "XDG_DATA_HOME": "rel", "XDG_CACHE_HOME": "rel"},
    {"HOME": "/home/someone/"},
    {"HOME": "relative-home"},
]


@pytest.mark.parametrize("env", CASES)
def test_folders_equal_platformdirs(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GROUNDTUI_CONFIG_DIR", "GROUNDTUI_DATA_DIR", "GROUNDTUI_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    expect = {
        "config": platformdirs.user_config_dir("groundtui", appauthor=False),
        "data": platformdirs.user_data_dir("groundtui", appauthor=False),
        "cache": platformdirs.user_cache_dir("groundtui", appauthor=False),
    }
    for kind, path in expect.items():
        assert where.folder(kind) == path
    assert str(paths.config_dir()) == str(platformdirs.user_config_path("groundtui", False))


def test_plain_case_does_not_need_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the lean resolver answers alone on Linux only")
    monkeypatch.delenv("GROUNDTUI_CONFIG_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/someone")
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # importing it would fail
    assert where.folder("config") == "/home/someone/.config/groundtui"


def test_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GROUNDTUI_CACHE_DIR", "~/somewhere")
    assert paths.cache_dir() == paths.Path("~/somewhere").expanduser()
    assert where.bundled_exercises_dir() == str(paths.bundled_exercises_dir())


def test_day_edits_file_matches_paths() -> None:
    day_edits_file = getattr(paths, "day_edits_file", None)
    if day_edits_file is None:
        pytest.skip("paths.day_edits_file is not on this branch yet")
    from datetime import date

    assert where.day_edits_file("2026-11-24") == str(day_edits_file(date(2026, 11, 24)))
