"""Run every benchmark script in this folder, one after another, and print their tables.

Run: python benchmarks/run_all.py [--quick]   (--quick: fewer runs of the app benchmark)

Each script runs in its own process with this Python. A script's exit status is shown; a
benchmark is not a test, so a missed target is reported, never hidden.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["bench_schedule.py", "bench_log.py", "bench_app.py"]
"""Known scripts first, in this order; any other bench_*.py after them."""


def scripts() -> list[Path]:
    found = {p.name: p for p in HERE.glob("bench_*.py")}
    ordered = [found.pop(name) for name in ORDER if name in found]
    return ordered + [found[name] for name in sorted(found)]


def main() -> int:
    parser = argparse.ArgumentParser(description="Run every groundtui benchmark.")
    parser.add_argument("--quick", action="store_true", help="fewer app runs (a smoke run)")
    args = parser.parse_args()
    summary: list[tuple[str, int, float]] = []
    for script in scripts():
        extra = (
            ["--runs", "3", "--seconds", "5"]
            if args.quick and script.name == "bench_app.py"
            else []
        )
        print(f"=== {script.name} {' '.join(extra)}".rstrip(), flush=True)
        start = time.monotonic()
        done = subprocess.run([sys.executable, str(script), *extra], check=False)
        summary.append((script.name, done.returncode, time.monotonic() - start))
        print(flush=True)
    print("=== summary")
    for name, code, seconds in summary:
        state = "ok" if code == 0 else f"exit {code}"
        print(f"{name:<22} {state:<8} {seconds:6.1f} s")
    return max((code for _, code, _ in summary), default=0)


if __name__ == "__main__":
    sys.exit(main())
