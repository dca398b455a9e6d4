"""The core never imports Textual or Rich (so `status` and `plan` stay quick)."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "groundtui.clock",
    "groundtui.config",
    "groundtui.errors",
    "groundtui.paths",
    "groundtui.exercises",
    "groundtui.schedule",
    "groundtui.schedule.model",
    "groundtui.planner",
    "groundtui.day",
    "groundtui.day.session",
    "groundtui.status",
    "groundtui.log",
    "groundtui.log.records",
    "groundtui.log.rows",
    "groundtui.log.schema",
    "groundtui.log.liveness",
    "groundtui.log.store",
    "groundtui.log.open",
    "groundtui.log.queue",
    "groundtui.log.summary",
    "groundtui.reflect",
    "groundtui.reflect.closing",
    "groundtui.reflect.read",
    "groundtui.reflect.works",
    "groundtui.commands.journal",
]


def test_core_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
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
        "from groundtui.launch import settings_from_args\n"
        "import groundtui.ui.app\n"
        f"print(','.join(m for m in {DAY_MODULES!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
