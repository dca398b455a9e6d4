"""A clinician's morning in a real terminal, then the log as a script reads it."""

from __future__ import annotations

import pytest
from e2e_terminal import SAMPLES, assert_clean, log_json

pytestmark = pytest.mark.e2e

DAY = "2026-11-24"
SCHEDULE = str(SAMPLES / "schedule.toml")
START_HINT = "space start ·"
"""The now panel's key hint: shown only while a reset is on offer."""


def groundtui_at(now: str, speed: int) -> list[str]:
    return [
        "--schedule",
        SCHEDULE,
        "--tz",
        "America/New_York",
        "--now",
        f"{DAY}T{now}",
        "--speed",
        str(speed),
    ]


def finish_reset(term) -> None:
    """After `d`: close the closing cue with enter if it is still waiting."""
    screen = term.wait_until(
        lambda s: "to close" in s or "l Log" in s, "the closing cue or the day"
    )
    if "to close" in screen:
        term.press("Enter")
    term.wait_for("l Log")  # the day's screen (its offer keys only while one is offered)


def test_a_morning_done_skipped_missed_then_the_log(terminal, cli, data_dir) -> None:
    # 09:49:50 at 10x: the first gap (09:50-10:00) opens a second later.
    term = terminal(*groundtui_at("09:49:50", 10))
    term.wait_for(START_HINT)
    term.press("Space")
    term.wait_for("space Begin")  # the reset opens with its intro, and its own keys
    term.press("d")
    finish_reset(term)
    term.wait_for("✓")  # the timeline marks it done
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())

    # Back late in the gap after the heavy 10:00 session (10:50-11:10), at 60x: its offers stay
    # open to the gap's end, so skip the first (step outside) and let the next pass untouched.
    term = terminal(*groundtui_at("11:05:00", 60))
    term.wait_for(START_HINT)
    term.press("x")
    term.wait_for("Skipped.")
    term.wait_for("In session", timeout=60)  # 11:10: the gap ran out (5 real seconds)
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())

    records = log_json(cli, DAY)
    # 09:50: the breaths before the note, done; back at 11:05 the breaths of 10:50 are long
    # behind (an invitation, never logged missed): the first offer skipped, the next passed by
    assert [r["outcome"] for r in records] == ["done", "skipped", "missed"]
    done, skipped, missed = records
    assert done["exercise"] == "breaths-before-note"
    assert "breaths-before-note" not in (skipped["exercise"], missed["exercise"])
    assert done["gap_start"] == f"{DAY}T09:50:00-05:00"
    assert done["gap_end"] == f"{DAY}T10:00:00-05:00"
    assert done["started_at"] is not None and done["ended_at"] is not None
    for record in (skipped, missed):
        assert record["gap_start"] == f"{DAY}T10:50:00-05:00"
        assert record["gap_end"] == f"{DAY}T11:10:00-05:00"
    assert missed["started_at"] is None
    assert {r["date"] for r in records} == {DAY}
    assert skipped["exercise"] != missed["exercise"]

    # Client labels never reach the disk.
    stored = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    for label in (b"J.A.", b"Intake - M.R.", b"T.K.", b"Couple - L. & P."):
        assert label not in stored


def test_quitting_during_a_reset_logs_it_partial(terminal, cli) -> None:
    term = terminal(*groundtui_at("09:51:00", 1))
    term.wait_for(START_HINT)
    term.press("Space")
    term.wait_for("space Begin")
    term.press("Space")  # the intro is read
    term.wait_for("space Pause")
    term.press("q")
    term.wait_for("q again to stop and quit")  # asked once
    term.press("q")
    assert term.wait_exit() == 0
    assert_clean(term.screen())
    records = log_json(cli, DAY)
    assert [r["outcome"] for r in records] == ["partial"]
    assert records[0]["started_at"] is not None
    assert records[0]["ended_at"] >= records[0]["started_at"]


def test_back_to_back_sessions_get_a_changeover_cue(terminal, cli) -> None:
    """13:00-13:50 then 13:50-14:40 (the sample's Tuesday): no gap, so three breaths as one
    session ends and the next begins, on screen for about 20 s, then the session again; nothing
    is logged for it."""
    term = terminal(*groundtui_at("13:49:50", 4), width=50)
    term.wait_for("In session")
    screen = term.wait_for("Changeover", timeout=30)
    assert "Three breaths" in screen
    assert_clean(screen)
    term.wait_until(lambda s: "Changeover" not in s.split("▁")[0], "the session view again", 60)
    term.press("q")
    assert term.wait_exit() == 0
    assert all(r["exercise"] != "three-breaths" for r in log_json(cli, DAY))
