"""config.toml: defaults, every kind of mistake with its line, and the planner table."""

from __future__ import annotations

from pathlib import Path

import pytest

from groundtui.config import Config, PlannerSettings, load_config
from groundtui.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert config == Config()
    assert config.labels == "hidden" and config.bell and not config.checkin


def test_values_and_planner_table_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'labels = "initials"\nbell = false\ncheckin = true\nschedule = "cal.ics"\n'
        '[planner]\nnotes_minutes = 5\noutside = false\nfavourites = ["box-breathing"]\n',
    )
    config = load_config(path)
    assert config.labels == "initials"
    assert not config.bell and config.checkin
    assert config.schedule == (tmp_path / "cal.ics",)  # relative to the config file
    assert config.planner == PlannerSettings(
        notes_minutes=5.0, outside=False, favourites=("box-breathing",)
    )


def test_home_in_schedule_path_is_expanded(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, 'schedule = "~/Downloads/clinic.ics"\n'))
    (schedule,) = config.schedule
    assert isinstance(schedule, Path) and schedule.is_absolute()
    assert schedule.name == "clinic.ics"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('lables = "full"\n', "unknown key 'lables' (did you mean 'labels'?)", 1),
        ('bell = true\nlabels = "everything"\n', "'labels' must be one of", 2),
        ('bell = "yes"\n', "'bell' must be true or false", 1),
        ("[planner]\nnotes_minutes = -1\n", "'notes_minutes' must be zero or more", 2),
        ("[planner]\nnotes_minuts = 2\n", "did you mean 'notes_minutes'", 2),
        ("[planner]\nfavourites = [1]\n", "'favourites' must be a list of strings", 2),
        ('planner = "x"\n', "'planner' must be a table", 1),
        ("schedule = 3\n", "'schedule' must be a path", 1),
        ("labels = = 1\n", "", 1),
    ],
)
def test_mistakes_name_the_file_and_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    err = caught.value
    assert message in str(err)
    assert err.path == str(path) and err.line == line
    assert str(err).startswith(f"{path}:{line}")


def test_reading_keeps_the_good_settings_and_names_each_bad_one(tmp_path: Path) -> None:
    from groundtui.config import read_config_file

    path = write(
        tmp_path,
        'timezone = "Asia/Tokyo"\nfoo = 1\nbell = "loud"\nlabels = "ful"\ncheckin = true\n'
        "[planner]\nnotes_minutes = 5\noutsid = false\n",
    )
    config, problems = read_config_file(path)
    assert config.timezone == "Asia/Tokyo" and config.checkin and config.planner.notes_minutes == 5
    assert config.bell is True and config.labels == "hidden"  # the bad ones keep their default
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (2, "unknown key 'foo'"),
        (3, "'bell' must be true or false"),
        (4, "'labels' must be one of hidden, initials, full"),
        (8, "unknown key 'planner.outsid'"),
    ]
    with pytest.raises(ConfigError, match="unknown key 'foo'"):
        load_config(path)  # the strict reader (a live reload keeps the old settings)


def test_an_unknown_time_zone_is_a_problem_with_its_line(tmp_path: Path) -> None:
    from groundtui.config import read_config_file

    config, problems = read_config_file(write(tmp_path, 'bell = false\ntimezone = "Mars/Base"\n'))
    assert config.timezone is None and config.bell is False
    assert len(problems) == 1 and problems[0].line == 2 and "Mars/Base" in problems[0].message


def test_a_file_that_is_not_toml_gives_the_defaults_and_one_problem(tmp_path: Path) -> None:
    from groundtui.config import read_config_file

    config, problems = read_config_file(write(tmp_path, "bell = \n"))
    assert config == Config() and len(problems) == 1 and problems[0].line == 1


def test_reflect_table_is_read_and_checked(tmp_path: Path) -> None:
    from groundtui.config import ReflectSettings, read_config_file

    path = write(
        tmp_path,
        "[reflect]\n"
        'self_check_day = "Tue"\n'
        "heavy_share_limit = 0.4\n"
        'support_keywords = ["balint group"]\n'
        "journal_prompt = true\n",
    )
    config = load_config(path)
    assert config.reflect == ReflectSettings(
        self_check_day="tuesday",
        heavy_share_limit=0.4,
        support_keywords=("balint group",),
        journal_prompt=True,
    )
    bad = write(
        tmp_path,
        '[reflect]\nself_check_day = "someday"\nheavy_share_limit = 50\nsupport_days = 7\n'
        "journal_prompts = true\n",
    )
    config, problems = read_config_file(bad)
    assert [p.line for p in problems] == [2, 3, 5]
    assert "'self_check_day' must be a weekday" in str(problems[0])
    assert "between 0 and 1 (0.5 is 50%)" in str(problems[1])
    assert "did you mean 'journal_prompt'" in str(problems[2])
    assert config.reflect.support_days == 7 and config.reflect.self_check_day == "friday"
    assert load_config(write(tmp_path, '[reflect]\nself_check_day = "OFF"\n')).reflect == (
        ReflectSettings(self_check_day="off")
    )
