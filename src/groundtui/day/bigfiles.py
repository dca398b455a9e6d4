"""Big schedule files parsed in a child process while the app runs.

A 5,000-event calendar makes tens of thousands of objects; parsed in the app's process, the
full garbage collections that follow held the GIL for 50–130 ms while the screen waited
(``benchmarks/bench_feeds.py``, the re-read rows). While the app runs (``parse_in_child``),
``schedule.sources.open_source`` hands a file of ``BIG_BYTES`` or more to a ``ChildSource``: the
first ``sessions_on`` asks a child (``day.child``) to parse the file and send back the sessions
of a span of days around the one asked for (the week view and the closing's look-back find them
there); the app's process keeps only those sessions (labels in memory, never on disk). When no
child answers, the file is parsed in the process, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from pathlib import Path

from groundtui.day.child import STARTUP_SECONDS, ChildFailed, answer, run_child
from groundtui.errors import ScheduleError
from groundtui.schedule import sources
from groundtui.schedule.model import Session

BIG_BYTES = 256 * 1024
"""A schedule file this big or bigger is parsed in a child (a few hundred events and up)."""
DAYS_BEFORE = 21
DAYS_AFTER = 7
"""The span of days one child sends back around the day asked for."""


@dataclass(frozen=True)
class FileRequest:
    path: Path
    days: tuple[date, ...]
    tz: tzinfo


Failure = tuple[str, str | None, int | None, int | None]
"""A ScheduleError's message, path, line, column."""


@dataclass(frozen=True)
class FileReply:
    by_day: dict[date, list[Session] | Failure] | None = None
    """Each day's sessions, or the error listing that day raised (in the process too, only
    that day would fail: a crowded day two weeks back must not cost today its sessions)."""
    error: Failure | None = None
    """The file could not be parsed at all."""


def _failure(err: ScheduleError) -> Failure:
    return (err.message, err.path, err.line, err.col)


def serve(request: FileRequest) -> FileReply:
    """In the child: parse the file and list the sessions of each day asked for."""
    try:
        source = sources.parse_file(request.path)
    except ScheduleError as err:
        return FileReply(error=_failure(err))
    by_day: dict[date, list[Session] | Failure] = {}
    for d in request.days:
        try:
            by_day[d] = source.sessions_on(d, request.tz)
        except ScheduleError as err:
            by_day[d] = _failure(err)
    return FileReply(by_day)


class ChildSource:
    """A big schedule file: its sessions as a child process parsed them, per day."""

    format = "big"

    def __init__(self, path: Path, stopped: Callable[[], bool] = lambda: False) -> None:
        self.path = path
        self._stopped = stopped
        """True once the app shut down: a child still parsing is killed, none is started,
        and the file is not parsed in the process instead (nobody waits for it)."""
        self._days: dict[tuple[date, str], list[Session] | Failure] = {}
        self._inner: sources.ScheduleSource | None = None
        self._lock = threading.Lock()

    def sessions_on(self, day: date, tz: tzinfo) -> list[Session]:
        zone = str(getattr(tz, "key", tz))
        with self._lock:
            if self._inner is not None:
                return self._inner.sessions_on(day, tz)
            if (day, zone) not in self._days:
                self._read(day, tz, zone)
            found = self._days[(day, zone)]
        if isinstance(found, tuple):
            raise ScheduleError(*found)
        return list(found)

    def _read(self, day: date, tz: tzinfo, zone: str) -> None:
        span = range(-DAYS_BEFORE, DAYS_AFTER + 1)
        request = FileRequest(self.path, tuple(day + timedelta(days=n) for n in span), tz)
        try:
            if self._stopped():
                raise ChildFailed("the app shut down")
            reply = run_child("groundtui.day.bigfiles", request, STARTUP_SECONDS, self._stopped)
            if not isinstance(reply, FileReply):
                raise ChildFailed("unreadable answer")
        except ChildFailed:
            if self._stopped():  # the app quit mid-read: no orphan child, no parse here
                raise ScheduleError("not read: the app shut down", self.path) from None
            # no child to be had: parse here, as before
            self._inner = sources.parse_file(self.path)
            self._days[(day, zone)] = self._inner.sessions_on(day, tz)
            return
        if reply.error is not None:
            raise ScheduleError(*reply.error)
        assert reply.by_day is not None
        for d, found in reply.by_day.items():
            self._days[(d, zone)] = found


def parse_in_child() -> Callable[[], None]:
    """From now on big schedule files are parsed in child processes, until the function this
    returns is called (once or more); a child still parsing then is killed."""
    stopped = threading.Event()
    once = threading.Lock()

    def open_big(path: Path, size: int) -> sources.ScheduleSource | None:
        return ChildSource(path, stopped.is_set) if size >= BIG_BYTES else None

    previous = sources.set_big_file_opener(open_big)

    def stop() -> None:
        with once:  # the app's shutdown and its day worker may both call it
            if stopped.is_set():
                return
            stopped.set()
        sources.set_big_file_opener(previous)
        sources.forget(lambda source: isinstance(source, ChildSource))

    return stop


def main() -> None:
    answer(serve)  # type: ignore[arg-type]


if __name__ == "__main__":  # run as a module: answer with the module's own classes
    from groundtui.day.bigfiles import main as _main

    _main()
