"""Feeds on the command line: `plan` reads them, `status` reads the copy, the address stays
secret, and sources merge."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from core.planner_fixtures import FakeLibrary
from feed_server import LABELS, SECRET, FeedServer, calendar

from groundtui.cli import run
from groundtui.schedule.feeds import forget_feeds
from groundtui.schedule.sources import clear_cache

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
DAY = ["--date", "2026-11-24", "--tz", "America/New_York"]


pytestmark = pytest.mark.usefixtures("fresh_feeds")


@pytest.fixture(autouse=True)
def fake_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("groundtui.day.load_exercises", FakeLibrary)


class Output:
    """Everything a run printed, to check that the address never shows."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.seen: list[str] = []

    def run(self, *args: str) -> tuple[int, str, str]:
        code = run(list(args))
        captured = self.capsys.readouterr()
        self.seen += [captured.out, captured.err]
        return code, captured.out, captured.err

    def plan(self, *args: str) -> dict:
        code, out, err = self.run("plan", *DAY, "--format", "json", *args)
        assert code == 0, err
        return json.loads(out)

    def assert_secret_kept(self) -> None:
        for text in self.seen:
            assert SECRET not in text and "feed.ics" not in text


@pytest.fixture
def out(capsys: pytest.CaptureFixture[str]) -> Iterator[Output]:
    output = Output(capsys)
    yield output
    output.assert_secret_kept()


def spans(data: dict) -> list[str]:
    return [f"{s['start'][11:16]}-{s['end'][11:16]}" for s in data["sessions"]]


def forget() -> None:
    """As if the next command were a new process."""
    forget_feeds()
    clear_cache()


def test_plan_reads_a_feed_with_labels_hidden(server: FeedServer, out: Output) -> None:
    url = server.serve(body=calendar())
    data = out.plan("--schedule", url)
    assert spans(data) == ["09:00-09:50", "10:00-10:50", "11:10-12:00"]
    assert [s["heavy"] for s in data["sessions"]] == [True, False, False]
    assert not any("unreachable" in w for w in data.get("warnings", []))
    assert not any(label in json.dumps(data) for label in LABELS)
    shown = out.plan("--schedule", url, "--show-labels")
    assert [s["label"] for s in shown["sessions"]] == list(LABELS)


def test_webcal_is_read_as_https(out: Output) -> None:
    code, _, err = out.run("plan", *DAY, "--schedule", f"webcal://127.0.0.1:9/{SECRET}/feed.ics")
    assert code == 1 and err.startswith("groundtui: error: 127.0.0.1: ")
    assert err.count("\n") == 1  # an https:// connection to a closed port: refused, one line


def test_a_feed_and_files_merge(server: FeedServer, out: Output, tmp_path: Path) -> None:
    extra = tmp_path / "evening.toml"
    extra.write_text('[[session]]\nstart = "17:00"\nend = "17:50"\n', encoding="utf-8")
    url = server.serve(body=calendar(cancel_second=True))
    data = out.plan("--schedule", url, "--schedule", str(extra))
    assert spans(data) == ["09:00-09:50", "11:10-12:00", "17:00-17:50"]


def test_config_schedule_may_be_a_list(server: FeedServer, out: Output, config_dir: Path) -> None:
    url = server.serve(body=calendar(cancel_second=True))
    (config_dir / "evening.toml").write_text('[[session]]\nstart = "17:00"\nend = "17:50"\n')
    (config_dir / "config.toml").write_text(
        f'schedule = ["{url}", "evening.toml"]\n[feeds]\nrefresh_minutes = 0.25\n'
    )
    assert spans(out.plan()) == ["09:00-09:50", "11:10-12:00", "17:00-17:50"]


def test_offline_plan_uses_the_copy_with_one_warning(server: FeedServer, out: Output) -> None:
    url = server.serve(body=calendar())
    good = out.plan("--schedule", url)
    forget()
    server.serve(status=500)
    code, text, _ = out.run("plan", *DAY, "--format", "json", "--schedule", url)
    assert code == 0
    data = json.loads(text)
    assert [s["heavy"] for s in data["sessions"]] == [s["heavy"] for s in good["sessions"]]
    assert spans(data) == spans(good)
    feed = [w for w in data["warnings"] if w.startswith("127.0.0.1 unreachable since ")]
    assert len(feed) == 1 and "(HTTP 500) — using the " in feed[0] and feed[0].endswith(" copy")
    code, table, _ = out.run("plan", *DAY, "--schedule", url)
    assert code == 0 and table.count("unreachable since") == 1


def test_a_slow_feed_is_bounded_by_the_configured_timeout(
    server: FeedServer, out: Output, config_dir: Path
) -> None:
    url = server.serve(body=calendar())
    out.plan("--schedule", url)
    forget()
    server.serve(body=calendar(), slow=True)
    (config_dir / "config.toml").write_text("[feeds]\ntimeout_seconds = 0.2\n")
    data = out.plan("--schedule", url)
    assert any("no complete answer within 0.2 s" in w for w in data["warnings"])
    assert len(data["sessions"]) == 3


def test_without_a_copy_a_dead_feed_is_a_one_line_error(server: FeedServer, out: Output) -> None:
    url = server.serve(status=500)
    code, text, err = out.run("plan", *DAY, "--schedule", url)
    assert (code, text) == (1, "")
    assert err == "groundtui: error: 127.0.0.1: HTTP 500; there is no saved copy of it yet\n"


def test_a_server_that_disappeared_leaves_the_copy(server: FeedServer, out: Output) -> None:
    url = server.serve(body=calendar())
    out.plan("--schedule", url)
    server.stop()
    forget()
    data = out.plan("--schedule", url)
    assert len(data["sessions"]) == 3
    assert any("(connection refused)" in w for w in data["warnings"])


def test_status_reads_the_copy_and_never_waits_on_the_network(
    server: FeedServer, out: Output
) -> None:
    url = server.serve(body=calendar())
    now = ["--tz", "America/New_York", "--now", "2026-11-24T09:30"]
    code, _, err = out.run("status", *now, "--schedule", url)
    assert code == 1 and "no saved copy" in err and err.count("\n") == 1
    assert server.requests == []  # status never asked
    out.plan("--schedule", url)
    forget()
    server.serve(body=calendar(), slow=True)  # would hang anyone who asked
    asked = len(server.requests)
    code, line, _ = out.run("status", *now, "--schedule", url)
    assert code == 0 and line == "in session · 20 min left\n"
    assert len(server.requests) == asked


def test_reading_files_loads_no_http_module(tmp_path: Path) -> None:
    """`import groundtui.cli` and `status` on a file schedule never load the HTTP client."""
    sample = str(SAMPLES / "schedule.toml")
    code = (
        "import sys\n"
        "from groundtui.cli import run\n"
        f"run(['status', '--tz', 'America/New_York', '--schedule', {sample!r}])\n"
        "bad = [m for m in ('urllib.request', 'http.client', 'ssl') if m in sys.modules]\n"
        "print('loaded:' + ','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "loaded:"


def test_a_bad_feed_address_in_config_is_named_without_it(out: Output, config_dir: Path) -> None:
    (config_dir / "config.toml").write_text(f'schedule = "https:///{SECRET}/feed.ics"\n')
    _, _, err = out.run("plan", *DAY)
    assert "'schedule': a calendar feed address needs a host name" in err
