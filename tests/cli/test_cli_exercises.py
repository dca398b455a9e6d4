"""``groundtui exercises``: list, check, new, edit, path through cli.run()."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from groundtui import paths
from groundtui.cli import run
from groundtui.exercises import KINDS, check_file

BAD = Path(__file__).parents[1] / "data" / "samples" / "bad" / "exercise_bad_values.toml"

STEPPED = 'name = "{name}"\nkind = "grounding"\n[[step]]\ntext = "a"\nseconds = {seconds}\n'


@pytest.fixture
def user_dir(config_dir: Path) -> Path:
    folder = config_dir / "exercises"
    folder.mkdir()
    return folder


def out_err(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


# --------------------------------------------------------------------------- list


def test_list_json_is_sorted_with_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "list", "--format", "json"]) == 0
    out, err = out_err(capsys)
    items = json.loads(out)
    assert len(items) >= 15
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    for item in items:
        assert set(item) == {"id", "name", "kind", "seconds", "source"}
        assert item["source"] == "bundled"
        assert item["kind"] in KINDS
        assert isinstance(item["seconds"], int | float)
    box = next(i for i in items if i["id"] == "box-breathing")
    assert box == {
        "id": "box-breathing",
        "name": "Box breathing",
        "kind": "breathing",
        "seconds": 96,
        "source": "bundled",
    }
    assert err == ""


def test_list_json_shows_user_overrides_and_warns_about_broken_files(
    capsys: pytest.CaptureFixture[str], user_dir: Path
) -> None:
    (user_dir / "box-breathing.toml").write_text(STEPPED.format(name="Mine", seconds=30))
    (user_dir / "broken.toml").write_text('name = "x"\nkind = "grounding"\nseconds = "ten"\n')
    assert run(["exercises", "list", "--format", "json"]) == 0
    out, err = out_err(capsys)
    items = {i["id"]: i for i in json.loads(out)}
    assert items["box-breathing"] == {
        "id": "box-breathing",
        "name": "Mine",
        "kind": "grounding",
        "seconds": 30,
        "source": "user",
    }
    assert "broken" not in items
    assert f"{user_dir / 'broken.toml'}:3:11:" in err


def test_list_table_names_broken_files_with_their_line(
    capsys: pytest.CaptureFixture[str], user_dir: Path
) -> None:
    (user_dir / "mine.toml").write_text(STEPPED.format(name="My own", seconds=30))
    (user_dir / "broken.toml").write_text("name = \n")
    assert run(["exercises", "list"]) == 0
    out, _ = out_err(capsys)
    assert "box-breathing" in out and "mine" in out and "user" in out
    assert "Skipped 1 broken file:" in out
    assert f"{user_dir / 'broken.toml'}:1:8: Invalid value" in out


# --------------------------------------------------------------------------- check


def test_check_without_paths_checks_bundled_and_user(
    capsys: pytest.CaptureFixture[str], user_dir: Path
) -> None:
    bundled = len(list(paths.bundled_exercises_dir().glob("*.toml")))
    # a user override with the same id as a bundled one is not a duplicate
    (user_dir / "box-breathing.toml").write_text(STEPPED.format(name="Mine", seconds=30))
    assert run(["exercises", "check"]) == 0
    out, err = out_err(capsys)
    assert out == f"ok: {bundled + 1} files\n"
    assert err == ""


def test_check_bad_sample_prints_file_line_col(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "check", str(BAD)]) == 1
    out, err = out_err(capsys)
    assert out.splitlines() == [
        f"{BAD}:1:1: missing key 'name'",
        f'{BAD}:3:11: seconds must be a number, got text "ten"',
        f"{BAD}:4:1: missing key 'exhale' in [pattern]",
        f"{BAD}:5:10: inhale in [pattern] must be more than 0, got -4",
    ]
    assert err == "groundtui: error: 4 problems in 1 file (of 1 file checked)\n"


def test_check_finds_problems_in_the_user_dir(
    capsys: pytest.CaptureFixture[str], user_dir: Path
) -> None:
    bad = user_dir / "typo.toml"
    bad.write_text(STEPPED.format(name="x", seconds=5) + "txt = 'b'\n")
    assert run(["exercises", "check"]) == 1
    out, err = out_err(capsys)
    assert out == f"{bad}:6:1: unknown key 'txt' (did you mean 'text'?)\n"
    assert err.startswith("groundtui: error: 1 problem in 1 file")


def test_check_folder_and_duplicates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.toml").write_text('id = "same"\n' + STEPPED.format(name="A", seconds=5))
    (folder / "b.toml").write_text('id = "same"\n' + STEPPED.format(name="B", seconds=5))
    assert run(["exercises", "check", str(folder)]) == 1
    out, _ = out_err(capsys)
    assert out == f"{folder / 'b.toml'}:1:6: duplicate id 'same' (also in {folder / 'a.toml'}:1)\n"


def test_check_ok_on_good_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(STEPPED.format(name="Good", seconds=5))
    assert run(["exercises", "check", str(good)]) == 0
    assert out_err(capsys) == ("ok: 1 file\n", "")


# --------------------------------------------------------------------------- new


def test_new_writes_a_template_that_passes_check(
    capsys: pytest.CaptureFixture[str], config_dir: Path
) -> None:
    assert run(["exercises", "new", "Evening Walk", "--kind", "step_outside"]) == 0
    out, _ = out_err(capsys)
    target = config_dir / "exercises" / "evening-walk.toml"
    assert out == f"{target}\n"
    assert check_file(target) == []
    assert 'name = "Evening Walk"' in target.read_text()
    assert run(["exercises", "list", "--format", "json"]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["evening-walk"]["source"] == "user"
    assert items["evening-walk"]["kind"] == "step_outside"


def test_new_defaults_to_breathing(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    assert run(["exercises", "new", "Slow"]) == 0
    assert 'kind = "breathing"' in (config_dir / "exercises" / "slow.toml").read_text()


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], user_dir: Path) -> None:
    target = user_dir / "mine.toml"
    target.write_text("keep me")
    assert run(["exercises", "new", "Mine"]) == 1
    _, err = out_err(capsys)
    assert "already exists" in err and err.startswith("groundtui: error: ")
    assert target.read_text() == "keep me"


def test_new_refuses_a_bundled_id(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    assert run(["exercises", "new", "Box Breathing"]) == 1
    _, err = out_err(capsys)
    assert "groundtui exercises edit box-breathing" in err
    assert not (config_dir / "exercises" / "box-breathing.toml").exists()


def test_new_with_unknown_kind_or_empty_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "new", "x", "--kind", "breathin"]) == 1
    assert "did you mean 'breathing'" in out_err(capsys)[1]
    assert run(["exercises", "new", "!!!"]) == 1
    assert "cannot make a file name" in out_err(capsys)[1]


# --------------------------------------------------------------------------- edit


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An 'editor' that appends what is in $GT_APPEND to the file and logs its argv."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import os, sys\n"
        "path = sys.argv[-1]\n"
        "open(os.environ['GT_LOG'], 'a').write(path + '\\n')\n"
        "open(path, 'a').write(os.environ.get('GT_APPEND', ''))\n"
    )
    log = tmp_path / "editor.log"
    monkeypatch.setenv("GT_LOG", str(log))
    monkeypatch.setenv("GT_APPEND", "")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return log


def test_edit_copies_a_bundled_exercise_then_checks(
    capsys: pytest.CaptureFixture[str], config_dir: Path, fake_editor: Path
) -> None:
    assert run(["exercises", "edit", "box-breathing"]) == 0
    target = config_dir / "exercises" / "box-breathing.toml"
    assert fake_editor.read_text() == f"{target}\n"
    assert out_err(capsys)[0] == f"ok: {target}\n"
    assert run(["exercises", "list", "--format", "json"]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)}
    assert items["box-breathing"]["source"] == "user"


def test_edit_reports_problems_the_user_made(
    capsys: pytest.CaptureFixture[str],
    config_dir: Path,
    fake_editor: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GT_APPEND", "inhail = 4\n")
    assert run(["exercises", "edit", "check-in-60"]) == 1
    out, err = out_err(capsys)
    target = config_dir / "exercises" / "check-in-60.toml"
    assert out.startswith(f"{target}:")
    assert "unknown key 'inhail'" in out
    assert err.startswith("groundtui: error: 1 problem in ")


def test_edit_opens_a_broken_user_file(
    capsys: pytest.CaptureFixture[str], user_dir: Path, fake_editor: Path
) -> None:
    broken = user_dir / "mine.toml"
    broken.write_text("name = \n")
    assert run(["exercises", "edit", "mine"]) == 1
    assert fake_editor.read_text() == f"{broken}\n"
    assert f"{broken}:1:8: Invalid value" in out_err(capsys)[0]


def test_edit_unknown_exercise(capsys: pytest.CaptureFixture[str], fake_editor: Path) -> None:
    assert run(["exercises", "edit", "box-breath"]) == 1
    _, err = out_err(capsys)
    assert err == (
        "groundtui: error: unknown exercise 'box-breath' (did you mean 'box-breathing'?)\n"
    )
    assert not fake_editor.exists()


def test_edit_with_a_missing_editor(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "/nonexistent/editor --wait")
    assert run(["exercises", "edit", "box-breathing"]) == 1
    _, err = out_err(capsys)
    assert "cannot start the editor '/nonexistent/editor'" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- path


def test_path_prints_both_dirs(capsys: pytest.CaptureFixture[str], config_dir: Path) -> None:
    assert run(["exercises", "path"]) == 0
    out, _ = out_err(capsys)
    assert out.splitlines() == [
        f"bundled: {paths.bundled_exercises_dir()}",
        f"user: {config_dir / 'exercises'}",
    ]


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["exercises", "frobnicate"])
    assert info.value.code == 2


def test_edit_says_when_the_editor_fails(
    capsys: pytest.CaptureFixture[str], config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'import sys; sys.exit(3)'")
    assert run(["exercises", "edit", "box-breathing"]) == 1
    out, err = out_err(capsys)
    assert out == ""
    assert "stopped with status 3" in err and "box-breathing.toml" in err
