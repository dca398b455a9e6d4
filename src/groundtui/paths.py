"""Where groundtui's files live: platformdirs, overridable with GROUNDTUI_*_DIR."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "groundtui"


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of config.toml, schedule.toml and the user's exercises/."""
    env = os.environ if env is None else env
    override = env.get("GROUNDTUI_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of the reset log database."""
    env = os.environ if env is None else env
    override = env.get("GROUNDTUI_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Directory of the label-free copies of calendar feeds."""
    env = os.environ if env is None else env
    override = env.get("GROUNDTUI_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "config.toml"


def schedule_file(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "schedule.toml"


def user_exercises_dir(env: Mapping[str, str] | None = None) -> Path:
    return config_dir(env) / "exercises"


def log_db_path(env: Mapping[str, str] | None = None) -> Path:
    return data_dir(env) / "log.sqlite3"


def bundled_exercises_dir() -> Path:
    """The exercises shipped with groundtui.

    In a wheel they are force-included as ``groundtui/exercises``; in a source checkout or an
    editable install they are the repository's top-level ``exercises/``.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "exercises"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "exercises"


def modified_at(path: Path | None) -> float | None:
    """A file's modification time, or None when there is no such file (to notice edits)."""
    try:
        return path.stat().st_mtime if path is not None else None
    except OSError:
        return None
