"""Every file groundtui creates is its owner's only: 0600, in a 0700 folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from groundtui import paths
from groundtui.cli import run


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_private_makes_0600_files_in_0700_folders(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "a" / "b" / "file.txt"
        paths.write_private(target, "secret")
        assert target.read_text() == "secret"
        assert mode(target) == 0o600
        assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
        target.chmod(0o644)
        paths.write_private(target, "again")  # replacing a wide-open file closes it
        assert mode(target) == 0o600 and target.read_text() == "again"
        with pytest.raises(FileExistsError):
            paths.write_private(target, "x", replace=False)
        assert [p.name for p in target.parent.iterdir()] == ["file.txt"]  # no temp left
    finally:
        os.umask(old)


def test_private_dir_leaves_an_existing_folder_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    paths.private_dir(shared)
    assert mode(shared) == 0o755


def test_schedule_init_writes_0600_in_a_0700_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "fresh" / "config"
    monkeypatch.setenv("GROUNDTUI_CONFIG_DIR", str(config))
    assert run(["schedule", "init"]) == 0
    assert mode(config / "schedule.toml") == 0o600
    assert mode(config) == 0o700
    (config / "schedule.toml").chmod(0o644)
    assert run(["schedule", "init", "--force"]) == 0
    assert mode(config / "schedule.toml") == 0o600


def test_exercise_new_and_edit_copies_are_0600(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    assert run(["exercises", "new", "My reset"]) == 0
    folder = config_dir / "exercises"
    assert mode(folder / "my-reset.toml") == 0o600
    assert mode(folder) == 0o700
    assert run(["exercises", "edit", "box-breathing"]) == 0
    assert mode(folder / "box-breathing.toml") == 0o600
