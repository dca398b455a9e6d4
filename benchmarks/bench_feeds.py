"""Benchmark calendar feeds: a 5,000-event feed refreshed in a running app, and the HTTP client.

Run: python benchmarks/bench_feeds.py [--runs 5] [--imports] [--reread-only]
(prints tables; no assertions)

- refresh: the app runs headless on a local 127.0.0.1 feed of 5,000 events (the calendar of
  bench_schedule.py). While it refreshes (download, parse, the label-free copy, the re-read day,
  the re-plan), a probe on the app's event loop asks to wake every 10 ms and records how late
  it woke: the lag a frame would have had. Target: no lag over 50 ms; the work stays off the UI
  thread. Runs alternate between the refresh as the app does it (the feed read in a child
  process, ``groundtui.day.refresh``) and, for comparison, the same read in the app's own
  process (a worker thread; what the app did before, and still does when no child can start).
  ``--freeze`` calls ``gc.freeze()`` first (an experiment: the lag spikes are full
  garbage collections of the parse, run in the worker while it holds the GIL).
- re-read: the same 5,000 events in a local schedule file, changed under the running app (its
  file check notices, the day is read and planned again): the same probe and target. While the
  app runs, a file this big is parsed in a child process (``groundtui.day.bigfiles``).
- ``--imports``: what loading the HTTP client costs, in fresh processes: ``urllib.request``
  plus a default TLS context (what groundtui uses) against ``httpx`` plus a ``Client`` (if it
  is installed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve()
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1] / "tests")]

TARGET_MS = 50.0
PROBE_S = 0.010


async def _probe(lags: list[float], stop: asyncio.Event) -> None:
    """Wake every PROBE_S; record how late each wake-up was, in ms."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        asked = loop.time()
        await asyncio.sleep(PROBE_S)
        lags.append((loop.time() - asked - PROBE_S) * 1000)


@contextlib.asynccontextmanager
async def running_app(source: object, tmp: Path) -> AsyncIterator[Any]:
    """The app, headless, on ``source`` at 09:55 (Chicago), with its day read."""
    from groundtui.clock import ManualClock
    from groundtui.config import Config
    from groundtui.options import AppSettings
    from groundtui.ui.app import GroundApp

    clock = ManualClock(datetime(2026, 11, 24, 9, 55, tzinfo=ZoneInfo("America/Chicago")))
    settings = AppSettings(
        config=Config(bell=False, notify=False),
        clock=clock,
        schedule=(source,),  # type: ignore[arg-type]
        log_path=tmp / "log.sqlite3",
        exercises_dir=tmp / "exercises",
    )
    app = GroundApp(settings)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        yield app


async def timed_lags(app: Any, start: Callable[[], object]) -> tuple[float, list[float]]:
    """``start()`` a re-read in the running app: seconds until the day is planned again, and
    the loop's lags meanwhile."""
    plan = app.tracker.plan
    lags: list[float] = []
    stop = asyncio.Event()
    probe = asyncio.create_task(_probe(lags, stop))
    await asyncio.sleep(0.1)
    started = time.perf_counter()
    start()
    while app.tracker.plan is plan:  # until the re-read day is planned
        await asyncio.sleep(0.005)
    took = time.perf_counter() - started
    await asyncio.sleep(0.1)
    stop.set()
    await probe
    await app.workers.wait_for_complete()
    return took, lags


async def one_refresh(
    body: bytes, changed: bytes, tmp: Path, freeze: bool = False, child: bool = True
) -> tuple[float, list[float]]:
    """Seconds a feed refresh took in a running app, and the loop's lags meanwhile."""
    from feed_server import FeedServer

    from groundtui.schedule.feeds import FeedURL, forget_feeds

    forget_feeds()
    server = FeedServer()
    try:
        url = FeedURL.parse(server.serve(body=body, etag='"one"'))
        async with running_app(url, tmp) as app:
            if freeze:  # an experiment: the app's objects out of the collector's way
                import gc

                gc.freeze()
            server.serve(body=changed, etag='"two"')
            with contextlib.nullcontext() if child else _in_process():
                return await timed_lags(app, app.feeds.refresh)
    finally:
        server.stop()


async def one_reread(body: bytes, changed: bytes, tmp: Path) -> tuple[float, list[float]]:
    """Seconds a re-read of a changed 5,000-event schedule file took in a running app (the
    file check notices the change, the day is read and planned again), and the lags."""
    from groundtui.ui.reload import check_files

    path = tmp / "calendar.ics"
    path.write_bytes(body)
    async with running_app(path, tmp) as app:
        path.write_bytes(changed)
        return await timed_lags(app, lambda: check_files(app))


