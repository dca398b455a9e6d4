"""The app's calm theme (the default; any Textual theme can be chosen in config.toml)."""

from __future__ import annotations

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
