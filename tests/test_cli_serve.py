"""`groundtui serve` in-process: its options, its refusals, and what it never imports early."""

from __future__ import annotations

import argparse
import logging
import shlex
import socket
import subprocess
import sys

import pytest

from groundtui.cli import build_parser, run
from groundtui.commands.serve import INSTALL_HINT, app_command, host_warning, open_in_browser
from groundtui.errors import GroundError


def parsed(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def test_each_tab_runs_groundtui_with_the_same_options(tmp_path) -> None:
    schedule = tmp_path / "my day.toml"
    args = parsed(
        "--tz", "Europe/Berlin", "serve", "--schedule", str(schedule), "--now",
        "2026-11-24T09:53:30", "--speed", "30", "--port", "0",
    )  # fmt: skip
    argv = shlex.split(app_command(args))
    assert argv[:3] == [sys.executable, "-m", "groundtui"]
    assert argv[3:] == [
        "--schedule", str(schedule), "--tz", "Europe/Berlin",
        "--now", "2026-11-24T09:53:30", "--speed", "30.0",
    ]  # fmt: skip


def test_options_before_serve_are_kept_and_defaults_add_nothing() -> None:
    args = parsed("--now", "2026-11-24T09:00", "serve")
    assert shlex.split(app_command(args))[3:] == ["--now", "2026-11-24T09:00"]
    assert shlex.split(app_command(parsed("serve")))[3:] == []
    assert args.port == 0 and args.host is None and not args.open


def test_a_feed_url_is_passed_as_it_is(tmp_path) -> None:
    args = parsed("serve")
    args.schedule = ["https://ehr.example/feed.ics", "day.toml"]
    argv = shlex.split(app_command(args))
    assert argv[4] == "https://ehr.example/feed.ics"
    assert argv[6].endswith("/day.toml") and argv[6].startswith("/")


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
    Redact("s3cr3t").filter(record)
    assert record.getMessage() == "GET /[secret]/ws failed"


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
    argv = shlex.split(app_command(args))[3:]
    assert argv == ["--schedule", str(first), "--schedule", str(second)]
    args = parsed("--schedule", str(first), "serve", "--schedule", str(second))
    assert shlex.split(app_command(args))[3:] == ["--schedule", str(second)]  # after wins
