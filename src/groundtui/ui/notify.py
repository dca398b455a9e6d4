"""Attention without intrusion: one terminal bell and one desktop notification per gap, and the
gentle cues of a reset (``sound`` in config.toml)."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App


def desktop_available() -> bool:
    """Whether a desktop notification service can be reached from here."""
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return True
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))


class Signaller:
    """Rings the bell and sends a desktop notification, each only if switched on."""

    def __init__(self, *, bell: bool = True, desktop: bool = True) -> None:
        self.bell = bell
        self.desktop = desktop and desktop_available()
        self.sent = 0
        self.rung = 0

    def signal(self, app: App[Any], title: str, message: str) -> None:
        self.sent += 1
        if self.bell:
            app.bell()
        if self.desktop:
            app.run_worker(self._send(title, message), group="notify", exit_on_error=False)

    def ring(self, app: App[Any]) -> None:
        """A quiet cue (a step or phase changes): the bell only, if switched on."""
        self.rung += 1
        if self.bell:
            app.bell()

    async def _send(self, title: str, message: str) -> None:
        try:
            from desktop_notifier import DesktopNotifier

            logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
            await DesktopNotifier(app_name="groundtui").send(title=title, message=message)
        except Exception:
            # No notification service after all: stay quiet from now on.
            self.desktop = False
