"""Benchmark the whole app against an empty Textual app: cold start, idle CPU, memory.

Run: python benchmarks/bench_app.py [--runs 10] [--seconds 10] [--only startup,idle,memory]
(prints tables; no assertions; needs tmux for the terminal cases)

- cold start: time from starting the process to its first screen, (a) headless, timed inside
  the child on the system-wide monotonic clock, and (b) in a real terminal (tmux), polled with
  capture-pane until the screen shows a known text. The empty app is a ``textual.app.App`` that
  composes one ``Static``. Runs alternate between the two apps. Target (issue 18): the
  terminal first paint <= 1.15x; the day-on-screen rows are for the record.
- idle CPU: each app in tmux; utime+stime from /proc/<pid>/stat over ``--seconds`` after a
  warm-up. Targets: a session (nothing to do) within 2x of the empty app; a breathing pacer
  at most 3% of one core; a gap with a reset offered within 2x of the session.
- memory: VmRSS and VmHWM from /proc/<pid>/status at the end of each idle run. Target: <= 1.5x.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
SAMPLE = REPO / "tests" / "data" / "samples" / "schedule.toml"
EMPTY_TEXT = "an empty app"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PYCACHE = Path(tempfile.gettempdir()) / "groundtui-bench-pycache"

STARTUP_TARGET = 1.15  # issue 18 (it was 1.3)
IDLE_TARGET = 2.0
BREATHING_TARGET = 3.0  # % of one core (issue 18; it was 5 %)
GAP_TARGET = 2.0  # a gap's idle against the in-session idle (issue 18)
MEMORY_TARGET = 1.5

# groundtui runs: (what, extra args, text that shows the first screen with the day on it)
SESSION = ["--schedule", str(SAMPLE), "--tz", "America/New_York", "--now", "2026-11-24T09:10:00"]
GAP = ["--schedule", str(SAMPLE), "--tz", "America/New_York", "--now", "2026-11-24T09:55:00"]
# the gap's last minute, whose big countdown shows seconds (at most 45 s of it is measured)
GAP_LAST_MINUTE = [*GAP[:-1], "2026-11-24T09:59:05"]
DEMO_BREATHING_GAP = ["--tz", "America/New_York", "--now", "2026-11-24T14:41:00"]


# --------------------------------------------------------------------------- children


REFERENCE_KEYS = ["space", "d", "x", "n", "s", "l", "question_mark", "q"]


def child_empty(headless: bool, footer: bool = False) -> None:
    """The reference: a Textual app that composes one Static (and exits when headless).

    With ``footer``: the same plus a Footer of eight bindings, as groundtui's screens have,
    to show what a Footer alone costs.
    """
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Static

    class EmptyApp(App[None]):
        BINDINGS = [Binding(key, "bell", key.title()) for key in REFERENCE_KEYS] if footer else []

        def compose(self) -> ComposeResult:
            yield Static(EMPTY_TEXT)
            if footer:
                yield Footer()

    app = EmptyApp()
    if not headless:
        app.run()
        return

    async def first_screen(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        print(f"READY {time.monotonic():.6f}", flush=True)
        app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=first_screen)


def child_groundtui(argv: list[str]) -> None:
    """groundtui as ``launch_tui`` builds it, headless, exiting once the day is on screen."""
    from groundtui import launch
    from groundtui.cli import build_parser

    settings = launch.settings_from_args(build_parser().parse_args(argv))
    from groundtui.ui.app import GroundApp

    day_loaded = asyncio.Event()

    class TimedApp(GroundApp):
        """The real app; it only tells the benchmark when the day has arrived (no polling)."""

        CSS_PATH = str(
            Path(sys.modules[GroundApp.__module__].__file__ or "").parent / str(GroundApp.CSS_PATH)
        )

        def on_day_loaded(self, message) -> None:  # type: ignore[no-untyped-def]
            super().on_day_loaded(message)
            day_loaded.set()

    app = TimedApp(settings)

    async def first_screen(pilot) -> None:  # type: ignore[no-untyped-def]
        await day_loaded.wait()  # the day is read in a worker
        await pilot.pause()
        print(f"READY {time.monotonic():.6f}", flush=True)
        await app.action_quit()

    app.run(headless=True, size=(100, 30), auto_pilot=first_screen)


# --------------------------------------------------------------------------- helpers


def groundtui_command() -> list[str]:
    beside = Path(sys.executable).parent / "groundtui"
    found = str(beside) if beside.exists() else shutil.which("groundtui")
    if found is None:
        raise SystemExit("groundtui is not installed (pip install -e .)")
    return [found]


def empty_command() -> list[str]:
    return [sys.executable, str(HERE), "--child", "empty"]


def isolated_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["GROUNDTUI_CONFIG_DIR"] = str(folder / "config")
    env["GROUNDTUI_DATA_DIR"] = str(folder / "data")
    env.pop("NO_COLOR", None)
    # As installed: bytecode cached after the first run (kept out of the source tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def headless_start(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` to its READY line."""
    t0 = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    ready = [line for line in done.stdout.splitlines() if line.startswith("READY ")]
    if done.returncode != 0 or not ready:
        raise RuntimeError(f"{command} failed: {done.stdout[-500:]} {done.stderr[-2000:]}")
    return float(ready[-1].split()[1]) - t0


