"""The reset log: what was offered and what became of it, in a private SQLite file.

Modules, one job each: ``records`` (the values), ``rows`` (reading rows back), ``schema``
(tables, migrations), ``liveness`` (the crash sweep), ``store`` (``LogStore``), ``open``
(opening the file safely), ``queue`` (writes off the UI thread, kept until saved) and
``summary`` (counts and words for readers). Names load on first use, as Textual's
``widgets`` do, so importing ``groundtui.log.queue`` for the app's first screen stays light.
No module here imports Textual or Rich.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groundtui.log.liveness import STALE_AFTER, process_marker, sweep_running
    from groundtui.log.open import DEFAULT_BUSY_TIMEOUT, memory_store, open_store
    from groundtui.log.queue import RETRY_SECONDS, LogSink, QueuedLog
    from groundtui.log.records import (
        JSON_KEYS,
        NOT_LOGGED,
        OUTCOMES,
        RUNNING,
        LogRecord,
        LogWriteError,
        Outcome,
        ResetEntry,
    )
    from groundtui.log.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
    from groundtui.log.store import LogStore
    from groundtui.log.summary import (
        OUTCOME_GLYPHS,
        OUTCOME_WORDS,
        DaySummary,
        DayTotals,
        LogSummaryInput,
        daily_totals,
        format_minutes,
    )

_WHERE = {
    "records": ("JSON_KEYS NOT_LOGGED OUTCOMES RUNNING LogRecord LogWriteError Outcome ResetEntry"),
    "summary": (
        "OUTCOME_GLYPHS OUTCOME_WORDS DaySummary DayTotals LogSummaryInput daily_totals"
        " format_minutes"
    ),
    "schema": "MIGRATIONS SCHEMA_VERSION migrate schema_version",
    "liveness": "STALE_AFTER process_marker sweep_running",
    "store": "LogStore",
    "open": "DEFAULT_BUSY_TIMEOUT memory_store open_store",
    "queue": "RETRY_SECONDS LogSink QueuedLog",
    "unsaved": "replay_unsaved save_unsaved",
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names.split()}

__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "JSON_KEYS",
    "MIGRATIONS",
    "NOT_LOGGED",
    "OUTCOMES",
    "OUTCOME_GLYPHS",
    "OUTCOME_WORDS",
    "RETRY_SECONDS",
    "RUNNING",
    "SCHEMA_VERSION",
    "STALE_AFTER",
    "DaySummary",
    "DayTotals",
    "LogRecord",
    "LogSink",
    "LogStore",
    "LogSummaryInput",
    "LogWriteError",
    "Outcome",
    "QueuedLog",
    "ResetEntry",
    "daily_totals",
    "format_minutes",
    "memory_store",
    "migrate",
    "open_store",
    "process_marker",
    "replay_unsaved",
    "save_unsaved",
    "schema_version",
    "sweep_running",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"groundtui.log.{module}"), name)
    globals()[name] = value
    return value
