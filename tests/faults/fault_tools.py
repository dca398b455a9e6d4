"""Helpers for the fault-injection tests: a groundtui process on a log, mounts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from groundtui.log import QueuedLog, ResetEntry, open_store

    T = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("America/New_York"))
    store = open_store(Path(sys.argv[1]))
    log = QueuedLog(store)
    print("open", store.warning, flush=True)
    for line in sys.stdin:
        cmd, *args = line.split()
        if cmd in ("done", "missed"):  # a slot's outcome, as the app logs it
            n = int(args[0])
            start = T + timedelta(minutes=60 * n)
            log.record(ResetEntry(gap_start=start, gap_end=start + timedelta(minutes=10),
                                  exercise=f"ex-{n}", kind="breathing", outcome=cmd,
                                  slot="main:0"))
            log.flush()
            print("written", flush=True)
        elif cmd == "quit":
            log.close()
            store.close()
            print("closed", flush=True)
            break
    """
)


class Window:
    """One groundtui process on a log: it logs what it is told, and can be killed."""

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.say_nothing().startswith("open None")

    def say_nothing(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def tell(self, command: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.say_nothing()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


def remount(mount: Path, mode: str) -> None:
    done = run("mount", "-o", f"remount,{mode}", str(mount))
    if done.returncode != 0:
        pytest.skip(f"cannot remount {mode} here: {done.stderr.strip()}")


def fill(mount: Path) -> Path:
    """Fill the filesystem to the last byte; returns the filler file (delete it to free)."""
    filler = mount / "filler"
    with open(filler, "wb", buffering=0) as f:
        for size in (65536, 4096, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                continue
    return filler
