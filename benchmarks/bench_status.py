"""``groundtui status`` and ``groundtui plan --format json`` against a bare ``python -c pass``.

    python benchmarks/bench_status.py [--runs 30]

Paired, interleaved runs (each round runs every case once, in a shuffled order), on the same
interpreter; wall time and CPU time (user + sys of the child, from ``os.wait4``). Cases:

- ``python -c pass``: the floor;
- ``status`` (hit): the sample schedule, unchanged since the last call, a log with rows today;
- ``plan --format json`` (hit);
- ``status`` (miss): the same with an empty cache dir each time (the full command: what every
  call cost before the day cache);
- ``status`` (hit) through a wrapper script without ``import re`` (pip's generated console
  script imports ``re`` to tidy ``sys.argv[0]``: ~5 ms of ``re``, ``enum`` and ``functools``
  before groundtui runs; this row shows what the status line costs without it).

Targets (issue 18): status hit <= 2x, plan hit <= 4x the bare start. Bytecode is cached in a
temp dir (as an installed package has its .pyc files), even where PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "samples" / "schedule.toml"
NOW = "2026-11-24T12:30:00"  # a gap after its notes time: the hardest hit


def command() -> list[str]:
    script = Path(sys.executable).with_name("groundtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "groundtui"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {argv}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def write_log(env: dict[str, str]) -> None:
    code = (
        "from datetime import datetime; from zoneinfo import ZoneInfo\n"
        "from groundtui.log import ResetEntry, open_store\n"
        "tz = ZoneInfo('America/New_York')\n"
        "s = datetime(2026, 11, 24, 9, 50, tzinfo=tz)\n"
        "e = datetime(2026, 11, 24, 10, 0, tzinfo=tz)\n"
        "with open_store() as store:\n"
        "    for outcome in ('done', 'skipped'):\n"
        "        store.record(ResetEntry(gap_start=s, gap_end=e, exercise='box-breathing',"
        " kind='breathing', outcome=outcome, started_at=s, ended_at=e))\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-status-"))
    try:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pyc")
        for name in ("config", "data", "cache"):
            (work / name).mkdir()
            env[f"GROUNDTUI_{name.upper()}_DIR"] = str(work / name)
        shutil.copy(SAMPLE, work / "config" / "schedule.toml")
        write_log(env)
        gt = command()
        tz = ["--tz", "America/New_York"]
        cases = {
            "python -c pass": ([sys.executable, "-c", "pass"], env),
            "status (hit)": ([*gt, "status", *tz, "--now", NOW], env),
            "plan --format json (hit)": (
                [*gt, "plan", *tz, "--date", NOW[:10], "--format", "json"],
                env,
            ),
        }
        lean = work / "groundtui-lean"
        lean.write_text(
            f"#!{sys.executable}\nimport sys\nfrom groundtui.__main__ import main\n"
            "if __name__ == '__main__':\n    sys.exit(main())\n"
        )
        lean.chmod(0o755)
        cases["status (hit), wrapper without re"] = ([str(lean), "status", *tz, "--now", NOW], env)
        miss_env = dict(env)
        cases["status (miss: full command)"] = ([*gt, "status", *tz, "--now", NOW], miss_env)
        for argv, e in cases.values():  # warm: bytecode, and the day cache for the hits
            for _ in range(2):
                timed(argv, e)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(opts.runs):
            order = list(cases)
            random.shuffle(order)
            for name in order:
                argv, e = cases[name]
                if e is miss_env:
                    empty = Path(tempfile.mkdtemp(dir=work))
                    e["GROUNDTUI_CACHE_DIR"] = str(empty)
                results[name].append(timed(argv, e))
        base_wall = statistics.median(w for w, _ in results["python -c pass"])
        base_cpu = statistics.median(c for _, c in results["python -c pass"])
        print(f"groundtui status / plan against python -c pass (median of {opts.runs} paired runs)")
        print(f"python {sys.version.split()[0]} at {sys.executable}; command: {' '.join(gt)}")
        print(f"{'case':34} {'wall ms':>8} {'ratio':>6} {'cpu ms':>8} {'ratio':>6}  target")
        targets = {"status (hit)": 2.0, "plan --format json (hit)": 4.0}
        for name, runs in results.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            target = targets.get(name)
            verdict = ""
            if target:
                ok = wall / base_wall <= target
                verdict = f"<= {target:g}x (wall) {'met' if ok else 'NOT MET'}"
            print(
                f"{name:34} {wall:8.1f} {wall / base_wall:5.2f}x {cpu:8.1f} "
                f"{cpu / base_cpu:5.2f}x  {verdict}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
