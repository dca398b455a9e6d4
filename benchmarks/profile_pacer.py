"""Profile the breathing pacer in-process: what a running box breathing repaints, per second.

Run: python benchmarks/profile_pacer.py [--seconds 10] [--top 25]  (prints a table; no
assertions). The demo day's gap at 14:41 (as bench_app.py's pacer case), headless at 100x30;
``space`` starts the breathing; once its intro is over, the event loop runs under cProfile
for ``--seconds``.
It also counts the frames Textual composed (``Screen._compositor`` renders) and the Orb's
repaints, and the process CPU time meanwhile (headless: no terminal output is written, so
this is the app's own share, without the writer thread).
"""

from __future__ import annotations

import asyncio
import cProfile
import time

from profiling import print_figures, print_profile, profiled

ARGS = ["--tz", "America/New_York", "--now", "2026-11-24T14:41:00"]


async def run(seconds: float, profile: cProfile.Profile | None) -> dict[str, float]:
    from textual.screen import Screen

    from groundtui.cli import parse_args
    from groundtui.launch import make_app, settings_from_args
    from groundtui.ui.widgets.pacer import Orb

    app = make_app(settings_from_args(parse_args(ARGS)))
    counts = {"frames": 0.0, "orb_lines": 0.0}
    real_render = Orb.render_line
    real_refresh = Screen._refresh_layout

    def render_line(self: Orb, y: int):  # type: ignore[no-untyped-def]
        counts["orb_lines"] += 1
        return real_render(self, y)

    def refresh_layout(self: Screen, *a, **k):  # type: ignore[no-untyped-def]
        counts["frames"] += 1
        return real_refresh(self, *a, **k)

    Orb.render_line = render_line  # type: ignore[method-assign]
    Screen._refresh_layout = refresh_layout  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("space")
        for _ in range(600):  # the exercise's intro first, then the practice
            if getattr(app.screen, "stage", None) == "running":
                break
            await asyncio.sleep(0.05)
        else:
            raise RuntimeError("the breathing did not start")
        await asyncio.sleep(1.0)
        counts["frames"] = counts["orb_lines"] = 0
        cpu0, t0 = time.process_time(), time.monotonic()
        if profile is not None:
            profile.enable()
        await asyncio.sleep(seconds)
        if profile is not None:
            profile.disable()
        cpu, wall = time.process_time() - cpu0, time.monotonic() - t0
        await app.workers.wait_for_complete()
        app.exit()
    Orb.render_line = real_render  # type: ignore[method-assign]
    Screen._refresh_layout = real_refresh  # type: ignore[method-assign]
    return {
        "cpu %": 100 * cpu / wall,
        "screen updates/s": counts["frames"] / wall,
        "orb rows drawn/s": counts["orb_lines"] / wall,
    }


def main() -> None:
    got, profile, top = profiled(__doc__.splitlines()[0], run)
    print_figures(got)
    print_profile(profile, top, "cumulative")


if __name__ == "__main__":
    main()
