"""Help: the keys, where files live, how to edit exercises, and where to find support."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from groundtui import paths
from groundtui.options import AppSettings
from groundtui.safetext import visible
from groundtui.ui.widgets.keybar import KeyBar

CRISIS_TEXT = (
    "**With thoughts of harming yourself or of suicide, contact emergency services or a "
    "crisis line now.** groundtui is not treatment and not a crisis service."
)
"""Shown near the top of the help, whatever the support text says; locale-neutral on purpose."""


def code_span(text: str) -> str:
    """``text`` as a Markdown code span it cannot leave: control characters made visible, and a
    fence one backtick longer than any run of backticks in it (CommonMark), padded with a space
    (which the parser strips again) where it begins or ends with a backtick or a space. A folder
    named ``a`b`` must not end the span and turn the rest of a path into Markdown."""
    text = visible(text)
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def help_text(settings: AppSettings) -> str:
    """The help page as Markdown (pure, so it is testable without an app)."""
    # A feed shows its host only: its address is a secret. config.toml gives the schedule
    # paths and the support text: shown, never sent as controls.
    schedule = ", ".join(
        str(s) if isinstance(s, Path) else f"calendar feed at {s}" for s in settings.schedule
    )
    schedule = code_span(schedule or "none yet: a demo day is shown")
    user_dir = code_span(str(settings.exercises_dir or paths.user_exercises_dir()))
    if not settings.schedule:
        log = "nothing is logged on the demo day"
    else:
        log = code_span(str(settings.log_path) if settings.log_path else "in memory")
    support = visible(settings.config.support_text, newlines=True)
    reflect = settings.config.reflect
    day = reflect.self_check_day
    offered = "" if day == "off" else f", offered at the closing on {day.capitalize()}s"
    return f"""\
# groundtui

Short resets between sessions. Glance at it between clients; it stays quiet otherwise.

{CRISIS_TEXT}

## Keys

| key | what it does |
|---|---|
| `space` | start the offered reset (pause / resume while it runs) |
| `d` | mark the reset done (also when you did it away from the screen) |
| `a` | during a reset: about this exercise, its steps and its sources |
| `x` | skip the offered reset |
| `n` | offer a different exercise for this gap |
| `s` | snooze the offer once, by 2 minutes (it then shrinks to fit) |
| `l` | the reset log: today, and a week view (`w`) |
| `e` | edit the offered exercise in `$EDITOR` |
| `ctrl+p` | command palette: running late, cancel a session, labels, any exercise |
| `?` | this help · `escape` closes it |
| `q` | quit (a reset under way is logged as partly done) |

## Your files

- Schedule: {schedule}
- Settings: {code_span(str(paths.config_file()))}
- Your exercises: {user_dir}
- Bundled exercises: {code_span(str(paths.bundled_exercises_dir()))}
- Reset log: {log}

## Editing exercises

Each exercise is one small TOML file. `groundtui exercises edit box-breathing` copies a
bundled one into your folder and opens it; `groundtui exercises new "My reset"` writes a
commented template; `groundtui exercises check` points at any mistake by file and line.
Edits are picked up while the app runs.

## Across the weeks

- **Weekly self-check**: palette "Weekly self-check"{offered}; four questions, 0–4 each, kept as
  numbers only; `groundtui week` and the log's week view (`w`) show the trend. Not a clinical
  measure.
- **Journal**: `groundtui journal add "..."` keeps one private moment that mattered (no client
  names), `groundtui journal` lists them; never part of a log export.

## Privacy

Client names stay on your screen only when you turn labels on (`labels` in config.toml,
or the command palette). They are never written to the log or any file of ours.

## Support

{support}
"""


class HelpScreen(ModalScreen[None]):
    """Keys, files and support, over the day."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_text(self.settings), id="help-text")
        yield KeyBar()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
