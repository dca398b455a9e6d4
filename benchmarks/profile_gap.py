"""Profile a gap with a reset offered, in-process: what its one-second tick costs and draws.

Run: python benchmarks/profile_gap.py [--seconds 10] [--top 25] [--no-profile]  (prints a
table; no assertions). The sample schedule's gap at 09:55 (as bench_app.py's gap case),
headless at 100x30; once the day is on screen, the event loop runs (under cProfile unless
``--no-profile``) for ``--seconds``.
It counts the screen updates Textual painted (``Screen._compositor_refresh``), the layout
passes (``Screen._refresh_layout``) and the lines each widget rendered for the compositor
(``Widget.render_lines``: a partial update asks every widget whose clip overlaps it), with
the process CPU time meanwhile (headless: no terminal output is written, so this is the
app's own share, without the writer thread).
"""

from __future__ import annotations

import asyncio
import cProfile
import time
from collections import Counter
from pathlib import Path

from profiling import print_figures, print_profile, profiled

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "data" / "samples" / "schedule.toml"
ARGS = ["--schedule", str(SAMPLE), "--tz", "America/New_York", "--now", "2026-11-24T09:55:00"]


async def run(
    seconds: float, profile: cProfile.Profile | None
) -> tuple[dict[str, float], Counter[str]]:
    from textual.screen import Screen
    from textual.widget import Widget

    from groundtui.cli import parse_args
    from groundtui.launch import make_app, settings_from_args

    app = make_app(settings_from_args(parse_args(ARGS)))
    counts = {"updates": 0.0, "layouts": 0.0}
    lines: Counter[str] = Counter()
    real_layout = Screen._refresh_layout
    real_paint = Screen._compositor_refresh
    real_render_lines = Widget.render_lines

    def refresh_layout(self: Screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        counts["layouts"] += 1
        return real_layout(self, *args, **kwargs)

    def compositor_refresh(self: Screen) -> None:
        counts["updates"] += 1
        real_paint(self)

    def render_lines(self: Widget, crop):  # type: ignore[no-untyped-def]
        lines[f"{type(self).__name__}#{self.id or ''}"] += crop.height
        return real_render_lines(self, crop)

    Screen._refresh_layout = refresh_layout  # type: ignore[method-assign]
    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]
    Widget.render_lines = render_lines  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            await asyncio.sleep(2.0)
            if "space start" not in str(app.screen.query_one("#now-hint").render()):
                raise RuntimeError("no reset offered on screen")
            counts["updates"] = counts["layouts"] = 0
            lines.clear()
            cpu0, t0 = time.process_time(), time.monotonic()
            if profile is not None:
                profile.enable()
            await asyncio.sleep(seconds)
            if profile is not None:
                profile.disable()
            cpu, wall = time.process_time() - cpu0, time.monotonic() - t0
            app.exit()
    finally:
        Screen._refresh_layout = real_layout  # type: ignore[method-assign]
        Screen._compositor_refresh = real_paint  # type: ignore[method-assign]
        Widget.render_lines = real_render_lines  # type: ignore[method-assign]
    got = {
        "cpu %": 100 * cpu / wall,
        "cpu ms/s": 1000 * cpu / wall,
        "screen updates/s": counts["updates"] / wall,
        "layouts/s": counts["layouts"] / wall,
    }
    return got, Counter({k: v / wall for k, v in lines.items()})


def main() -> None:
    (got, lines), profile, top = profiled(__doc__.splitlines()[0], run)
    print_figures(got)
    print("lines rendered per second, by widget:")
    for name, value in lines.most_common():
        print(f"  {name:<40} {value:8.2f}")
    print_profile(profile, top, "cumulative", "tottime")


if __name__ == "__main__":
    main()
