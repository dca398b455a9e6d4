"""config.toml: the user's settings, with defaults for everything."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from groundtui.errors import ConfigError, toml_error_location, toml_error_message

LABEL_MODES = ("hidden", "initials", "full")

DEFAULT_SUPPORT_TEXT = (
    "If you are struggling, you do not have to carry it alone. Talk to a colleague, your "
    "supervisor or your own therapist. Many professional bodies run confidential peer-support "
    "and wellbeing lines for clinicians, and your employer may offer an assistance programme. "
    "In a crisis, call your local emergency number or a crisis line in your country. "
    "groundtui does not list phone numbers, because a number that is right in one country is "
    "wrong in another: set your own in config.toml (support_text)."
)


@dataclass(frozen=True)
class PlannerSettings:
    """The planner's rules, from config.toml's ``[planner]`` table."""

    notes_minutes: float = 3.0
    """The first minutes of every gap belong to the session note."""
    arrive_seconds: float = 45.0
    """A short arrival cue before the next session, when the gap allows."""
    min_reset_seconds: float = 60.0
    """The shortest reset the planner offers."""
    back_to_back_minutes: float = 2.0
    """Gaps shorter than this hold no reset: a back-to-back transition."""
    long_gap_minutes: float = 20.0
    """Gaps at least this long get a longer practice plus free time."""
    long_practice_minutes: float = 10.0
    """The longest practice the planner puts in a long gap."""
    max_reset_minutes: float = 5.0
    """The longest reset in an ordinary gap."""
    heavy_keywords: tuple[str, ...] = ("intake", "trauma", "crisis", "assessment")
    """A session whose label holds one of these words counts as heavy."""
    outside: bool = True
    """Whether stepping outside is possible; if not, a movement reset replaces it."""
    closing: bool = True
    """Offer a closing reflection after the last session."""
    closing_minutes: float = 5.0
    favourites: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class ReflectSettings:
    """Across the weeks, from config.toml's ``[reflect]`` table: the weekly self-check, the
    heavy-session share, support sessions and the private journal."""

    self_check_day: str = "friday"
    """The weekday the closing offers the weekly self-check (a full or 3-letter name), or
    "off": then it is only in the palette."""
    self_check_level: float = 8.0
    """A self-check total (0–16) at or above this gets a gentle note at the closing."""
    heavy_share_limit: float = 0.5
    """The share of client sessions that are heavy, 0–1, above which the week view and the
    plan say so. 40–50% is a practitioners' rule of thumb, not a standard: yours to set."""
    support_keywords: tuple[str, ...] = (
        "supervision",
        "consultation",
        "peer group",
        "case conference",
    )
    """A session whose label holds one of these (whole words, any case) is support, not a
    client session."""
    support_days: float = 14.0
    """With no support session on the calendar for this many days, the closing asks once
    whether one is booked (0: never asks)."""
    journal_prompt: bool = False
    """The closing ends with an invitation to write "one moment that mattered today"."""


@dataclass(frozen=True)
class Config:
    """Everything in config.toml."""

    schedule: Path | None = None
    """The schedule file; default: schedule.toml in the config dir."""
    timezone: str | None = None
    labels: str = "hidden"
    bell: bool = True
    notify: bool = True
    checkin: bool = False
    reduced_motion: bool = False
    theme: str | None = None
    support_text: str = DEFAULT_SUPPORT_TEXT
    planner: PlannerSettings = field(default_factory=PlannerSettings)
    reflect: ReflectSettings = field(default_factory=ReflectSettings)
    path: Path | None = None


_TOP_KEYS = {f.name for f in fields(Config)} - {"path"}
_PLANNER_KEYS = {f.name for f in fields(PlannerSettings)}
_REFLECT_KEYS = {f.name for f in fields(ReflectSettings)}


def _did_you_mean(key: str, known: set[str]) -> str:
    import difflib  # only when a key is unknown

    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(key) and stripped[len(key) :].lstrip().startswith("="):
            return number
    return None


