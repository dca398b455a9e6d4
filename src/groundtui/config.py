"""config.toml: the user's settings, with defaults for everything."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from groundtui.errors import ConfigError, toml_error_location, toml_error_message

if TYPE_CHECKING:
    from groundtui.schedule.feeds import FeedURL

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


@dataclass(frozen=True)
class FeedSettings:
    """Calendar feeds, from config.toml's ``[feeds]`` table."""

    refresh_minutes: float = 15.0
    """How often the app reads a feed again (decimals allowed: 0.25 is every 15 s)."""
    timeout_seconds: float = 10.0
    """The longest one read of a feed may take, all of it."""
    max_megabytes: float = 20.0
    """A feed larger than this is not read (its last good copy is used)."""


@dataclass(frozen=True)
class Config:
    """Everything in config.toml."""

    schedule: tuple[Path | FeedURL, ...] = ()
    """Schedule files and calendar feeds, merged; none: schedule.toml in the config dir."""
    timezone: str | None = None
    labels: str = "hidden"
    bell: bool = True
    notify: bool = True
    checkin: bool = False
    reduced_motion: bool = False
    theme: str | None = None
    support_text: str = DEFAULT_SUPPORT_TEXT
    planner: PlannerSettings = field(default_factory=PlannerSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    path: Path | None = None


_TOP_KEYS = {f.name for f in fields(Config)} - {"path"}
_PLANNER_KEYS = {f.name for f in fields(PlannerSettings)}
_FEEDS_KEYS = {f.name for f in fields(FeedSettings)}


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
            elif key == "feeds":
                if not isinstance(value, dict):
                    raise ConfigError("'feeds' must be a table", path, _key_line(text, key))
                values["feeds"] = _load_feeds(value, path, text, problems)
            elif key == "schedule":
                values["schedule"] = _load_schedule(value, path, text)
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


def _load_schedule(value: Any, path: Path, text: str) -> tuple[Path | FeedURL, ...]:
    """``schedule``: a path or a feed address, or a list of them (paths relative to the file)."""
    from groundtui.errors import ScheduleError
    from groundtui.schedule.feeds import as_source

    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise ConfigError(
            "'schedule' must be a path or a feed address, or a list of them",
            path,
            _key_line(text, "schedule"),
        )
    try:
        return tuple(as_source(v, path.parent) for v in items)
    except ScheduleError as err:
        raise ConfigError(f"'schedule': {err.message}", path, _key_line(text, "schedule")) from None


def _load_feeds(
    table: dict[str, Any], path: Path, text: str, problems: list[ConfigError]
) -> FeedSettings:
    defaults = FeedSettings()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _FEEDS_KEYS:
            hint = _did_you_mean(key, _FEEDS_KEYS)
            problems.append(
                ConfigError(f"unknown key 'feeds.{key}'{hint}", path, _key_line(text, key))
            )
            continue
        try:
            number = _check_type(key, value, getattr(defaults, key), path, text)
            if number <= 0:
                raise ConfigError(f"'{key}' must be more than zero", path, _key_line(text, key))
            values[key] = number
        except ConfigError as err:
            problems.append(err)
    return FeedSettings(**values)


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
