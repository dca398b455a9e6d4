"""The label-free feed copy in the cache dir, edited by hand or replaced: it is only a cache, so
anything odd there reads as no copy, at once, and writing one makes every folder 0700."""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from groundtui.schedule.cache import FeedCopy, copy_path, read_copy, write_copy


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging: a plain open of a FIFO waits for a writer forever."""

    class Hung(BaseException):  # not an OSError, which the reader would take for 'no copy'
        pass

    def hung(_signum: int, _frame: object) -> None:
        raise Hung("read_copy waited on a named pipe")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_named_pipe_in_the_copys_place_is_no_copy(tmp_path: Path, deadline: None) -> None:
    path = copy_path(tmp_path, "abc")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert read_copy(path) is None


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, '{"format": ' + "[" * 50_000, "\xff\xfe"]
)
def test_a_copy_nested_beyond_reason_or_not_text_is_no_copy(tmp_path: Path, text: str) -> None:
    path = copy_path(tmp_path, "abc")
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("utf-8", "surrogateescape") if text != "\xff\xfe" else b"\xff\xfe")
    assert read_copy(path) is None


def test_every_folder_made_for_a_copy_is_private(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "groundtui"
    copy = FeedCopy(frozenset(), (), datetime(2026, 11, 24, tzinfo=UTC))
    write_copy(copy_path(cache, "abc"), copy)
    for folder in (cache.parent, cache, cache / "feeds"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert read_copy(copy_path(cache, "abc")) == copy