def _check_type(name: str, value: Any, default: Any, path: Path, text: str) -> Any:
    line = _key_line(text, name)

    def bad(expected: str) -> ConfigError:
        return ConfigError(f"'{name}' must be {expected}", path, line)

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        if value < 0:
            raise bad("zero or more")
        return float(value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    return value


def _check_zone(name: str, path: Path, text: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"unknown time zone '{name}' (use an IANA name such as 'America/New_York')",
            path,
            _key_line(text, "timezone"),
        ) from None
    return name


def load_config(path: Path) -> Config:
    """Read config.toml strictly: its first problem is raised. A missing file gives the
    defaults."""
    config, problems = read_config_file(path)
    if problems:
        raise problems[0]
    return config


def read_config_file(path: Path) -> tuple[Config, list[ConfigError]]:
    """Read config.toml keeping what is good: a setting with a problem (an unknown key, a
    wrong type) keeps its default and the problem is returned with its line. A file that is
    not TOML at all gives the defaults and one problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), []
    except OSError as err:
        return Config(), [ConfigError(f"cannot read: {err.strerror}", path)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line, col = toml_error_location(err)
        return Config(), [ConfigError(toml_error_message(err), path, line, col)]

    defaults = Config()
    values: dict[str, Any] = {"path": path}
    problems: list[ConfigError] = []
    for key, value in data.items():
        try:
            if key not in _TOP_KEYS:
                hint = _did_you_mean(key, _TOP_KEYS)
                raise ConfigError(f"unknown key '{key}'{hint}", path, _key_line(text, key))
            if key == "planner":
                if not isinstance(value, dict):
                    raise ConfigError("'planner' must be a table", path, _key_line(text, key))
                values["planner"] = _load_planner(value, path, text, problems)
            elif key == "reflect":
                if not isinstance(value, dict):
                    raise ConfigError("'reflect' must be a table", path, _key_line(text, key))
                values["reflect"] = _load_reflect(value, path, text, problems)
            elif key == "schedule":
                if not isinstance(value, str):
                    raise ConfigError("'schedule' must be a path", path, _key_line(text, key))
                p = Path(value).expanduser()
                values["schedule"] = p if p.is_absolute() else path.parent / p
            elif key == "timezone":
                values[key] = _check_zone(_check_type(key, value, "", path, text), path, text)
            elif key == "theme":
                values[key] = _check_type(key, value, "", path, text)
            elif key == "labels" and value not in LABEL_MODES:
                raise ConfigError(
                    f"'labels' must be one of {', '.join(LABEL_MODES)}",
                    path,
                    _key_line(text, "labels"),
                )
            else:
                values[key] = _check_type(key, value, getattr(defaults, key), path, text)
        except ConfigError as err:
            problems.append(err)
    return Config(**values), problems


def _load_planner(
    table: dict[str, Any], path: Path, text: str, problems: list[ConfigError]
) -> PlannerSettings:
    defaults = PlannerSettings()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _PLANNER_KEYS:
            hint = _did_you_mean(key, _PLANNER_KEYS)
            problems.append(
                ConfigError(f"unknown key 'planner.{key}'{hint}", path, _key_line(text, key))
            )
            continue
        try:
            values[key] = _check_type(key, value, getattr(defaults, key), path, text)
        except ConfigError as err:
            problems.append(err)
    return PlannerSettings(**values)


def _load_reflect(
    table: dict[str, Any], path: Path, text: str, problems: list[ConfigError]
) -> ReflectSettings:
    defaults = ReflectSettings()
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = _key_line(text, key)
        try:
            if key not in _REFLECT_KEYS:
                hint = _did_you_mean(key, _REFLECT_KEYS)
                raise ConfigError(f"unknown key 'reflect.{key}'{hint}", path, line)
            checked = _check_type(key, value, getattr(defaults, key), path, text)
            if key == "self_check_day":
                checked = _weekday(str(checked), path, line)
            elif key == "heavy_share_limit" and not 0 <= checked <= 1:
                raise ConfigError(
                    "'heavy_share_limit' must be a share between 0 and 1 (0.5 is 50%)", path, line
                )
            values[key] = checked
        except ConfigError as err:
            problems.append(err)
    return ReflectSettings(**values)


def _weekday(name: str, path: Path, line: int | None) -> str:
    """A weekday's full name from a full or 3-letter one (any case), or "off"."""
    word = name.strip().casefold()
    if word == "off":
        return word
    for day in WEEKDAYS:
        if word in (day, day[:3]):
            return day
    raise ConfigError(
        '\'self_check_day\' must be a weekday such as "friday" or "fri", or "off"', path, line
    )
