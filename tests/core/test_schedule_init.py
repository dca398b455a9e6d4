"""`groundtui schedule init`: a commented schedule.toml that loads as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui import paths
from groundtui.cli import run
from groundtui.commands.schedule import TEMPLATE, write_template
from groundtui.errors import GroundError
from groundtui.schedule import load
from groundtui.schedule.toml import DEFAULT_KEYS, SESSION_KEYS, TOP_KEYS

NY = ZoneInfo("America/New_York")


def test_init_writes_the_template_into_the_config_dir(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["schedule", "init"]) == 0
    path = paths.schedule_file()
    assert path == config_dir / "schedule.toml"
    assert path.read_text(encoding="utf-8") == TEMPLATE
    out = capsys.readouterr().out
    assert str(path) in out


def test_init_creates_a_missing_config_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GROUNDTUI_CONFIG_DIR", str(tmp_path / "new" / "config"))
    assert run(["schedule", "init"]) == 0
    assert (tmp_path / "new" / "config" / "schedule.toml").is_file()


def test_init_refuses_to_overwrite_without_force(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_dir / "schedule.toml"
    path.write_text("# mine\n")
    assert run(["schedule", "init"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("groundtui: error: ")
    assert "--force" in err and str(path) in err
    assert path.read_text() == "# mine\n"

    assert run(["schedule", "init", "--force"]) == 0
    assert path.read_text(encoding="utf-8") == TEMPLATE


def test_write_template_raises_a_ground_error(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    write_template(path)
    with pytest.raises(GroundError, match="already exists"):
        write_template(path)


def test_template_loads_cleanly_and_makes_a_plausible_week(tmp_path: Path) -> None:
    path = tmp_path / "schedule.toml"
    write_template(path)
    tuesday = load(path, date(2026, 11, 24), NY)
    monday = load(path, date(2026, 11, 23), NY)
    saturday = load(path, date(2026, 11, 28), NY)
    assert [f"{s.start:%H:%M}-{s.end:%H:%M}" for s in tuesday] == [
        "09:00-09:50",
        "10:00-10:50",
        "11:10-12:00",
        "14:00-14:50",
    ]
    assert [s.heavy for s in tuesday] == [None, True, None, None]  # unsaid: keywords decide
    assert [f"{s.start:%H:%M}" for s in monday] == ["09:00", "11:10", "13:00", "14:00"]
    assert saturday == []


def test_template_explains_every_key() -> None:
    comments = "\n".join(line for line in TEMPLATE.splitlines() if line.lstrip().startswith("#"))
    for key in TOP_KEYS | DEFAULT_KEYS | SESSION_KEYS:
        assert key in comments, key
