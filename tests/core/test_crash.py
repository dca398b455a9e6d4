"""A crash is told without client data: frames in a private file, one line on the terminal."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from groundtui.cli import run
from groundtui.crash import WITHHELD, crash_line, report_text
from groundtui.errors import ScheduleError

LABEL = "Zelda Quixote-Hostile"
"""A distinctive client name: it must never show up where labels may not go."""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raise_with_a_label() -> None:
    schedule_text = f'[[session]]\nstart = "09:00"\nlabel = "{LABEL}"\n'  # a local with a label
    raise ValueError(f"cannot place {LABEL} ({len(schedule_text)})")


def test_a_crash_report_has_frames_but_no_locals_or_messages(tmp_path: Path) -> None:
    try:
        try:
            _raise_with_a_label()
        except ValueError as inner:
            raise RuntimeError(f"while reading {LABEL}") from inner
    except RuntimeError as err:
        text = report_text(err)
        line = crash_line(err, tmp_path / "crashes")
    assert LABEL not in text
    assert "_raise_with_a_label" in text and "ValueError" in text and "RuntimeError" in text
    assert WITHHELD in text
    assert LABEL not in line and "RuntimeError" in line
    (report,) = (tmp_path / "crashes").iterdir()
    assert str(report) in line
    assert mode(report) == 0o600 and mode(report.parent) == 0o700
    assert LABEL not in report.read_text()


def test_a_crash_report_keeps_our_own_error_messages() -> None:
    try:
        raise ScheduleError("no such file", "/tmp/x.ics")
    except ScheduleError as err:
        assert "no such file" in report_text(err)


def test_an_unexpected_error_in_a_command_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    def boom(args: object) -> int:
        _raise_with_a_label()
        return 0

    monkeypatch.setattr("groundtui.commands.plan.run_plan", boom)
    assert run(["plan"]) == 1
    out, err = capsys.readouterr()
    assert LABEL not in out + err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("groundtui: error: ")
    (report,) = (data_dir / "crashes").iterdir()
    assert mode(report) == 0o600 and LABEL not in report.read_text()


def test_a_closed_terminal_is_no_crash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """Closing the terminal (tmux kill-server, a closed window) ends the app as `q` does, and
    Textual's output thread then fails on the dead line (EIO): that is the hang-up, not a bug,
    so it leaves no crash report claiming 'groundtui crashed'. Any other error there still does."""
    import errno
    import sys
    import threading

    from groundtui import crash

    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install()

    def write_to(error: OSError) -> None:
        def run() -> None:
            raise error

        thread = threading.Thread(target=run, name="textual-output")
        thread.start()
        thread.join()

    for number in (errno.EIO, errno.EPIPE):
        write_to(OSError(number, "Input/output error"))
    assert not (data_dir / "crashes").exists()
    assert capsys.readouterr().err == ""
    write_to(OSError(errno.ENOSPC, "No space left on device"))
    assert len(list((data_dir / "crashes").iterdir())) == 1
