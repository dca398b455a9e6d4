"""A piece of work done by a child Python process: the app's worker hands it a request on stdin
(a pickle: nothing on a command line or in the environment, where other users could read it)
and reads the answer from its stdout, waiting on the pipe with the GIL released.

Parsing a big calendar makes hundreds of thousands of objects; in the app's process the full
garbage collections that follows hold the GIL for 50–250 ms, and the screen waits. In a child
they hold nobody up. Core: no Textual.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

STARTUP_SECONDS = 60.0
"""Time allowed beyond the work's own timeouts (the child's start on a loaded machine)."""


class ChildFailed(Exception):
    """The child process did not answer (it could not start, crashed, or hung)."""


def run_child(
    module: str, request: object, seconds: float, cancelled: Callable[[], bool]
) -> object:
    """Run ``python -m module`` with ``request`` on stdin; its unpickled answer. Raises
    ``ChildFailed`` when it cannot start, fails, takes over ``seconds`` or ``cancelled()``."""
    import groundtui

    data = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
    # The child runs this process's groundtui: its folder first on the path, and -P keeps the
    # working directory off it (a folder named groundtui there must not be imported instead).
    env = dict(os.environ)
    root = str(Path(groundtui.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    try:
        child = subprocess.Popen(
            [sys.executable, "-P", "-m", module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a traceback could quote what it read: never shown
            env=env,
        )
    except OSError as err:
        raise ChildFailed(f"could not start: {err.strerror}") from None
    deadline = time.monotonic() + seconds
    send: bytes | None = data
    try:
        while True:
            try:
                out, _ = child.communicate(send, timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                send = None
                if cancelled() or time.monotonic() > deadline:
                    raise ChildFailed("cancelled or timed out") from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != 0:
        raise ChildFailed(f"exit {child.returncode}")
    try:
        return pickle.loads(out)
    except Exception:
        raise ChildFailed("unreadable answer") from None


def answer(serve: Callable[[object], object]) -> None:
    """In the child: read the request, answer with ``serve(request)``."""
    request = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(serve(request), protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
