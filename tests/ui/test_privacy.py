"""Privacy in the app: hostile texts show as text, a crash prints no labels, screenshots hide them.

The day screen, the reset screen, notifications and the palette are rendered as the terminal
would get them, and the visible text is searched for ESC and C1 bytes and for markup that acted.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from app_factory import at, make_app, settle
from rich.console import Console
from textual.widgets._toast import Toast

from groundtui.clock import ManualClock
from groundtui.config import Config
from groundtui.ui.app import GroundApp
from groundtui.ui.screens.reset import ResetScreen

HOSTILE_SCHEDULE = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"
label = "[bold]Q1[/bold] [@click=app.quit]K1[/]"

[[session]]
start = "10:00"
end = "10:50"
label = "\\u001b[2JZ2 \\u001b]0;title\\u0007T2"

[[session]]
start = "11:10"
end = "12:00"
label = "\\u001b]52;c;SGVsbG8=\\u0007C3 \\u009b31mR3 [link=https://evil.example]L3[/link]"
"""

HOSTILE_EXERCISE = """\
id = "hostile"
name = "Evil \\u001b[2J [bold]Name[/bold]"
kind = "grounding"
summary = "Sum \\u001b]0;title\\u0007 [link=https://evil.example]x[/link]"
intro = "Intro \\u001b]52;c;SGVsbG8=\\u0007 [$accent]var[/]"
seconds = 60

[[step]]
text = "Step \\u009b31m [bold]one[/bold]"
seconds = 60
"""

LABEL = "Zelda Quixote-Hostile"


def visible_text(app: GroundApp) -> str:
    """What the terminal shows: the screen's segments (the driver's cursor moves left out)."""
    console = Console(
        width=app.size.width, file=io.StringIO(), force_terminal=True, color_system=None
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return "".join(s.text for s in console.render(update) if not s.control)


def assert_inert(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert not any(0x80 <= ord(c) <= 0x9F for c in text)


def hostile_app(tmp_path: Path, now: str = "09:52") -> tuple[GroundApp, ManualClock]:
    exercises = tmp_path / "config" / "exercises"
    exercises.mkdir(parents=True)
    (exercises / "hostile.toml").write_text(HOSTILE_EXERCISE, encoding="utf-8")
    config = Config(bell=False, notify=False, labels="full", checkin=True)  # shows the intro
    return make_app(tmp_path, at(now), schedule=HOSTILE_SCHEDULE, config=config)


async def test_labels_and_exercise_texts_show_as_text_on_every_screen(tmp_path: Path) -> None:
    app, clock = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        today = visible_text(app)
        assert_inert(today)
        assert "[bold]Q1[/bold]" in today and "[@click=app.quit]K1[/]" in today
        assert "␛[2JZ2" in today and "␛]0;title␇T2" in today
        assert "␛]52;c;SGVsbG8=␇C3" in today and "[link=https://evil.example]L3[/link]" in today

        app.notify(f"{app.library.get('hostile').name}: marked done.")  # type: ignore[union-attr]
        await pilot.pause()
        (toast,) = app.screen.query(Toast)
        shown = str(toast.render())
        assert_inert(shown)
        assert "Evil ␛[2J [bold]Name[/bold]: marked done." in " ".join(shown.split())

        app.start_exercise("hostile")
        await pilot.pause()
        assert isinstance(app.screen, ResetScreen)
        before = visible_text(app)
        assert_inert(before)
        assert "Evil ␛[2J [bold]Name[/bold]" in before
        assert "Intro ␛]52;c;SGVsbG8=␇ [$accent]var[/]" in before
        await pilot.press("enter")  # skip the check-in: the practice starts
        await pilot.pause()
        clock.advance(2)
        app.screen.refresh_from_clock()
        await pilot.pause()
        running = visible_text(app)
        assert_inert(running)
        assert "Step \\x9b31m [bold]one[/bold]" in running


async def test_the_palette_shows_names_and_summaries_as_text(tmp_path: Path) -> None:
    app, _ = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"evil")
        for _ in range(10):
            await pilot.pause(0.05)
            if "Name" in visible_text(app):
                break
        text = visible_text(app)
        assert_inert(text)
        assert "[bold]Name[/bold]" in text
        assert "[link=https://evil.example]x[/link]" in text

        await pilot.press(*("\b" * 4), *"cancel")
        for _ in range(10):
            await pilot.pause(0.05)
            if "L3" in visible_text(app):
                break
        text = visible_text(app)
        assert_inert(text)
        assert "[link=https://evil.example]L3[/link]" in text


async def test_a_screenshot_hides_labels_and_is_private(tmp_path: Path, data_dir: Path) -> None:
    schedule = f'[[session]]\nstart = "09:00"\nend = "09:50"\nlabel = "{LABEL}"\n'
    config = Config(bell=False, notify=False, labels="full")
    app, _ = make_app(tmp_path, at("09:20"), schedule=schedule, config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert LABEL in visible_text(app)
        app.deliver_screenshot()
        for _ in range(5):
            await pilot.pause()
        (shot,) = (data_dir / "screenshots").iterdir()
        svg = shot.read_text(encoding="utf-8")
        assert "Zelda" not in svg and "Quixote" not in svg
        assert "Session" in svg
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600
        assert stat.S_IMODE(shot.parent.stat().st_mode) == 0o700
        assert app.labels == "full"  # shown again afterwards
        await pilot.pause()
        assert LABEL in visible_text(app)
        said = list(app._notifications)[-1].message
        assert str(shot) in said and "labels hidden" in said


CRASHING_APP = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from app_factory import at, make_app
from groundtui.clock import ManualClock
from groundtui.config import Config
from groundtui.ui.app import GroundApp

loaded = GroundApp.on_day_loaded

def on_day_loaded(self, message):
    loaded(self, message)
    schedule_text = Path({schedule!r}).read_text()
    labels = [s.label for s in self.session.sessions]
    raise ValueError(f"cannot place {{labels}} from {{schedule_text}}")

GroundApp.on_day_loaded = on_day_loaded

tmp = Path({tmp!r})
app, _ = make_app(tmp, at("09:20"), schedule={schedule_text!r},
                  config=Config(bell=False, notify=False, labels="full"))
app.run(headless=True, size=(100, 30))
sys.exit(app.return_code or 0)
"""


def test_a_crash_prints_one_line_and_no_label(tmp_path: Path, data_dir: Path) -> None:
    schedule = f'[[session]]\nstart = "09:00"\nend = "09:50"\nlabel = "{LABEL}"\n'
    script = tmp_path / "crash_app.py"
    script.write_text(
        textwrap.dedent(
            CRASHING_APP.format(
                tests=str(Path(__file__).parent),
                schedule=str(tmp_path / "schedule.toml"),
                schedule_text=schedule,
                tmp=str(tmp_path),
            )
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "GROUNDTUI_DATA_DIR": str(data_dir), "TERM": "xterm-256color"}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Zelda" not in output and "Quixote" not in output, output
    assert "Traceback" not in output and "locals" not in output
    line = done.stderr.strip()
    assert "\n" not in line, output
    assert line.startswith("groundtui: error: an unexpected ValueError"), output
    (report,) = (data_dir / "crashes").iterdir()
    assert str(report) in line.replace("\n", "")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text(encoding="utf-8")
    assert "Zelda" not in text and "on_day_loaded" in text
