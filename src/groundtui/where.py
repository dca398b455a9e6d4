"""Where groundtui's folders are, at the cost of a few ``os.environ`` look-ups.

``paths`` answers the same questions for the whole app; this module is the lean part of it that
``groundtui status`` needs on every call of a status bar: it never imports platformdirs when the
answer is plain (Linux with an absolute ``$HOME`` and absolute or unset ``XDG_*`` variables, which
platformdirs reads the same way in every version), and asks platformdirs for anything else.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs a status line 5+ ms
if TYPE_CHECKING:
    from collections.abc import Mapping

APP_NAME = "groundtui"

_XDG = {
    "config": ("XDG_CONFIG_HOME", ".config", "user_config_dir"),
    "data": ("XDG_DATA_HOME", ".local/share", "user_data_dir"),
    "cache": ("XDG_CACHE_HOME", ".cache", "user_cache_dir"),
}
_OVERRIDE = {
    "config": "GROUNDTUI_CONFIG_DIR",
    "data": "GROUNDTUI_DATA_DIR",
    "cache": "GROUNDTUI_CACHE_DIR",
}


def folder(kind: str, env: Mapping[str, str] | None = None) -> str:
    """The ``config``, ``data`` or ``cache`` folder as a string path (not created)."""
    env = os.environ if env is None else env
    override = env.get(_OVERRIDE[kind])
    if override:
        return os.path.expanduser(override)
    plain = _plain_xdg(kind, env)
    if plain is not None:
        return plain
    import platformdirs

    return getattr(platformdirs, _XDG[kind][2])(APP_NAME, appauthor=False)


def _plain_xdg(kind: str, env: Mapping[str, str]) -> str | None:
    """The XDG folder where every platformdirs version agrees on it, else None."""
    if not sys.platform.startswith("linux") or env is not os.environ:
        return None
    var, default, _ = _XDG[kind]
    value = env.get(var, "")
    if value.startswith("/"):
        return os.path.join(value, APP_NAME)
    if value.strip():  # relative: versions differ (used as is, or ignored)
        return None
    home = env.get("HOME", "")
    if not home.startswith("/"):
        return None
    return os.path.join(home.rstrip("/") or "/", default, APP_NAME)


def bundled_exercises_dir() -> str:
    """The exercises shipped with groundtui (see ``paths.bundled_exercises_dir``)."""
    package = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(package, "exercises", "bundled")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "exercises")


def day_edits_file(day_iso: str, env: Mapping[str, str] | None = None) -> str:
    """The file of one day's edits (``paths.day_edits_file``): data dir/edits/YYYY-MM-DD.json."""
    return os.path.join(folder("data", env), "edits", f"{day_iso}.json")
