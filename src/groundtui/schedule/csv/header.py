"""Recognising a CSV schedule's header: which column is the date, start, end, duration, label,
status, service... as EHR and calendar exports name them, and which delimiter the file uses."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


DATE_NAMES = _names(
    "date", "appointment date", "appt date", "session date", "start date", "day", "service date",
    "date of service", "dos", "visit date", "event date", "scheduled date", "datum",
)  # fmt: skip
START_NAMES = _names(
    "start", "start time", "starts", "starts at", "start at", "begin", "begins", "begin time",
    "from", "time", "appointment time", "appt time", "session time", "visit time",
    "scheduled time", "start datetime", "start date time", "datetime", "date time", "when",
)  # fmt: skip
END_NAMES = _names(
    "end", "end time", "ends", "ends at", "end at", "finish", "finish time", "to", "until",
    "stop", "stop time", "end datetime", "end date time",
)  # fmt: skip
END_DATE_NAMES = _names("end date")
DURATION_NAMES = _names(
    "duration", "length", "minutes", "mins", "duration min", "duration mins",
    "duration minutes", "duration in minutes", "length min", "length mins", "length minutes",
    "appointment length", "appt length", "session length", "appointment duration",
)  # fmt: skip
LABEL_NAMES = (
    "label", "summary", "title", "subject", "client", "client name", "patient", "patient name",
    "name",
)  # fmt: skip
HEAVY_NAMES = _names("heavy")
SERVICE_NAMES = _names(
    "service", "services", "service code", "service codes", "service type", "service name",
    "service description", "type", "visit type", "appointment type", "appt type", "session type",
    "event type", "cpt", "cpt code", "cpt codes", "procedure", "procedure code", "billing code",
    "code", "codes",
)  # fmt: skip
"""Columns naming the kind of visit (EHR reports): read for heavy codes and keywords."""
STATUS_NAMES = _names("status", "appointment status", "appt status", "state")
ALL_DAY_NAMES = _names("all day event", "all day", "allday", "all day appointment")

_DELIMITERS = ",;\t|"


def normalize_header(name: str) -> str:
    """'Duration (min)' -> 'duration min', 'Start_Time' -> 'start time'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower().replace("\ufeff", "")).split())


_QUALIFIERS = frozenset(
    {"appointment", "appt", "scheduled", "session", "event", "visit", "meeting", "booking",
     "actual", "local", "planned"}
)  # fmt: skip
_SYNONYMS = {"dtstart": "start", "dtend": "end", "start end": "start"}


def header_names(name: str) -> tuple[str, ...]:
    """The names a header cell may be known by: as written ('duration min'), and as EHR exports
    dress it ('Appointment Start', 'Start Time (EST)', 'DTSTART' -> 'start', 'start time')."""
    plain = normalize_header(name)
    words = normalize_header(re.sub(r"\([^)]*\)", " ", name)).split()
    if len(words) > 1 and words[0] in _QUALIFIERS:
        words = words[1:]
    core = " ".join(words)
    core = _SYNONYMS.get(core, core)
    return (plain,) if core == plain else (plain, core)


def _split_header(line: str) -> list[str]:
    delimiter = max(_DELIMITERS, key=line.count)
    return next(csv.reader([line], delimiter=delimiter))


def looks_like_header(line: str) -> bool:
    """Whether a file's first line is a CSV header with a date or start column."""
    if not any(d in line for d in _DELIMITERS):
        return False
    try:
        names = {known for n in _split_header(line) for known in header_names(n)}
    except csv.Error:
        return False
    return bool(names & (DATE_NAMES | START_NAMES))


def _sniff(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    sample = "\n".join(text.splitlines()[:20])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
        if dialect.delimiter in first:
            return dialect.delimiter
    except csv.Error:
        pass
    return max(_DELIMITERS, key=first.count)


@dataclass
class _Columns:
    date: int | None = None
    start: int | None = None
    end: int | None = None
    end_date: int | None = None
    duration: int | None = None
    label: int | None = None
    heavy: int | None = None
    status: int | None = None
    all_day: int | None = None
    service: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def _columns(header: list[str]) -> _Columns:
    cols = _Columns(names=[h.strip().lstrip("\ufeff") for h in header])
    label_rank = len(LABEL_NAMES)
    taken: set[int] = set()
    # First the names as written, then as EHR exports dress them, so an exact match wins.
    for pass_ in (0, 1):
        for index, cell in enumerate(header):
            names = header_names(cell)
            if index in taken or pass_ >= len(names):
                continue
            if _assign(cols, index, names[pass_], label_rank):
                taken.add(index)
                if cols.label == index:
                    label_rank = LABEL_NAMES.index(names[pass_])
    return cols


def _assign(cols: _Columns, index: int, name: str, label_rank: int) -> bool:
    """Give column ``index`` the role its ``name`` says, if that role is still free."""
    if name in DATE_NAMES and cols.date is None:
        cols.date = index
    elif name in START_NAMES and cols.start is None:
        cols.start = index
    elif name in END_NAMES and cols.end is None:
        cols.end = index
    elif name in END_DATE_NAMES and cols.end_date is None:
        cols.end_date = index
    elif (name in DURATION_NAMES or "duration" in name.split()) and cols.duration is None:
        cols.duration = index
    elif name in HEAVY_NAMES and cols.heavy is None:
        cols.heavy = index
    elif (name in STATUS_NAMES or "status" in name.split()) and cols.status is None:
        cols.status = index
    elif name in ALL_DAY_NAMES and cols.all_day is None:
        cols.all_day = index
    elif name in SERVICE_NAMES:
        cols.service.append(index)
    elif name in LABEL_NAMES and LABEL_NAMES.index(name) < label_rank:
        cols.label = index
    else:
        return False
    return True
