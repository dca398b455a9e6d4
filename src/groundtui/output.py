"""When writing the output itself fails ('> /dev/full', '| head -1'): one line, exit 1. Shared
by the command line and the day cache's quick answers."""

from __future__ import annotations

import contextlib
import os
import sys


def output_failed(err: OSError) -> int:
    """One line for a failed write or read outside what the commands catch; exit 1.

    After a broken pipe, stdout is pointed at /dev/null so that the interpreter's own flush at
    exit cannot fail a second time (the recipe in Python's ``signal`` documentation).
    """
    import errno

    if isinstance(err, BrokenPipeError) or err.errno == errno.EPIPE:
        reason = "the output was closed before everything was written (broken pipe)"
    else:
        reason = f"cannot write the output: {err.strerror or type(err).__name__}"
        if err.filename is not None:
            reason = f"{err.filename!r}: {err.strerror or type(err).__name__}"
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError):
        print(f"groundtui: error: {reason}", file=sys.stderr)
    return 1
