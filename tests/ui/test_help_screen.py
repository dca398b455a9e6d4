"""The help screen: crisis line text near the top, the keys, and a snapshot of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.app import App

import groundtui.ui.app as ui_app
from groundtui import paths
from groundtui.clock import ManualClock
from groundtui.config import Config
from groundtui.options import AppSettings
from groundtui.ui.screens.help import CRISIS_TEXT, HelpScreen, help_text

HOME = Path("/home/you")


def fixed_settings() -> AppSettings:
    return AppSettings(
        config=Config(bell=False, notify=False),
        clock=ManualClock(datetime(2026, 11, 24, 9, 52, tzinfo=ZoneInfo("America/New_York"))),
        schedule=(HOME / ".config/groundtui/schedule.toml",),
        log_path=HOME / ".local/share/groundtui/log.sqlite3",
        exercises_dir=HOME / ".config/groundtui/exercises",
    )


@pytest.fixture
def fixed_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same paths on every machine, so the snapshot never shows a temp dir."""
    monkeypatch.setenv("GROUNDTUI_CONFIG_DIR", str(HOME / ".config/groundtui"))
    monkeypatch.setattr(paths, "bundled_exercises_dir", lambda: Path("/opt/groundtui/exercises"))


class HelpHost(App[None]):
    """Shows the help over an empty screen, styled by the app's own stylesheet."""

    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))
    ENABLE_COMMAND_PALETTE = False

    def on_mount(self) -> None:
        self.push_screen(HelpScreen(fixed_settings()))


def test_help_says_where_to_turn_in_a_crisis_before_the_keys() -> None:
    text = help_text(fixed_settings())
    assert CRISIS_TEXT in text
    assert text.index(CRISIS_TEXT) < text.index("## Keys")
    assert "thoughts of harming yourself or of suicide" in CRISIS_TEXT
    assert "emergency services or a crisis line now" in CRISIS_TEXT
    assert "not treatment and not a crisis service" in CRISIS_TEXT
    assert not any(ch.isdigit() for ch in CRISIS_TEXT)  # no country's phone number


def test_help_lists_the_about_key() -> None:
    assert "| `a` | during a reset: about this exercise" in help_text(fixed_settings())


def test_help_names_the_weekly_self_check_and_the_journal() -> None:
    text = help_text(fixed_settings())
    lines = text.splitlines()
    check = next(i for i, line in enumerate(lines) if line.startswith("- **Weekly self-check**"))
    assert '"Weekly self-check"' in lines[check]  # the palette's name for it
    assert "offered at the closing on Fridays" in lines[check]
    journal = "\n".join(lines[check:])
    assert '`groundtui journal add "..."`' in journal and "`groundtui journal` lists" in journal
    assert text.index("## Across the weeks") < text.index("## Support")


def test_snapshot_help_50x30(snap_compare, fixed_paths: None) -> None:
    assert snap_compare(HelpHost(), terminal_size=(50, 30))


def code_spans(markdown: str) -> list[str]:
    from markdown_it import MarkdownIt

    spans: list[str] = []
    for token in MarkdownIt("gfm-like").parse(markdown):
        spans.extend(c.content for c in token.children or () if c.type == "code_inline")
    return spans


@pytest.mark.parametrize(
    "odd", ["a`b", "`x", "x`", "a``b` **bold** `c", "a | b", "x\\`y"], ids=repr
)
def test_a_path_with_a_backtick_stays_inside_its_code_span(
    odd: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder name may hold a backtick: it must not end the code span and turn the rest of
    the path into Markdown (bold, links, table cells)."""
    root = Path(f"/tmp/{odd}")
    monkeypatch.setenv("GROUNDTUI_CONFIG_DIR", str(root / "config"))
    monkeypatch.setattr(paths, "bundled_exercises_dir", lambda: root / "bundled")
    settings = AppSettings(
        config=Config(bell=False, notify=False),
        clock=ManualClock(datetime(2026, 11, 24, 9, 52, tzinfo=ZoneInfo("America/New_York"))),
        schedule=(root / "schedule.toml",),
        log_path=root / "log.sqlite3",
        exercises_dir=root / "exercises",
    )
    spans = code_spans(help_text(settings))
    for path in ("schedule.toml", "config/config.toml", "exercises", "bundled", "log.sqlite3"):
        assert str(root / path) in spans, (path, spans)
