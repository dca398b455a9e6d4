"""The app's calm theme (the default; any Textual theme can be chosen in config.toml), set so
the first screen's CSS is read once."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

CALM = Theme(
    name="groundtui",
    primary="#7FA7A0",
    secondary="#9AA9C8",
    accent="#C9A66B",
    foreground="#D8DEE0",
    background="#1B2024",
    surface="#222A2F",
    panel="#2B353B",
    success="#8FBF8F",
    warning="#D9B36C",
    error="#D98C8C",
    dark=True,
)


class ThemedApp(App[None]):
    """An App whose theme, chosen before it runs, costs no second reading of its CSS.

    ``App.__init__`` makes the stylesheet with Textual's default theme's colours, and setting
    ``theme`` queues a ``refresh_css`` that reads every stylesheet again (Textual's own too) and
    restyles the whole screen: at start-up, before the first paint. ``start_theme`` hands the
    stylesheet the chosen theme's colours before anything is read, so that refresh has nothing
    to do and is dropped. It comes before the app's Mount; one that has not come by then is not
    waited for (a later theme change refreshes as usual).
    """

    _css_read_in_theme = False

    def start_theme(self, name: str) -> None:
        """Register the calm theme and use ``name`` if Textual knows it, else the calm one."""
        self.register_theme(CALM)
        name = name if name in self.available_themes else CALM.name
        if name != self.theme:  # the same name again queues no refresh
            self.theme = name
            self.stylesheet.set_variables(self.get_css_variables())
            self._css_read_in_theme = True

    def refresh_css(self, animate: bool = True) -> None:
        if self._css_read_in_theme:
            self._css_read_in_theme = False  # the one ``theme``'s watcher queued at start
            return
        super().refresh_css(animate)

    def _on_mount(self) -> None:
        self._css_read_in_theme = False
