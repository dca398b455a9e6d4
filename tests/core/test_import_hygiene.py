"""The core (every module outside ``ui/``) never imports Textual, also inside functions, and
loads neither Textual nor Rich when imported (so `status` and `plan` stay quick)."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from module_graph import graph, imports, modules

UI = "groundtui.ui"
WEB = "groundtui.web"
"""The browser tab's server (``groundtui serve``, textual-serve): a front end like ``ui/``."""


def front_end(name: str) -> bool:
    return any(name == top or name.startswith(top + ".") for top in (UI, WEB))


DOORS = {"groundtui.cli", "groundtui.launch", "groundtui.__main__"}
"""The command line and its door into the UI: the only modules outside ``ui/`` that reach it."""


def core_modules() -> list[str]:
    """Every groundtui module outside ``ui/`` and ``web/``, found with pkgutil (no hand list)."""
    import groundtui

    found = ["groundtui"]
    for info in pkgutil.walk_packages(groundtui.__path__, "groundtui."):
        if not front_end(info.name):
            found.append(info.name)
    return sorted(found)


def test_the_walk_finds_every_module_outside_ui() -> None:
    on_disk = {m for m in modules() if not front_end(m)}
    assert set(core_modules()) == on_disk
    assert {"groundtui.options", "groundtui.day.session", "groundtui.commands.plan"} <= on_disk


def test_core_never_imports_textual_even_inside_functions() -> None:
    mods = modules()
    found = [
        f"{m}:{imp.line}: {imp.module}"
        for m in core_modules()
        for imp in imports(m, mods[m])
        if imp.module.split(".")[0] == "textual"
    ]
    assert found == []


def test_only_the_cli_reaches_into_the_ui() -> None:
    edges = graph()
    found = [
        f"{m} -> {target}"
        for m in core_modules()
        if m not in DOORS
        for target in edges[m]
        if target == UI or target.startswith(UI + ".")
    ]
    assert found == []


def test_core_does_not_import_textual_or_rich() -> None:
    """Importing any module outside ``ui/`` loads neither Textual nor Rich (the commands load
    Rich inside the functions that print a table), so `status` and `plan` stay quick."""
    code = (
        "import importlib, sys\n"
        f"for m in {core_modules()!r}:\n"
        "    if m == 'groundtui.__main__':\n"
        "        continue\n"
        "    importlib.import_module(m)\n"
        "    bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "    if bad:\n"
        "        print(m, bad[:3])\n"
        "        break\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


DAY_MODULES = [
    "groundtui.planner",
    "groundtui.day",
    "groundtui.exercises",
    "groundtui.log.store",
    "groundtui.log.open",
]


def test_the_first_screen_does_not_load_the_day_modules() -> None:
    """The app paints before the day is read: the modules that read and plan it load later, in
    a worker, so importing the UI stays as light as the first screen needs."""
    code = (
        "import sys\n"
        "from groundtui.cli import build_parser\n"
        "from groundtui.options import settings_from_args\n"
        "import groundtui.ui.app\n"
        f"print(','.join(m for m in {DAY_MODULES!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


BEFORE_THE_FIRST_SCREEN = [
    "tomllib",
    "groundtui.tomlcheck",
    "groundtui.schedule",
    "hashlib",
    "groundtui.log.queue",
    "groundtui.log.records",
]
"""Not needed to paint the first screen when there is no config.toml and ``--schedule`` names
a file: the TOML reader, the schedule package (feeds: hashlib, json) and the log's write queue
load with the day, after the first paint."""


def test_the_tui_start_reads_no_toml_before_the_first_screen(tmp_path: Path) -> None:
    sample = Path(__file__).parents[1] / "data" / "samples" / "schedule.toml"
    code = (
        "import sys\n"
        "from groundtui.cli import parse_args\n"
        "from groundtui.launch import make_app, settings_from_args\n"
        f"args = parse_args(['--schedule', {str(sample)!r}, '--tz', 'America/New_York'])\n"
        "make_app(settings_from_args(args))\n"
        f"print(','.join(m for m in {BEFORE_THE_FIRST_SCREEN!r} if m in sys.modules))\n"
    )
    env = {
        **os.environ,
        "GROUNDTUI_CONFIG_DIR": str(tmp_path / "config"),
        "GROUNDTUI_DATA_DIR": str(tmp_path / "data"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == ""
