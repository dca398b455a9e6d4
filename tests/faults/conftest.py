"""Fault injection: real processes, a tiny filesystem that fills up, a read-only remount."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_tools import Window, run


@pytest.fixture
def window() -> Iterator[Callable[[Path], Window]]:
    made: list[Window] = []

    def make(db: Path) -> Window:
        w = Window(db)
        made.append(w)
        return w

    yield make
    for w in made:
        if w.proc.poll() is None:
            w.kill()


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs (root only); skipped where mounting is not permitted."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = run("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(mount))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or 'not permitted'}")
    try:
        yield mount
    finally:
        with contextlib.suppress(Exception):
            run("umount", "-l", str(mount))
