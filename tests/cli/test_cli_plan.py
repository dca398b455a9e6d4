"""``groundtui plan``: the contract's JSON, the table, labels only on request, errors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from core.planner_fixtures import FakeLibrary

from groundtui.cli import run

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
DAY = ["--date", "2026-11-24", "--tz", "America/New_York"]


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands plan with the test library, so these tests do not follow bundled edits."""
    monkeypatch.setattr("groundtui.day.load_exercises", FakeLibrary)


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert run(["plan", *DAY, "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def all_times(data: dict) -> list[str]:
    times = [s[k] for s in data["sessions"] for k in ("start", "end")]
    for gap in data["gaps"]:
        times += [gap["start"], gap["end"]]
        times += [r[k] for r in gap["resets"] for k in ("start", "end")]
    if data["closing"]:
        times += [data["closing"]["start"], data["closing"]["end"]]
    return times


def test_plan_json_has_the_contract_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys)
    assert list(data) == [
        "date", "timezone", "sessions", "gaps", "closing", "changeovers", "warnings"
    ]  # fmt: skip
    assert data["date"] == "2026-11-24"
    assert data["timezone"] == "America/New_York"
    assert all(set(s) == {"start", "end", "heavy"} for s in data["sessions"])
    for gap in data["gaps"]:
        assert set(gap) == {"start", "end", "minutes", "resets"}
        assert isinstance(gap["minutes"], float)
        for reset in gap["resets"]:
            assert set(reset) == {"exercise", "kind", "start", "end", "role"}
            assert reset["role"] in ("before_note", "main", "long", "arrive")
    assert set(data["closing"]) == {"exercise", "kind", "start", "end", "role"}
    assert data["closing"]["role"] == "closing"
    assert isinstance(data["warnings"], list)
    for change in data["changeovers"]:
        assert set(change) == {"at", "exercise", "seconds"}
    for text in all_times(data):
        assert datetime.fromisoformat(text).utcoffset() is not None
        assert text.endswith("-05:00")


def test_plan_json_labels_only_with_show_labels(capsys: pytest.CaptureFixture[str]) -> None:
    hidden = plan_json(capsys)
    assert "Demo client" not in json.dumps(hidden)
    shown = plan_json(capsys, "--show-labels")
    assert shown["sessions"][0]["label"] == "Demo client A"
    assert all(s["label"] for s in shown["sessions"])


def test_plan_json_of_the_sample_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "--schedule", str(SAMPLES / "schedule.toml"))
    assert [s["start"][11:16] for s in data["sessions"]] == [
        "09:00", "10:00", "11:10", "13:00", "13:50", "14:45",
    ]  # fmt: skip
    assert [s["heavy"] for s in data["sessions"]] == [False, True, False, False, True, False]
    assert [(g["start"][11:16], g["minutes"]) for g in data["gaps"]] == [
        ("09:50", 10.0),
        ("10:50", 20.0),
        ("12:00", 60.0),
        ("14:40", 5.0),
    ]
    assert data["gaps"][1]["resets"][0]["kind"] == "step_outside"
    assert data["closing"]["start"] == "2026-11-24T15:38:00-05:00"
    assert "Intake" not in json.dumps(data)


def test_plan_back_to_back_gap_has_empty_resets(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys)  # the demo day has a one-minute changeover at 13:50
    short = [g for g in data["gaps"] if g["minutes"] < 2]
    assert short and all(g["resets"] == [] for g in short)


def test_plan_table_shows_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", *DAY]) == 0
    out = capsys.readouterr().out
    assert "Demo day" in out
    assert "09:00–09:50" in out
    assert "notes" in out
    assert "Step outside" in out
    assert "arrival" in out
    assert "Day closing" in out
    assert "7 sessions · 6 gaps" in out
    assert "Demo client" not in out


def test_plan_table_with_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", *DAY, "--show-labels"]) == 0
    assert "Demo client A" in capsys.readouterr().out


def test_plan_table_warns_without_labels(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "heavy.toml"
    path.write_text(
        "\n".join(
            f'[[session]]\nstart = {start}\nend = {end}\nlabel = "Trauma {n}"\n'
            for n, (start, end) in enumerate(
                [("13:00:00", "13:50:00"), ("13:55:00", "14:45:00"), ("14:45:00", "15:35:00")]
            )
        ),
        encoding="utf-8",
    )
    assert run(["plan", *DAY, "--schedule", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 heavy sessions in a row from 13:00 without a 10-minute buffer" in out
    assert "Trauma" not in out
    assert "Demo day" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "bad date"),
        (["--tz", "Mars/Olympus"], "unknown time zone"),
        (["--schedule", "/no/such/schedule.toml"], "no such file"),
    ],
)
def test_plan_user_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(["plan", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("groundtui: error: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_plan_broken_schedule_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    bad = SAMPLES / "bad" / "schedule_bad_time.toml"
    assert run(["plan", *DAY, "--schedule", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("groundtui: error: ")
    assert "schedule_bad_time.toml" in err
    assert "Traceback" not in err


def test_plan_with_the_bundled_exercises(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end with the real library: fewer than 10 bundled exercises found is the
    regression to catch (a packaging or path slip), never a reason to skip."""
    from groundtui import exercises

    library = exercises.load_library()
    assert len(library.exercises) >= 10, sorted(library.exercises)
    monkeypatch.setattr("groundtui.day.load_exercises", exercises.load_library)
    data = plan_json(capsys)
    kinds = {r["kind"] for g in data["gaps"] for r in g["resets"]}
    assert "step_outside" in kinds
    assert data["closing"] is not None
    assert all(r["exercise"] in library.exercises for g in data["gaps"] for r in g["resets"])
