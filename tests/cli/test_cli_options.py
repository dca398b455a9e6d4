"""``--schedule``, ``--tz`` and ``--now`` work before a sub-command as well as after it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from groundtui.cli import SCHEDULE_AFTER, build_parser, parse_args, run, tui_only

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
TOML = str(SAMPLES / "schedule.toml")
CSV = str(SAMPLES / "appointments.csv")
DAY = ["--date", "2026-11-24"]
ZONE = "America/Chicago"
NOW = "2026-11-24T10:54"


def output(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert run(argv) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--schedule", TOML, "plan"], ["plan", "--schedule", TOML]),
        (["--tz", ZONE, "plan"], ["plan", "--tz", ZONE]),
        (["--schedule", TOML, "--tz", ZONE, "plan"], ["plan", "--tz", ZONE, "--schedule", TOML]),
    ],
)
def test_plan_options_before_the_sub_command(
    capsys: pytest.CaptureFixture[str], before: list[str], after: list[str]
) -> None:
    shown = output(capsys, [*before, *DAY, "--format", "json"])
    assert shown == output(capsys, [*after, *DAY, "--format", "json"])
    data = json.loads(shown)
    if "--tz" in before:
        assert data["timezone"] == ZONE
    if "--schedule" in before:
        assert len(data["sessions"]) == 6  # the sample file, not the demo day


def test_plan_with_a_schedule_before_it_is_not_the_demo_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["--schedule", TOML, "plan", *DAY]) == 0
    captured = capsys.readouterr()
    assert "Demo day" not in captured.out
    assert "demo day" not in captured.err


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--tz", ZONE, "--now", NOW, "status"], ["status", "--tz", ZONE, "--now", NOW]),
        (["--now", NOW, "status", "--tz", ZONE], ["status", "--now", NOW, "--tz", ZONE]),
        (
            ["--schedule", TOML, "--tz", ZONE, "--now", NOW, "status"],
            ["status", "--schedule", TOML, "--tz", ZONE, "--now", NOW],
        ),
    ],
)
def test_status_options_before_the_sub_command(
    capsys: pytest.CaptureFixture[str], before: list[str], after: list[str]
) -> None:
    shown = output(capsys, [*before, "--format", "json"])
    assert shown == output(capsys, [*after, "--format", "json"])
    assert json.loads(shown)["until"].endswith("-06:00")  # Chicago, not the system's zone


def test_schedules_before_and_after_merge(capsys: pytest.CaptureFixture[str]) -> None:
    merged = output(
        capsys, ["--schedule", TOML, "plan", "--schedule", CSV, *DAY, "--format", "json"]
    )
    assert merged == output(
        capsys, ["plan", "--schedule", TOML, "--schedule", CSV, *DAY, "--format", "json"]
    )
    assert parse_args(["--schedule", "a", "plan", "--schedule", "b"]).schedule == ["a", "b"]
    assert parse_args(["--schedule", "a", "--schedule", "b", "plan"]).schedule == ["a", "b"]
    assert parse_args(["plan", "--schedule", "b"]).schedule == ["b"]
    assert parse_args(["plan"]).schedule is None


def test_after_the_sub_command_wins() -> None:
    args = parse_args(["--tz", "Europe/Paris", "--now", "2026-11-24T08:00", "status", "--tz", ZONE])
    assert (args.tz, args.now) == (ZONE, "2026-11-24T08:00")
    assert parse_args(["--tz", ZONE, "log"]).tz == ZONE
    assert parse_args(["--tz", ZONE, "journal", "add", "a", "moment"]).tz == ZONE
    assert not hasattr(parse_args(["plan", "--schedule", "b"]), SCHEDULE_AFTER)


def _sub_parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += [sub, *_sub_parsers(sub)]
    return found


def test_every_sub_command_leaves_the_top_level_options_alone() -> None:
    """A sub-command's own --schedule/--tz/--now defaults to SUPPRESS (argparse copies a
    sub-parser's defaults over the top level's values), so a new sub-command cannot bring the
    silent 'option before the sub-command is ignored' back."""
    shared = {"--schedule", "--tz", "--now"}
    checked = 0
    for sub in _sub_parsers(build_parser()):
        for action in sub._actions:
            if shared & set(action.option_strings):
                checked += 1
                assert action.default is argparse.SUPPRESS, (sub.prog, action.option_strings)
                if "--schedule" in action.option_strings:
                    assert action.dest == SCHEDULE_AFTER, sub.prog
    assert checked >= 8


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--schedule", TOML, "--tz", ZONE, "--now", NOW, "--speed", "10"],
        [f"--schedule={TOML}", f"--tz={ZONE}", "--schedule", CSV, "--schedules-from-env"],
        ["--tz", "plan"],  # a value that names a sub-command is still a value
    ],
)
def test_the_tui_start_parses_as_the_whole_command_line(argv: list[str]) -> None:
    """The TUI's own start builds only the top-level parser; it reads the same values."""
    assert tui_only(argv)
    whole = vars(build_parser().parse_args(argv))
    top = vars(build_parser(commands=False).parse_args(argv))
    assert top == whole


@pytest.mark.parametrize(
    "argv",
    [
        ["plan"],
        ["--tz", ZONE, "status"],
        ["--help"],
        ["--version"],
        ["--sched", TOML],  # an abbreviation: argparse knows, the quick check does not
        ["--tz"],  # no value: the whole parser says so
        ["--schedule", TOML, "stray"],
    ],
)
def test_anything_else_goes_to_the_whole_parser(argv: list[str]) -> None:
    assert not tui_only(argv)


@pytest.mark.parametrize("argv", [["--speed", "x"], ["--schedule", "-x"], ["--speed", "0"]])
def test_a_refused_tui_option_reads_the_same_either_way(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    said = []
    for commands in (True, False):
        with pytest.raises(SystemExit):
            build_parser(commands=commands).parse_args(argv)
        said.append(capsys.readouterr().err)
    assert said[0] == said[1]
    assert "COMMAND ..." in said[1]
