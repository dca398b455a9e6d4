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
