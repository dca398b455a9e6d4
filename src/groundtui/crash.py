"""A crash, told without client data: one line on the terminal, frames in a private file.

A traceback with local variables (Textual's crash report) shows the day's schedule text and
labels; even a plain exception message may quote a file (a ValueError naming a label). So a
crash writes only what locates the bug: the exception's type and, for each frame, the file,
line, function and the line of groundtui's (or a library's) own source, to a 0600 file in the
data dir's ``crashes/``. The message of a ``GroundError`` is kept (those never quote labels);
any other message is left out.
"""

from __future__ import annotations

import errno
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from groundtui import __version__, paths
from groundtui.clock import wall_time
from groundtui.errors import GroundError

WITHHELD = "(message left out: it may quote your files)"


def describe(error: BaseException) -> str:
    """The exception's type, and its message only when it is one of ours (a GroundError)."""
    name = type(error).__qualname__
    module = type(error).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    if isinstance(error, GroundError):
        return f"{name}: {error}"
    return f"{name} {WITHHELD}"


def report_text(error: BaseException) -> str:
    """The crash report: versions, then each exception of the chain with its frames only."""
    lines = [
        f"groundtui {__version__} crashed on Python {sys.version.split()[0]} ({sys.platform}).",
        "Frames only: no local variables and no exception messages (they can hold client data).",
        "",
    ]
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    for i, exc in enumerate(reversed(chain)):
        if i:
            lines += ["", "During the handling of it, or caused by it:", ""]
        lines.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        lines.append(describe(exc))
    return "\n".join(lines) + "\n"


def write_report(error: BaseException, folder: Path | None = None) -> Path:
    """Write the report to a new 0600 file in ``folder`` (default: the data dir's crashes/)."""
    folder = folder if folder is not None else paths.crash_dir()
    stamp = wall_time().strftime("%Y%m%d-%H%M%S-%f")
    return paths.write_private(folder / f"crash-{stamp}.txt", report_text(error), replace=False)


def crash_line(error: BaseException, folder: Path | None = None) -> str:
    """Write the report and return the one line to show: what failed and where the file is."""
    try:
        where = f"the details (no client data) are in {write_report(error, folder)}"
    except OSError as err:
        where = f"no crash report could be written ({err.strerror or type(err).__name__})"
    except Exception as err:  # a crash while reporting a crash must still end in one line
        where = f"no crash report could be written ({type(err).__name__})"
    what = type(error).__name__
    return f"groundtui: error: an unexpected {what} stopped groundtui (a bug); {where}"


TERMINAL_OUTPUT_THREAD = "textual-output"
"""The name of Textual's thread that writes to the terminal."""


def terminal_gone(error: BaseException, thread: threading.Thread | None) -> bool:
    """Whether ``error`` is Textual's output thread finding the terminal closed (a closed
    window, ``tmux kill-server``: EIO or EPIPE on the dead line). The app has already logged
    and saved on the hang-up (``ui.quit_signals``): that is no crash to report."""
    return (
        thread is not None
        and thread.name == TERMINAL_OUTPUT_THREAD
        and isinstance(error, OSError)
        and error.errno in (errno.EIO, errno.EPIPE)
    )


def install() -> None:
    """Make any exception that escapes (the main thread or another) print one line, not a
    traceback that could quote a file."""

    def excepthook(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if isinstance(error, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        print(crash_line(error.with_traceback(tb)), file=sys.stderr)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return
        if terminal_gone(args.exc_value, args.thread):
            return
        print(crash_line(args.exc_value), file=sys.stderr)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
