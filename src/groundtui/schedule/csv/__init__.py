"""CSV schedules: a plain ``date,start,end`` file, or an appointment list exported from an EHR.

Modules, one job each: ``header`` (which column is which, the delimiter), ``values`` (one cell:
dates, date-times, durations, yes/no) and ``source`` (``parse_csv``: rows into ``CsvSource``,
which answers for any day).
"""

from __future__ import annotations

from groundtui.schedule.csv.header import header_names, looks_like_header, normalize_header
from groundtui.schedule.csv.source import Booking, CsvSource, parse_csv
from groundtui.schedule.csv.values import LONGEST_CELL, parse_date, parse_datetime, parse_duration

__all__ = [
    "LONGEST_CELL",
    "Booking",
    "CsvSource",
    "header_names",
    "looks_like_header",
    "normalize_header",
    "parse_csv",
    "parse_date",
    "parse_datetime",
    "parse_duration",
]
