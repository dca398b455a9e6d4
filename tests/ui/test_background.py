"""off_thread: work on a daemon thread, waited for by a Textual thread worker."""

from __future__ import annotations

import threading

from textual import work
from textual.app import App

from groundtui.ui.background import Cancelled, off_thread


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.release = threading.Event()
        self.finished = threading.Event()

    @work(thread=True)
    def run_this(self, fn: object) -> None:
        try:
            self.results.append(off_thread(fn))  # type: ignore[arg-type]
        except Cancelled:
            self.results.append("cancelled")
        except ZeroDivisionError:
            self.results.append("raised")
        finally:
            self.finished.set()


async def test_hands_back_the_result_and_the_error() -> None:
    app = Host()
    async with app.run_test():
        await app.run_this(lambda: 41 + 1).wait()
        await app.run_this(lambda: 1 / 0).wait()
    assert app.results == [42, "raised"]


async def test_a_cancelled_worker_stops_waiting_and_leaves_the_work() -> None:
    import asyncio

    app = Host()
    async with app.run_test():
        started = threading.Event()
        worker = app.run_this(lambda: (started.set(), app.release.wait(30)))
        assert await asyncio.to_thread(started.wait, 10)
        worker.cancel()
        # the worker's own function returns (as Cancelled) although the work never ends
        assert await asyncio.to_thread(app.finished.wait, 10)
    assert app.results == ["cancelled"] and not app.release.is_set()
    app.release.set()
