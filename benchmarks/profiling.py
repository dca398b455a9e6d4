"""What the in-process profiles (``profile_pacer.py``, ``profile_gap.py``) share: their command
line, fresh groundtui folders, and the cProfile tables."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def profiled(
    description: str, run: Callable[[float, cProfile.Profile | None], Coroutine[Any, Any, T]]
) -> tuple[T, cProfile.Profile | None, int]:
    """Parse ``--seconds``, ``--top``, ``--no-profile``; ``run`` in fresh groundtui folders.
    Returns what ``run`` gave, the profile (None with ``--no-profile``) and ``--top``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--no-profile", action="store_true", help="only the counts and CPU")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CONFIG", "DATA", "CACHE"):
            os.environ[f"GROUNDTUI_{name}_DIR"] = str(Path(tmp) / name.lower())
        profile = None if args.no_profile else cProfile.Profile()
        got = asyncio.run(run(args.seconds, profile))
    return got, profile, args.top


def print_figures(got: dict[str, float]) -> None:
    for key, value in got.items():
        print(f"{key:<20} {value:8.2f}")


def print_profile(profile: cProfile.Profile | None, top: int, *orders: str) -> None:
    """The profile's ``top`` functions, by each of ``orders``."""
    if profile is None:
        return
    stats = pstats.Stats(profile, stream=sys.stdout)
    for order in orders:
        stats.sort_stats(order).print_stats(top)
