"""The installed commands as scripts and status bars call them: exit codes, JSON, one line."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from e2e_terminal import SAMPLES

pytestmark = pytest.mark.e2e

SCHEDULE = str(SAMPLES / "schedule.toml")
ZONE = ["--tz", "America/New_York"]
KINDS = {
    "breathing",
    "body_scan",
    "step_outside",
    "grounding",
    "reflection",
    "movement",
    "compassion",
}
LABELS = ("J.A.", "M.R.", "T.K.", "L. & P.", "S.B.", "D.W.")


def instant(text: str) -> datetime:
    """An ISO 8601 time that must carry the New York offset of late November."""
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?-05:00", text), text
    return datetime.fromisoformat(text)


def test_plan_json_follows_the_contract(cli) -> None:
    done = cli("plan", "--schedule", SCHEDULE, *ZONE, "--date", "2026-11-24", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    plan = json.loads(done.stdout)
    assert set(plan) == {
        "date", "timezone", "sessions", "gaps", "closing", "changeovers", "warnings"
    }  # fmt: skip
    assert plan["date"] == "2026-11-24"
    assert plan["timezone"] == "America/New_York"

    sessions = [(instant(s["start"]), instant(s["end"])) for s in plan["sessions"]]
    assert all(set(s) == {"start", "end", "heavy"} for s in plan["sessions"])
    assert sessions == sorted(sessions)
    assert len(sessions) == 6  # Tuesday: the Mon/Tue/Thu session is booked
    assert [s["heavy"] for s in plan["sessions"]] == [False, True, False, False, True, False]

    busy_end = max(end for _, end in sessions)
    for gap in plan["gaps"]:
        assert set(gap) == {"start", "end", "minutes", "resets"}
        start, end = instant(gap["start"]), instant(gap["end"])
        assert start < end <= busy_end
        assert gap["minutes"] == pytest.approx((end - start).total_seconds() / 60)
        assert not any(s < end and start < e for s, e in sessions)  # a gap is free time
        for reset in gap["resets"]:
            assert set(reset) == {"exercise", "kind", "start", "end", "role"}
            assert reset["kind"] in KINDS
            assert start <= instant(reset["start"]) < instant(reset["end"]) <= end
    assert [g["start"][11:16] for g in plan["gaps"]] == ["09:50", "10:50", "12:00", "14:40"]

    closing = plan["closing"]
    assert closing is None or set(closing) == {"exercise", "kind", "start", "end", "role"}
    if closing is not None:
        assert instant(closing["start"]) >= busy_end
    for label in LABELS:
        assert label not in done.stdout


def test_plan_shows_labels_only_when_asked(cli) -> None:
    args = ["plan", "--schedule", SCHEDULE, *ZONE, "--date", "2026-11-24"]
    hidden, shown = cli(*args), cli(*args, "--show-labels")
    assert hidden.returncode == shown.returncode == 0
    assert "T.K." not in hidden.stdout
    assert "T.K." in shown.stdout


@pytest.mark.parametrize(
    ("now", "words"),
    [
        ("08:30", "before"),
        ("09:27", "session"),
        ("10:54", "gap"),
        ("18:00", "sessions over"),
    ],
)
def test_status_is_one_line_without_labels(cli, now: str, words: str) -> None:
    done = cli("status", "--schedule", SCHEDULE, *ZONE, "--now", f"2026-11-24T{now}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stdout.strip()
    assert words in done.stdout
    for label in LABELS:
        assert label not in done.stdout


def test_status_json_is_one_object_on_one_line(cli) -> None:
    done = cli(
        "status", "--schedule", SCHEDULE, *ZONE, "--now", "2026-11-24T10:54", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    data = json.loads(done.stdout)
    assert data["state"] == "gap"
    assert data["until"] == "2026-11-24T11:10:00-05:00"
    assert data["kind"] in KINDS


def test_user_errors_exit_1_with_one_line_and_no_traceback(cli, tmp_path: Path) -> None:
    runs = [
        cli("plan", "--schedule", str(tmp_path / "missing.toml"), *ZONE),
        cli("plan", "--schedule", SCHEDULE, *ZONE, "--date", "24/11/2026"),
        cli("plan", "--schedule", str(SAMPLES / "bad" / "schedule_bad_time.toml"), *ZONE),
        cli("plan", "--schedule", str(SAMPLES / "bad" / "truncated.ics"), *ZONE),
        cli("status", "--schedule", SCHEDULE, "--tz", "Mars/Olympus_Mons"),
        cli("--schedule", str(tmp_path / "missing.toml")),  # the TUI stops before it starts
    ]
    for done in runs:
        assert done.returncode == 1, (done.args, done.stdout, done.stderr)
        assert done.stderr.startswith("groundtui: error: "), done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr + done.stdout


def test_usage_errors_exit_2(cli) -> None:
    done = cli("plan", "--format", "yaml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_exercises_check_names_file_line_and_column(cli, config_dir: Path) -> None:
    folder = config_dir / "exercises"
    folder.mkdir()
    bad = folder / "mybreath.toml"
    bad.write_text('name = "Mine"\nsummary = "x"\nkind = "breathng"\nseconds = 60\n', "utf-8")
    done = cli("exercises", "check")
    assert done.returncode == 1
    assert f"{bad}:3:" in done.stdout + done.stderr
    assert "breathing" in done.stdout  # did you mean
    listed = cli("exercises", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert {i["source"] for i in items} == {"bundled"}  # the broken file is left out
    assert all(set(i) == {"id", "name", "kind", "seconds", "source"} for i in items)
