"""Issue #13 through the command line: hostile TOML (exercises, schedule.toml, config.toml) gives
one ``groundtui: error:`` line or a warning, the contract's exit code, and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from groundtui.cli import run

DEEP = 100_000
HOSTILE = {
    "deep-arrays": "name = " + "[" * DEEP + "]" * DEEP + "\n",
    "deep-inline": "name = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n",
    "long-dotted-key": "a" + ".a" * DEEP + " = 1\n",
    "huge-integer": "seconds = " + "9" * 5000 + "\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_exercises_check_on_hostile_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert run(["exercises", "check", str(path)]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert line.startswith(f"{path}:1:")
    assert captured.err == "groundtui: error: 1 problem in 1 file (of 1 file checked)\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e308", "it lasts far more than an hour"),
        ("inf", "must be a finite number, got inf"),
        ("nan", "must be a finite number, got nan"),
        ("1" + "0" * 30, "it lasts far more than an hour"),
    ],
)
def test_exercises_check_on_numbers_that_overflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        f'name = "x"\nkind = "breathing"\n[pattern]\ninhale = {value}\nexhale = 4\ncycles = 2\n',
        encoding="utf-8",
    )
    assert run(["exercises", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:") and message in out and len(out.splitlines()) == 1


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_plan_with_a_hostile_schedule_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    path = tmp_path / "schedule.toml"
    path.write_text(text, encoding="utf-8")
    assert run(["plan", "--schedule", str(path), "--date", "2026-11-24", "--tz", "UTC"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"groundtui: error: {path}:1:") and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"[planner]\nnotes_minutes = inf\n",
        b"[planner]\nnotes_minutes = 1e308\n",
        b'labels = "caf\xe9"\n',
        ("favourites = " + "[" * DEEP).encode(),
        ("a" + ".a" * DEEP + " = 1").encode(),
    ],
    ids=["inf", "1e308", "not-utf8", "deep", "long-key"],
)
def test_plan_with_a_bad_config_warns_and_plans(
    config_dir: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    config = config_dir / "config.toml"
    config.write_bytes(content)
    assert run(["plan", "--date", "2026-11-24", "--tz", "UTC", "--format", "json"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"groundtui: warning: {config}:")
    assert captured.out.lstrip().startswith("{")


def test_no_traceback_in_a_real_process(tmp_path: Path, config_dir: Path) -> None:
    """The installed entry point, end to end: a bad exercise and a config that is not UTF-8."""
    (config_dir / "config.toml").write_bytes(b"bell = \xff\n")
    bad = tmp_path / "bad.toml"
    bad.write_text("a = " + "[" * DEEP, encoding="utf-8")
    env = dict(os.environ)  # the isolated config and data dirs of the conftest
    check = subprocess.run(
        [sys.executable, "-m", "groundtui", "exercises", "check", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert check.returncode == 1 and "Traceback" not in check.stderr + check.stdout
    assert check.stdout.startswith(f"{bad}:1:37: values are nested too deeply")
    plan = subprocess.run(
        [sys.executable, "-m", "groundtui", "plan", "--date", "2026-11-24", "--tz", "UTC"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert plan.returncode == 0 and "Traceback" not in plan.stderr
    assert f"groundtui: warning: {config_dir / 'config.toml'}:1:8: this is not UTF-8" in plan.stderr
