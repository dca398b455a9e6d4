"""config.toml: the user's settings, with defaults for everything."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from groundtui.errors import ConfigError

LabelMode = Literal["hidden", "initials", "full"]
"""How calendar labels are shown: not at all, as initials, or in full."""
LABEL_MODES: tuple[LabelMode, ...] = get_args(LabelMode)
SoundMode = Literal["off", "ends", "steps", "phases"]
"""Cues during a reset: none; the end of a reset; and each step change; and each breathing
phase (``groundtui.sound``)."""
SOUND_MODES: tuple[SoundMode, ...] = get_args(SoundMode)

# The TOML reader and its checks (tomllib, ``tomlcheck``) load only when a config.toml is
# there to read: the TUI's first screen does not wait for them when there is none.
if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from groundtui.schedule.feeds import FeedURL
    from groundtui.tomlcheck import KeyPath, TomlDoc

DEFAULT_SUPPORT_TEXT = (
    "If you are struggling, you do not have to carry it alone. Talk to a colleague, your "
    "supervisor or your own therapist. Many professional bodies run confidential peer-support "
    "and wellbeing lines for clinicians, and your employer may offer an assistance programme. "
    "In a crisis, call your local emergency number or a crisis line in your country. "
    "groundtui does not list phone numbers, because a number that is right in one country is "
    "wrong in another: set your own in config.toml (support_text)."
)


DEFAULT_SUPPORT_KEYWORDS: tuple[str, ...] = (
    "supervision",
    "consultation",
    "peer group",
    "case conference",
)
DEFAULT_HEAVY_SHARE_LIMIT = 0.5


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
    heavy_keywords: tuple[str, ...] = (
        "intake",
        "trauma",
        "trauma-focused",
        "crisis",
        "assessment",
        "emdr",
    )
    """A session whose label or EHR service text holds one of these as a whole word (any case,
    a plural 's' allowed) counts as heavy, unless the schedule says ``heavy = false``. A keyword
    followed by a hyphen and a word is a modifier, not a match: 'trauma' does not match
    'Trauma-informed yoga group', nor 'crisis' 'Crisis-free check' ('re-intake' matches)."""
    heavy_codes: tuple[str, ...] = ("90791", "90792", "90839", "90840")
    """Service (CPT) codes in an EHR report's service, type or code column that count as heavy:
    diagnostic evaluations (intakes) and crisis psychotherapy."""
    outside: bool = True
    """Whether stepping outside is possible; if not, a movement reset replaces it."""
    closing: bool = True
    """Offer a closing reflection after the last session."""
    closing_minutes: float = 5.0
    favourites: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    support_keywords: tuple[str, ...] = DEFAULT_SUPPORT_KEYWORDS
    """From ``[reflect] support_keywords`` (not a ``[planner]`` key): the arrival cue before a
    support session is worded neutrally, and support sessions stay out of the heavy share."""
    heavy_share_limit: float = DEFAULT_HEAVY_SHARE_LIMIT
    """From ``[reflect] heavy_share_limit`` (not a ``[planner]`` key): above it, a warning."""


FROM_REFLECT = frozenset({"support_keywords", "heavy_share_limit"})
"""PlannerSettings fields set from ``[reflect]``, so each setting has one place in the file."""


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
    heavy_share_limit: float = DEFAULT_HEAVY_SHARE_LIMIT
    """The share of client sessions that are heavy, 0–1, above which the week view and the
    plan say so. 40–50% is a practitioners' rule of thumb, not a standard: yours to set."""
    support_keywords: tuple[str, ...] = DEFAULT_SUPPORT_KEYWORDS
    """A session whose label holds one of these (whole words, any case) is support, not a
    client session."""
    support_days: float = 14.0
    """With no support session on the calendar for this many days, the closing asks once
    whether one is booked (0: never asks)."""
    journal_prompt: bool = False
    """The closing ends with an invitation to write "one moment that mattered today"."""


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
    labels: LabelMode = "hidden"
    bell: bool = True
    notify: bool = True
    sound: SoundMode = "ends"
    """Cues during a reset: off | ends | steps | phases (the bell and ``notify`` as set)."""
    checkin: bool = False
    reduced_motion: bool = False
    theme: str | None = None
    support_text: str = DEFAULT_SUPPORT_TEXT
    planner: PlannerSettings = field(default_factory=PlannerSettings)
    feeds: FeedSettings = field(default_factory=FeedSettings)
    reflect: ReflectSettings = field(default_factory=ReflectSettings)
    path: Path | None = None


_TOP_KEYS = {f.name for f in fields(Config)} - {"path"}


T = TypeVar("T", bound="DataclassInstance")

_MAX_MINUTES = 24 * 60.0
"""No planner setting in minutes goes past a day (a typo guard, and inf or 1e308 never reach
the planner)."""


