"""``groundtui status``: one line, no labels, no Textual or Rich."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from core.planner_fixtures import FakeLibrary

from groundtui.cli import run

NY = ZoneInfo("America/New_York")
ZONE = ["--tz", "America/New_York"]


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("groundtui.day.load_exercises", FakeLibrary)


def status(capsys: pytest.CaptureFixture[str], now: str, *args: str) -> str:
    assert run(["status", *ZONE, "--now", f"2026-11-24T{now}", *args]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    return out.strip()


def test_status_lines_through_the_demo_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert status(capsys, "08:30") == "before first session · 09:00"
    assert status(capsys, "09:27") == "in session · 23 min left"
    assert status(capsys, "09:51").startswith("notes · 2 min, then ")
    assert status(capsys, "10:54") == "gap · Step outside · 6 min left"
    assert status(capsys, "13:50:10") == "back to back · 1 min left"
    assert status(capsys, "18:00") == "sessions over · to close the day: Day closing"
    assert status(capsys, "23:59:59") == "day done"


def test_status_never_shows_labels(capsys: pytest.CaptureFixture[str]) -> None:
    for now in ("08:30", "09:27", "10:20", "10:54", "13:30", "18:00"):
        assert "Demo client" not in status(capsys, now)


def test_status_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(status(capsys, "10:54", "--format", "json"))
    assert data == {
        "state": "gap",
        "minutes_left": 6.0,
        "exercise": "step-outside",
        "kind": "step_outside",
        "until": "2026-11-24T11:00:00-05:00",
        "resets_done": 0,
        "resets_planned": 6,
    }
    before = json.loads(status(capsys, "07:00", "--format", "json"))
    assert before["state"] == "before"
    assert before["until"] == "2026-11-24T09:00:00-05:00"
    assert before["minutes_left"] == 120.0


def test_status_counts_done_resets_from_the_log(capsys: pytest.CaptureFixture[str]) -> None:
    from groundtui.log import ResetEntry, open_store

    start = datetime(2026, 11, 24, 9, 50, tzinfo=NY)
    end = datetime(2026, 11, 24, 10, 0, tzinfo=NY)
    with open_store() as store:
        for outcome in ("done", "done", "skipped"):
            store.record(
                ResetEntry(
                    gap_start=start,
                    gap_end=end,
                    exercise="box-breathing",
                    kind="breathing",
                    outcome=outcome,
                    started_at=start,
                    ended_at=end,
                )
            )
    assert status(capsys, "23:59:59") == "day done · 2 resets today"
    data = json.loads(status(capsys, "23:59:59", "--format", "json"))
    assert data["resets_done"] == 2
    assert data["state"] == "done"


def test_status_bad_now_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["status", "--now", "yesterday-ish"]) == 1
    assert capsys.readouterr().err.startswith("groundtui: error: bad --now")


def test_status_does_not_load_textual_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from groundtui.cli import run\n"
        "rc = run(['status', '--tz', 'America/New_York', '--now', '2026-11-24T10:54'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED:' + ','.join(bad))\n"
        "sys.exit(rc)\n"
    )
    env = dict(os.environ)
    env["GROUNDTUI_CONFIG_DIR"] = str(tmp_path / "config")
    env["GROUNDTUI_DATA_DIR"] = str(tmp_path / "data")
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "LOADED:"


def test_status_on_the_demo_day_says_so_on_stderr_only(capsys) -> None:
    from groundtui.cli import run

    assert run(["status", "--now", "2026-11-24T10:20", "--tz", "America/New_York"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "in session · 30 min left"
    assert "demo day" in err


def test_a_mistake_in_config_toml_is_named_and_the_line_still_printed(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    (config_dir / "config.toml").write_text(
        'timezone = "America/New_York"\nfoo = 1\n', encoding="utf-8"
    )
    assert run(["status", "--now", "2026-11-24T09:27"]) == 0  # the zone from config.toml
    out, err = capsys.readouterr()
    assert out.strip() == "in session · 23 min left"
    assert "groundtui: warning: " in err and "config.toml:2:1: unknown key 'foo'" in err
