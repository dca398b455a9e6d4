"""The App's privacy edges: what leaves the screen (a crash, a screenshot) carries no labels,
and what reaches it from a file is shown as text."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import WorkerFailed

from groundtui import paths
from groundtui.clock import wall_time
from groundtui.crash import crash_line

SCREENSHOT_HELP = "Save an SVG of the screen, session labels hidden, readable by you only"


class SafeApp(App[None]):
    """An App that never hands client data on by accident.

    - A crash prints one line pointing to a private crash file (frames only), not Textual's
      report, whose traceback shows local variables: the day's schedule and labels.
    - Notifications are plain text unless a call asks for markup: ours quote exercise names,
      paths and errors from the user's files.
    - A screenshot is taken with labels hidden and written 0600 into the data dir.
    """

    labels: str = "hidden"
    """'hidden', 'initials' or 'full' (the subclass sets it from config.toml)."""

    crash_line: str | None = None
    """After a crash: the one line to print (what failed, where the private report is)."""

    def redraw_labels(self) -> None:
        """Repaint whatever shows session labels now (the subclass knows which screens)."""

    # ------------------------------------------------------------------ crashes

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app; after a crash, print its one line once the terminal is restored."""
        result = super().run(*args, **kwargs)
        if self.crash_line is not None:
            print(self.crash_line, file=sys.stderr)  # not Rich: never cropped, never markup
        return result

    def _handle_exception(self, error: Exception) -> None:
        # Textual then calls _fatal_error, or panic(error) for an error that renders itself.
        cause = error.error if isinstance(error, WorkerFailed) else error
        self.crash_line = crash_line(cause)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's own prints a Rich traceback with local variables (the day's schedule and
        labels): here the app only stops, and ``run`` prints the crash line."""
        self.bell()
        self.panic()

    def panic(self, *renderables: RenderableType) -> None:
        if any(isinstance(r, BaseException) for r in renderables):
            renderables = ()  # an error's own view may quote a file: the crash line says it
        super().panic(*renderables)

    # ------------------------------------------------------------------ text from files

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify, but plain text by default (``markup=True`` to opt in)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # ------------------------------------------------------------------ screenshots

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                command = SystemCommand(command.title, SCREENSHOT_HELP, command.callback)
            yield command

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save a screenshot with the labels hidden, 0600 in the data dir's screenshots/ (or
        ``path``), and say where it went. Returns None: nothing is delivered to a browser."""
        shown = self.labels
        self.labels = "hidden"
        self.redraw_labels()
        folder = Path(path).expanduser() if path else paths.screenshots_dir()
        name = filename or f"groundtui-{wall_time():%Y-%m-%d_%H-%M-%S}.svg"
        self.call_after_refresh(self._save_screenshot, folder / name, shown)
        return None

    def _save_screenshot(self, target: Path, shown: str) -> None:
        try:
            svg = self.export_screenshot()
        finally:
            self.labels = shown
            self.redraw_labels()
        try:
            paths.write_private(target, svg)
        except OSError as err:
            reason = err.strerror or type(err).__name__
            self.notify(f"Could not save the screenshot: {reason}", severity="error", timeout=8)
            return
        self.notify(f"Saved (session labels hidden) to {target}", title="Screenshot", timeout=8)
