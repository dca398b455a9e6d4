"""Practice time for a running reset, read from a clock: pure, so frames can never make it drift.

No Textual here: the reset screen and the core timing tests use the same arithmetic.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from groundtui.clock import Clock


class PracticeTimer:
    """Seconds of practice since ``origin``: wall time minus pauses, shifted by step jumps.

    Every read goes back to the clock, so however often (or rarely) it is read, the answer is the
    same for the same instant.
    """

    def __init__(self, clock: Clock, origin: datetime) -> None:
        self.clock = clock
        self.origin = origin
        """The wall time the practice started (its second 0, before any pause or jump)."""
        self._paused_total = 0.0
        self._paused_since: datetime | None = None
        self._shift = 0.0

    @property
    def paused(self) -> bool:
        return self._paused_since is not None

    def paused_seconds(self, now: datetime | None = None) -> float:
        """All the time spent paused so far, including a pause still going on."""
        now = self.clock.now() if now is None else now
        current = 0.0
        if self._paused_since is not None:
            current = max(0.0, (now - self._paused_since).total_seconds())
        return self._paused_total + current

    def elapsed(self, now: datetime | None = None) -> float:
        """Seconds of practice at ``now`` (default: the clock's now); never negative."""
        now = self.clock.now() if now is None else now
        wall = (now - self.origin).total_seconds()
        return max(0.0, wall - self.paused_seconds(now) + self._shift)

    def pause(self) -> None:
        if self._paused_since is None:
            self._paused_since = self.clock.now()

    def resume(self) -> None:
        if self._paused_since is not None:
            now = self.clock.now()
            self._paused_total += max(0.0, (now - self._paused_since).total_seconds())
            self._paused_since = None

    def jump(self, to: float) -> None:
        """Make the practice stand at ``to`` seconds now (back/forward one step)."""
        self._shift += max(0.0, to) - self.elapsed()

    def when(self, elapsed: float) -> datetime:
        """The wall time at which the practice stood (or will stand) at ``elapsed`` seconds.

        Exact as long as no pause or jump happened between then and now: the screen reads the
        clock before every pause or jump, so a finish is never dated by the tick that saw it.
        """
        ref = self._paused_since if self._paused_since is not None else self.clock.now()
        return ref - timedelta(seconds=self.elapsed(ref) - elapsed)
