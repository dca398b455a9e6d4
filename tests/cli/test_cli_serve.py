"""`groundtui serve` in-process: its options, its refusals, and what it never imports early."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shlex
import socket
import subprocess
import sys

import pytest

from groundtui.cli import SCHEDULES_VARIABLE, parse_args, run
from groundtui.commands.serve import (
    INSTALL_HINT,
    app_command,
    host_warning,
    open_in_browser,
    tab_environment,
)
from groundtui.errors import GroundError


def parsed(*argv: str) -> argparse.Namespace:
    return parse_args(argv)


def test_each_tab_runs_groundtui_with_the_same_options(tmp_path) -> None:
    schedule = tmp_path / "my day.toml"
    args = parsed(
        "--tz", "Europe/Berlin", "serve", "--schedule", str(schedule), "--now",
        "2026-11-24T09:53:30", "--speed", "30", "--port", "0",
    )  # fmt: skip
    argv = shlex.split(app_command(args))
    assert argv[:3] == [sys.executable, "-m", "groundtui"]
    assert tab_environment(args) == {SCHEDULES_VARIABLE: json.dumps([str(schedule)])}
    assert argv[3:] == [
        "--schedules-from-env", "--tz", "Europe/Berlin",
        "--now", "2026-11-24T09:53:30", "--speed", "30.0",
    ]  # fmt: skip


def test_options_before_serve_are_kept_and_defaults_add_nothing() -> None:
    args = parsed("--now", "2026-11-24T09:00", "serve")
    assert shlex.split(app_command(args))[3:] == ["--now", "2026-11-24T09:00"]
    assert shlex.split(app_command(parsed("serve")))[3:] == []
    assert args.port == 0 and args.host is None and not args.open


def test_a_feed_url_never_reaches_a_command_line(tmp_path, monkeypatch) -> None:
    """A feed URL is a secret, and every user of the machine can read a process's command line
    (``ps``): each tab gets its schedules through its environment (readable by this user only),
    and reads them back exactly, feed URL as given, paths made absolute, order kept."""
    secret = "https://ehr.example/feeds/S3CRET-T0KEN/calendar.ics"
    monkeypatch.chdir(tmp_path)
    args = parsed(
        "--schedule", "first.csv", "serve", "--schedule", secret, "--schedule", "day.toml"
    )  # fmt: skip
    command = app_command(args)
    assert "S3CRET" not in command and "ehr.example" not in command
    assert "first.csv" not in command and "day.toml" not in command
    environment = tab_environment(args)
    monkeypatch.setattr(os, "environ", {**os.environ, **environment})
    tab = parse_args(shlex.split(command)[3:])
    assert tab.schedule == [str(tmp_path / "first.csv"), secret, str(tmp_path / "day.toml")]


def test_without_a_schedule_the_tab_reads_config_toml_as_ever(monkeypatch) -> None:
    args = parsed("serve")
    assert tab_environment(args) == {}
    monkeypatch.setitem(os.environ, SCHEDULES_VARIABLE, '["https://stray.example/x.ics"]')
    assert parse_args(shlex.split(app_command(args))[3:]).schedule is None  # not asked: unread


@pytest.mark.parametrize("value", [None, "", "not json", '"one"', "[1]", '{"a": 1}'])
def test_a_tab_with_unreadable_schedules_is_a_usage_error(value, monkeypatch, capsys) -> None:
    if value is None:
        monkeypatch.delitem(os.environ, SCHEDULES_VARIABLE, raising=False)
    else:
        monkeypatch.setitem(os.environ, SCHEDULES_VARIABLE, value)
    with pytest.raises(SystemExit) as exit_:
        parse_args(["--schedules-from-env"])
    assert exit_.value.code == 2
    assert SCHEDULES_VARIABLE in capsys.readouterr().err


def test_only_loopback_is_quiet() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert host_warning(host) is None
    warning = host_warning("192.168.1.20")
    assert warning is not None and "anyone who can reach it" in warning
    for wildcard in ("0.0.0.0", "::"):
        with pytest.raises(GroundError, match="give the one address"):
            host_warning(wildcard)


def test_bad_options_fail_before_serving(capsys) -> None:
    assert run(["serve", "--tz", "Mars/Olympus"]) == 1
    assert "unknown time zone" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        run(["serve", "--speed", "-2"])
    assert usage.value.code == 2


def test_a_port_in_use_is_one_line(capsys) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert run(["serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"groundtui: error: cannot listen on 127.0.0.1:{port}")
    assert "Traceback" not in err


def test_without_the_web_extra_it_says_how_to_get_it(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "groundtui.web.server", None)  # import fails
    assert run(["serve"]) == 1
    assert capsys.readouterr().err.strip() == f"groundtui: error: {INSTALL_HINT}"


def test_the_secret_is_redacted_from_any_log_line() -> None:
    pytest.importorskip("textual_serve")
    from groundtui.web.server import Redact

    record = logging.LogRecord(
        "aiohttp", logging.ERROR, "x", 1, "GET /%s/ws failed", ("s3cr3t",), None
    )
    assert Redact("s3cr3t").format(record) == "GET /[secret]/ws failed"
    try:
        raise ValueError("bad line b'GET /s3cr3t/ HTTP/9.9'")
    except ValueError:
        record.exc_info = sys.exc_info()
    printed = Redact("s3cr3t").format(record)
    assert "s3cr3t" not in printed and "Traceback" in printed  # the traceback too


def test_open_goes_through_a_private_file(monkeypatch, tmp_path) -> None:
    import webbrowser

    from groundtui.commands.serve import remove

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    page = open_in_browser("http://127.0.0.1:9/s3cr3t/")
    assert page is not None
    assert opened == [page.as_uri()] and "s3cr3t" not in opened[0]  # not on a command line
    assert page.stat().st_mode & 0o777 == 0o600
    assert page.parent.stat().st_mode & 0o777 == 0o700
    assert "http://127.0.0.1:9/s3cr3t/" in page.read_text()
    remove(page)
    assert not page.parent.exists()


def test_start_up_and_status_never_import_the_web_server() -> None:
    """The terminal app and `status` stay as quick as before: textual-serve, aiohttp and jinja2
    load only when `serve` runs."""
    code = (
        "import sys\n"
        "from groundtui.cli import build_parser, run\n"
        "import groundtui.launch, groundtui.ui.app, groundtui.commands.serve, groundtui.web\n"
        "run(['status', '--now', '2026-11-24T09:53:30', '--tz', 'America/New_York'])\n"
        "bad = ('textual_serve', 'aiohttp', 'aiohttp_jinja2', 'jinja2', 'groundtui.web.server')\n"
        "print('LOADED:' + ','.join(m for m in bad if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "LOADED:"


def test_schedules_given_before_serve_are_kept(tmp_path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.ics"
    args = parsed("--schedule", str(first), "--schedule", str(second), "serve")
    assert shlex.split(app_command(args))[3:] == ["--schedules-from-env"]
    assert json.loads(tab_environment(args)[SCHEDULES_VARIABLE]) == [str(first), str(second)]
    args = parsed("--schedule", str(first), "serve", "--schedule", str(second))
    merged = [str(first), str(second)]  # before and after merge, as elsewhere
    assert json.loads(tab_environment(args)[SCHEDULES_VARIABLE]) == merged
