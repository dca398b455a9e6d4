"""``groundtui week``: the contract's JSON on a schedule with support sessions, and the table."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from core.planner_fixtures import FakeLibrary

from groundtui.cli import run
from groundtui.log import Outcome, ResetEntry, open_store
from groundtui.reflect.selfcheck import SelfCheck, SelfCheckStore

NY = ZoneInfo("America/New_York")
WEEK = ["--date", "2026-12-02", "--tz", "America/New_York"]

SCHEDULE = """\
timezone = "America/New_York"

[[session]]
start = "09:00"
end = "09:50"
days = ["mon", "tue", "wed", "thu", "fri"]
label = "M.R."

[[session]]
start = "10:00"
end = "10:50"
days = ["mon", "tue", "wed", "thu", "fri"]
label = "Trauma processing"

[[session]]
start = "14:00"
end = "15:00"
days = ["wed"]
label = "Peer supervision"
heavy = true
"""


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("groundtui.day.load_exercises", FakeLibrary)


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    return path


def week_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert run(["week", *WEEK, "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_week_json_counts_client_heavy_and_support(
    capsys: pytest.CaptureFixture[str], schedule: Path
) -> None:
    SelfCheckStore().add(SelfCheck(datetime(2026, 12, 4).date(), (1, 0, 2, 1)))
    with open_store() as store:
        t = datetime(2026, 11, 30, 9, 51, tzinfo=NY)
        store.record(
            ResetEntry(
                gap_start=t, gap_end=t, exercise="box-breathing", kind="breathing",
                outcome=Outcome.DONE, started_at=t, ended_at=t,
            )
        )  # fmt: skip
    data = week_json(capsys, "--schedule", str(schedule))
    assert data["week_start"] == "2026-11-30" and data["week_end"] == "2026-12-06"
    assert data["days"][0]["date"] == "2026-11-30"
    assert [d["sessions"] for d in data["days"]] == [2, 2, 2, 2, 2, 0, 0]
    assert [d["heavy"] for d in data["days"]] == [1, 1, 1, 1, 1, 0, 0]
    assert [d["support"] for d in data["days"]] == [0, 0, 1, 0, 0, 0, 0]
    assert data["days"][0]["resets_done"] == 1
    assert data["sessions"] == 10 and data["heavy"] == 5 and data["heavy_share"] == 0.5
    assert data["support_sessions"] == 1 and data["heavy_share_limit"] == 0.5
    assert data["self_check"]["total"] == 4
    assert data["self_check_history"] == []
    assert "Peer" not in json.dumps(data) and "Trauma" not in json.dumps(data)


def test_week_counts_add_up_to_plan(capsys: pytest.CaptureFixture[str], schedule: Path) -> None:
    week = week_json(capsys, "--schedule", str(schedule))
    for day in week["days"]:
        tz = ["--tz", "America/New_York"]
        assert run(["plan", "--date", day["date"], *tz, "--format", "json",
                    "--schedule", str(schedule)]) == 0  # fmt: skip
        plan = json.loads(capsys.readouterr().out)
        assert day["sessions"] + day["support"] == len(plan["sessions"])
        assert day["heavy"] <= sum(s["heavy"] for s in plan["sessions"])


def test_the_limit_comes_from_config(
    capsys: pytest.CaptureFixture[str], schedule: Path, config_dir: Path
) -> None:
    (config_dir / "config.toml").write_text("[reflect]\nheavy_share_limit = 0.4\n")
    assert week_json(capsys, "--schedule", str(schedule))["heavy_share_limit"] == 0.4


def test_week_table_says_the_limit_is_yours(
    capsys: pytest.CaptureFixture[str], schedule: Path
) -> None:
    assert run(["week", *WEEK, "--schedule", str(schedule)]) == 0
    out = capsys.readouterr().out
    assert "5 of 10 client sessions heavy (50%) · your limit 50%" in out
    assert "rule of thumb, not a standard" in out and "[reflect] heavy_share_limit" in out
    assert "1 support session " in out
    assert "Peer supervision" not in out


def test_week_demo_day_is_noted_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["week", *WEEK, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["sessions"] > 0
    assert "demo" in err


def test_week_on_the_demo_day_says_so_and_keeps_weekends_free(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["week", *WEEK, "--format", "json"]) == 0
    days = json.loads(capsys.readouterr().out)["days"]
    assert [d["sessions"] > 0 for d in days] == [True] * 5 + [False] * 2
    assert days[5]["resets_offered"] == days[6]["resets_offered"] == 0
    assert run(["week", *WEEK]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "DEMO · no schedule is set up: the demo day, Monday to Friday"


def test_bad_date_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["week", "--date", "2026-13-01"]) == 1
    assert capsys.readouterr().err.startswith("groundtui: error: bad date")