def _check_type(doc: TomlDoc[ConfigError], at: KeyPath, value: Any, default: Any) -> Any:
    from groundtui.tomlcheck import describe, fmt_number, number_problem

    name = str(at[-1])

    def bad(expected: str) -> ConfigError:
        return doc.error(f"'{name}' must be {expected} (got {describe(value)})", at, value=True)

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad("a number")
        problem = number_problem(value)
        if problem is not None:
            message = f"'{name}' must be a finite number, {problem}"
            raise doc.error(message, at, value=True)
        if value < 0:
            raise bad("zero or more")
        if value > _MAX_MINUTES:
            raise bad(f"at most {fmt_number(_MAX_MINUTES)}")
        return float(value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise bad("a string")
    return value


def _check_zone(doc: TomlDoc[ConfigError], name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise doc.error(
            f"unknown time zone '{name}' (use an IANA name such as 'America/New_York')",
            ("timezone",),
            value=True,
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
    if not os.path.lexists(path):
        return Config(), []  # as load_toml's FileNotFoundError below, without loading tomllib
    from groundtui.tomlcheck import did_you_mean, load_toml

    try:
        doc = load_toml(path, ConfigError)
    except ConfigError as err:
        if isinstance(err.__cause__, FileNotFoundError):
            return Config(), []
        return Config(), [err]

    defaults = Config()
    values: dict[str, Any] = {"path": path}
    problems: list[ConfigError] = []
    for key, value in doc.data.items():
        at: KeyPath = (key,)
        try:
            if key not in _TOP_KEYS:
                raise doc.unknown_key(at, _TOP_KEYS)
            if key in _TABLES:
                values[key] = _load_table(doc, key, value, _TABLES[key], problems)
            elif key == "schedule":
                values["schedule"] = _load_schedule(doc, value)
            elif key == "timezone":
                values[key] = _check_zone(doc, _check_type(doc, at, value, ""))
            elif key == "theme":
                values[key] = _check_type(doc, at, value, "")
            elif key == "labels" and value not in LABEL_MODES:
                hint = did_you_mean(value, LABEL_MODES) if isinstance(value, str) else ""
                message = f"'labels' must be one of {', '.join(LABEL_MODES)}{hint}"
                raise doc.error(message, at, value=True)
            elif key == "sound" and value not in SOUND_MODES:
                hint = did_you_mean(value, SOUND_MODES) if isinstance(value, str) else ""
                message = f"'sound' must be one of {', '.join(SOUND_MODES)}{hint}"
                raise doc.error(message, at, value=True)
            else:
                values[key] = _check_type(doc, at, value, getattr(defaults, key))
        except ConfigError as err:
            problems.append(err)
    return with_reflect(Config(**values)), problems


def with_reflect(config: Config) -> Config:
    """The config with the planner's copy of its ``[reflect]`` settings filled in."""
    planner = replace(
        config.planner,
        support_keywords=config.reflect.support_keywords,
        heavy_share_limit=config.reflect.heavy_share_limit,
    )
    return replace(config, planner=planner)


def _load_schedule(doc: TomlDoc[ConfigError], value: Any) -> tuple[Path | FeedURL, ...]:
    """``schedule``: a path or a feed address, or a list of them (paths relative to the file)."""
    from groundtui.errors import ScheduleError
    from groundtui.schedule.feedurl import as_source

    at: KeyPath = ("schedule",)
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise doc.error("'schedule' must be a path or a feed address, or a list of them", at)
    base = doc.path.parent if doc.path is not None else Path()
    try:
        return tuple(as_source(v, base) for v in items)
    except ScheduleError as err:
        raise doc.error(f"'schedule': {err.message}", at, value=True) from None


def _load_table(
    doc: TomlDoc[ConfigError],
    name: str,
    table: Any,
    settings: type[T],
    problems: list[ConfigError],
) -> T:
    """One ``[name]`` table into its settings dataclass: a mistake costs only that setting."""
    if not isinstance(table, dict):
        raise doc.error(f"'{name}' must be a table", (name,))
    defaults = settings()
    known = {f.name for f in fields(settings)} - _NOT_IN_FILE.get(name, frozenset())
    check = _VALUE_CHECKS.get(name)
    values: dict[str, Any] = {}
    for key, value in table.items():
        at: KeyPath = (name, key)
        if key not in known:
            problems.append(doc.unknown_key(at, known, shown=f"{name}.{key}"))
            continue
        try:
            checked = _check_type(doc, at, value, getattr(defaults, key))
            values[key] = check(doc, at, checked) if check is not None else checked
        except ConfigError as err:
            problems.append(err)
    return settings(**values)


def _feeds_value(doc: TomlDoc[ConfigError], at: KeyPath, number: Any) -> Any:
    if number <= 0:
        raise doc.error(f"'{at[-1]}' must be more than zero", at, value=True)
    return number


def _reflect_value(doc: TomlDoc[ConfigError], at: KeyPath, checked: Any) -> Any:
    if at[-1] == "self_check_day":
        return _weekday(doc, at, str(checked))
    if at[-1] == "heavy_share_limit" and not 0 <= checked <= 1:
        message = "'heavy_share_limit' must be a share between 0 and 1 (0.5 is 50%)"
        raise doc.error(message, at, value=True)
    return checked


_NOT_IN_FILE: dict[str, frozenset[str]] = {"planner": frozenset(FROM_REFLECT)}
"""Settings a table holds but takes from elsewhere in config.toml (one place for each)."""

_VALUE_CHECKS: dict[str, Callable[[TomlDoc[ConfigError], KeyPath, Any], Any]] = {
    "feeds": _feeds_value,
    "reflect": _reflect_value,
}
"""Checks beyond the type, per table."""

_TABLES: dict[str, type[DataclassInstance]] = {
    "planner": PlannerSettings,
    "feeds": FeedSettings,
    "reflect": ReflectSettings,
}


def _weekday(doc: TomlDoc[ConfigError], at: KeyPath, name: str) -> str:
    """A weekday's full name from a full or 3-letter one (any case), or "off"."""
    word = name.strip().casefold()
    if word == "off":
        return word
    for day in WEEKDAYS:
        if word in (day, day[:3]):
            return day
    message = '\'self_check_day\' must be a weekday such as "friday" or "fri", or "off"'
    raise doc.error(message, at, value=True)