class _in_process:
    """The feed read in the app's own process: ``refresh_schedule`` says no child answered."""

    def __enter__(self) -> None:
        from groundtui.day import refresh

        self.saved = refresh.refresh_schedule

        def no_child(*args: object, **kwargs: object) -> object:
            raise refresh.ChildFailed("benchmark: read in the process")

        refresh.refresh_schedule = no_child  # type: ignore[assignment]

    def __exit__(self, *exc: object) -> None:
        from groundtui.day import refresh

        refresh.refresh_schedule = self.saved  # type: ignore[assignment]


def _row(run: int, where: str, took: float, lags: list[float]) -> None:
    lags.sort()
    p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))]
    print(f"{run:>4} {where:<11} {took:>10.2f} {len(lags):>6} {max(lags):>11.1f} {p99:>7.1f}")


def _verdict(what: str, worst: list[float]) -> None:
    verdict = "met" if max(worst) <= TARGET_MS else "NOT met"
    print(
        f"{what:<11} worst lag {max(worst):.1f} ms, median of runs "
        f"{statistics.median(worst):.1f} ms; target no lag over {TARGET_MS:.0f} ms: {verdict}"
    )


def bench_reread(runs: int) -> None:
    from bench_schedule import make_ics

    text, _ = make_ics()
    body = text.encode()
    print(f"5,000-event schedule file ({len(body) / 1e6:.1f} MB) changed under a running app")
    print(f"{'run':>4} {'where':<11} {'re-read s':>10} {'wakes':>6} {'max lag ms':>11} p99 ms")
    worst = []
    for run in range(1, runs + 1):
        changed = text.replace("SUMMARY:Client 17", f"SUMMARY:Client 17 moved {run}").encode()
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["GROUNDTUI_CACHE_DIR"] = str(Path(tmp) / "cache")
            took, lags = asyncio.run(one_reread(body, changed, Path(tmp)))
        worst.append(max(lags))
        _row(run, "file", took, lags)
    _verdict("file re-read", worst)


def bench_refresh(runs: int, freeze: bool = False) -> None:
    from bench_schedule import make_ics

    text, _ = make_ics()
    body = text.encode()
    changed = text.replace("SUMMARY:Client 17", "SUMMARY:Client 17 moved").encode()
    print(f"5,000-event feed ({len(body) / 1e6:.1f} MB), refreshed in a running headless app")
    print("(runs alternate: the app's child-process read, then the same read in the process)")
    head = (
        f"{'run':>4} {'where':<11} {'refresh s':>10} {'wakes':>6} {'max lag ms':>11} {'p99 ms':>7}"
    )
    print(head)
    worst: dict[str, list[float]] = {"child": [], "in-process": []}
    for run in range(1, runs + 1):
        for where in worst:
            with tempfile.TemporaryDirectory() as tmp:
                os.environ["GROUNDTUI_CACHE_DIR"] = str(Path(tmp) / "cache")
                took, lags = asyncio.run(
                    one_refresh(body, changed, Path(tmp), freeze, child=where == "child")
                )
            worst[where].append(max(lags))
            _row(run, where, took, lags)
    for where, values in worst.items():
        _verdict(where, values)


IMPORTS = {
    "urllib.request + TLS context": (
        "import urllib.request, ssl, zlib; ssl.create_default_context()"
    ),
    "httpx + Client": "import httpx; httpx.Client()",
}


def bench_imports(runs: int) -> None:
    print(f"{'client':<30} {'median ms':>10} {'min ms':>7}")
    for name, code in IMPORTS.items():
        timed = (
            "import time; t = time.perf_counter(); " + code + "; "
            "print((time.perf_counter() - t) * 1000)"
        )
        values = []
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", timed], capture_output=True, text=True)
            if done.returncode != 0:
                break
            values.append(float(done.stdout.strip()))
        if not values:
            print(f"{name:<30} {'not installed':>10}")
            continue
        print(f"{name:<30} {statistics.median(values):>10.1f} {min(values):>7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--imports", action="store_true", help="also time the HTTP clients")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() before the refresh")
    parser.add_argument(
        "--reread-only", action="store_true", help="only the schedule file re-read case"
    )
    args = parser.parse_args()
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        os.environ.pop(name, None)
    if not args.reread_only:
        bench_refresh(args.runs, args.freeze)
        print()
    bench_reread(args.runs)
    if args.imports:
        print()
        bench_imports(max(args.runs, 5))


if __name__ == "__main__":
    main()