class Tmux:
    """One command in a private tmux server, for timing and /proc readings.

    The pane first waits for Enter, so the clock starts when the command does; everything the
    command writes is piped to a file, which is cheaper to watch than capture-pane.
    """

    def __init__(self, command: list[str], env: dict[str, str], folder: Path) -> None:
        self.socket = f"groundtui-bench-{uuid.uuid4().hex[:10]}"
        conf = folder / f"{self.socket}.conf"
        conf.write_text("set -g status off\n", encoding="utf-8")
        self.output = folder / f"{self.socket}.out"
        self.output.touch()
        self.base = ["tmux", "-L", self.socket, "-f", str(conf)]
        wrapped = "read _ && exec " + shlex.join(command)
        # The server is started with ``env``, so the pane gets exactly that environment.
        subprocess.run(
            [*self.base, "new-session", "-d", "-s", "b", "-x", "100", "-y", "30",
             "-e", "TERM=xterm-256color", wrapped],
            check=True,
            env=env,
        )  # fmt: skip
        self.shell = int(self._out("display-message", "-p", "-t", "b", "#{pane_pid}"))
        pipe = f"cat >> {shlex.quote(str(self.output))}"
        subprocess.run([*self.base, "pipe-pane", "-o", "-t", "b", pipe], check=True)
        self.started = time.monotonic()
        self.press("Enter")
        self.pid = self.shell  # the shell execs the command
        self._seen = b""
        self._offset = 0

    def _out(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self._out("capture-pane", "-p", "-t", "b")

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from the start until the command has written ``text``."""
        wanted = text.encode()
        deadline = self.started + timeout
        with self.output.open("rb") as stream:
            stream.seek(self._offset)
            while True:
                chunk = stream.read()
                self._offset += len(chunk)
                self._seen += chunk
                if wanted in self._seen:
                    return time.monotonic() - self.started
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{text!r} never appeared:\n{self.screen()}")
                time.sleep(0.002)

    def wait_screen(self, text: str, timeout: float = 30.0) -> None:
        """Wait until ``text`` is on the screen (slower to poll; not for timing)."""
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} never appeared:\n{self.screen()}")
            time.sleep(0.05)

    def press(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", "b", key], check=True)

    def cpu_seconds(self) -> float:
        """CPU time of all the command's threads: schedstat (ns), else utime+stime (ticks)."""
        total = 0
        try:
            for task in Path(f"/proc/{self.pid}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK
        return total / 1e9

    def memory_kib(self) -> tuple[int, int]:
        values = {}
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
        return values["VmRSS"], values["VmHWM"]

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)
        for _ in range(100):
            if not Path(f"/proc/{self.pid}").exists():
                return
            stat = Path(f"/proc/{self.pid}/stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                return
            time.sleep(0.02)
        os.kill(self.pid, 9)


def ratio_row(name: str, empty: float, ours: float, target: float | None, unit: str) -> str:
    """A row against the empty app; ``target`` None: no target, the figure for the record."""
    ratio = ours / empty if empty > 0 else float("inf")
    digits = 2 if unit == "%" else 1
    verdict = "(no target)"
    if target is not None:
        verdict = f"<= {target}x  {'met' if ratio <= target else 'NOT MET'}"
    return (
        f"{name:<40} {empty:>10.{digits}f} {ours:>10.{digits}f} {unit:<4} {ratio:>6.2f}x   "
        + verdict
    )


# --------------------------------------------------------------------------- the benchmarks


@dataclass
class Results:
    lines: list[str] = field(default_factory=list)

    def out(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)


def bench_startup(res: Results, runs: int, folder: Path) -> None:
    env = isolated_env(folder)
    ours_headless = [sys.executable, str(HERE), "--child", "groundtui", "--", *SESSION]
    empty_headless = [sys.executable, str(HERE), "--child", "empty", "--headless"]
    footer_headless = [*empty_headless, "--footer"]
    # one warm-up of each: file caches, .pyc files
    for command in (empty_headless, footer_headless, ours_headless):
        headless_start(command, env)
    h_empty, h_footer, h_ours = [], [], []
    t_empty, t_paint, t_day = [], [], []
    has_tmux = shutil.which("tmux") is not None
    for _ in range(runs):
        h_empty.append(headless_start(empty_headless, env))
        h_footer.append(headless_start(footer_headless, env))
        h_ours.append(headless_start(ours_headless, env))
        if has_tmux:
            term = Tmux(empty_command(), env, folder)
            try:
                t_empty.append(term.wait_for(EMPTY_TEXT))
            finally:
                term.close()
            term = Tmux([*groundtui_command(), *SESSION], env, folder)
            try:
                t_paint.append(term.wait_for("groundtui ·"))
                t_day.append(term.wait_for("In session"))
            finally:
                term.close()
    med = statistics.median
    res.out(f"cold start to first screen (median of {runs} runs, ms)")
    res.out(f"{'case':<40} {'empty app':>10} {'groundtui':>10}      {'ratio':>6}   target")
    res.out(ratio_row("headless: day on screen", med(h_empty) * 1e3, med(h_ours) * 1e3, None, "ms"))
    e = med(h_empty) * 1e3
    footer_ms = med(h_footer) * 1e3
    res.out(
        f"{'(reference) empty app + Footer':<40} {e:>10.1f} {footer_ms:>10.1f} ms   "
        f"{footer_ms / e:>6.2f}x   (what a Footer of 8 keys alone costs)"
    )
    if has_tmux:
        e = med(t_empty) * 1e3
        res.out(ratio_row("terminal: first paint", e, med(t_paint) * 1e3, STARTUP_TARGET, "ms"))
        res.out(ratio_row("terminal: day on screen", e, med(t_day) * 1e3, None, "ms"))
    else:
        res.out("terminal: skipped (no tmux)")
    spread = f"{min(h_ours) * 1e3:.0f}-{max(h_ours) * 1e3:.0f}"
    res.out(f"(headless groundtui range {spread} ms; empty app "
            f"{min(h_empty) * 1e3:.0f}-{max(h_empty) * 1e3:.0f} ms)")  # fmt: skip
    res.out()


@dataclass
class IdleRun:
    name: str
    cpu_percent: float
    rss_kib: int
    hwm_kib: int


def idle_run(
    name: str,
    command: list[str],
    ready: str,
    seconds: float,
    folder: Path,
    keys: tuple[str, ...] = (),
    after_keys: str | None = None,
) -> IdleRun:
    env = isolated_env(folder / uuid.uuid4().hex[:6])
    term = Tmux(command, env, folder)
    try:
        term.wait_screen(ready)
        if keys:
            term.press(*keys)
            if after_keys:
                term.wait_screen(after_keys)
        time.sleep(2.0)  # warm-up: workers done, first file check passed
        cpu0, t0 = term.cpu_seconds(), time.monotonic()
        time.sleep(seconds)
        cpu1, t1 = term.cpu_seconds(), time.monotonic()
        if after_keys and after_keys not in term.screen():
            raise RuntimeError(f"{name}: {after_keys!r} left the screen during the run")
        rss, hwm = term.memory_kib()
    finally:
        term.close()
    return IdleRun(name, 100.0 * (cpu1 - cpu0) / (t1 - t0), rss, hwm)


def bench_idle_and_memory(
    res: Results, seconds: float, folder: Path, idle: bool, memory: bool
) -> None:
    if shutil.which("tmux") is None:
        res.out("idle CPU and memory: skipped (no tmux)")
        return
    ours = groundtui_command()
    runs = [
        idle_run("empty app", empty_command(), EMPTY_TEXT, seconds, folder),
        idle_run("groundtui: in a session", [*ours, *SESSION], "In session", seconds, folder),
        idle_run("groundtui: gap, reset offered", [*ours, *GAP], "space start", seconds, folder),
        idle_run(
            "groundtui: gap, its last minute",
            [*ours, *GAP_LAST_MINUTE],
            "Gap · until",
            min(seconds, 45.0),
            folder,
        ),
        idle_run(
            "groundtui: breathing pacer",
            [*ours, *DEMO_BREATHING_GAP],
            "space start",
            seconds,
            folder,
            keys=("Space",),
            after_keys="space Pause",
        ),
    ]
    empty, session, gap, last_minute, breathing = runs
    if idle:
        res.out(f"idle CPU (% of one core over {seconds:.0f} s, after a 2 s warm-up)")
        res.out(f"{'case':<40} {'empty app':>10} {'groundtui':>10}      {'ratio':>6}   target")
        res.out(ratio_row(session.name, empty.cpu_percent, session.cpu_percent, IDLE_TARGET, "%"))
        ratio = gap.cpu_percent / empty.cpu_percent if empty.cpu_percent else float("inf")
        res.out(
            f"{gap.name:<40} {empty.cpu_percent:>10.2f} {gap.cpu_percent:>10.2f} %    "
            f"{ratio:>6.2f}x   (against the empty app)"
        )
        in_gap = gap.cpu_percent / session.cpu_percent if session.cpu_percent else float("inf")
        res.out(
            f"{'  … against the in-session idle':<40} {session.cpu_percent:>10.2f} "
            f"{gap.cpu_percent:>10.2f} %    {in_gap:>6.2f}x   <= {GAP_TARGET:.0f}x   "
            f"{'met' if in_gap <= GAP_TARGET else 'NOT MET'}"
        )
        last = last_minute.cpu_percent / session.cpu_percent if session.cpu_percent else 0.0
        res.out(
            f"{'  … its last minute (seconds shown)':<40} {session.cpu_percent:>10.2f} "
            f"{last_minute.cpu_percent:>10.2f} %    {last:>6.2f}x   (the big number counts "
            "seconds only in a gap's last minute)"
        )
        met = "met" if breathing.cpu_percent <= BREATHING_TARGET else "NOT MET"
        res.out(
            f"{breathing.name:<40} {'':>10} {breathing.cpu_percent:>10.2f} %    "
            f"{'':>6}   <= {BREATHING_TARGET:.0f}%   {met}"
        )
        res.out("(CPU time of every thread of the process, from /proc/<pid>/task/*/schedstat)")
        res.out()
    if memory:
        res.out("resident memory (MiB, at the end of each idle run)")
        res.out(f"{'case':<40} {'empty app':>10} {'groundtui':>10}      {'ratio':>6}   target")
        for run in (session, gap, breathing):
            res.out(
                ratio_row(
                    f"{run.name} (VmRSS)", empty.rss_kib / 1024, run.rss_kib / 1024,
                    MEMORY_TARGET, "MiB",
                )
            )  # fmt: skip
        res.out(
            ratio_row(
                f"{session.name} (VmHWM)", empty.hwm_kib / 1024, session.hwm_kib / 1024,
                MEMORY_TARGET, "MiB",
            )
        )  # fmt: skip
        res.out()


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, textual {version('textual')}, "
        f"rich {version('rich')}, {tmux or 'no tmux'}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold starts per app")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each idle run")
    parser.add_argument("--only", default="startup,idle,memory")
    parser.add_argument("--child", choices=("empty", "groundtui"), help=argparse.SUPPRESS)
    parser.add_argument("--headless", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--footer", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "empty":
        child_empty(args.headless, args.footer)
        return 0
    if args.child == "groundtui":
        child_groundtui(args.rest)
        return 0

    only = set(args.only.split(","))
    res = Results()
    res.out(f"groundtui app benchmark — {machine()}")
    res.out()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "startup" in only:
            bench_startup(res, args.runs, folder)
        if only & {"idle", "memory"}:
            bench_idle_and_memory(res, args.seconds, folder, "idle" in only, "memory" in only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
