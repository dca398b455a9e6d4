"""An error that quotes a bad value from a calendar never quotes a label."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from groundtui.errors import ScheduleError
from groundtui.schedule import load

NY = ZoneInfo("America/New_York")
DAY = date(2026, 11, 24)

LABEL = "Zelda Quixote-Hostile"
"""A distinctive client name: it must never show up where labels may not go."""


def _load_error(path: Path) -> str:
    with pytest.raises(ScheduleError) as caught:
        load(path, DAY, NY)
    return str(caught.value)


def test_an_ics_error_never_quotes_a_label(tmp_path: Path) -> None:
    cases = {
        "bad-dtstart.ics": f"DTSTART:{LABEL}\r\nSUMMARY:{LABEL}\r\n",
        "bad-dtend.ics": f"DTSTART:20261124T090000\r\nDTEND:2026{LABEL}\r\nSUMMARY:{LABEL}\r\n",
        "bad-tzid.ics": f"DTSTART;TZID={LABEL}:20261124T090000\r\nSUMMARY:{LABEL}\r\n",
        "bad-rrule.ics": f"DTSTART:20261124T090000\r\nRRULE:FREQ={LABEL}\r\nSUMMARY:{LABEL}\r\n",
        "bad-duration.ics": f"DTSTART:20261124T090000\r\nDURATION:{LABEL}\r\nSUMMARY:{LABEL}\r\n",
        # a part of the label, or another private property: not found by matching SUMMARY
        "part.ics": f"DTSTART:2026 Zelda\r\nSUMMARY:{LABEL}\r\n",
        "desc.ics": "DTSTART:Quixote\r\nSUMMARY:x\r\nDESCRIPTION:Quixote\r\n",
        "rrule-part.ics": f"DTSTART:20261124T090000\r\nRRULE:FREQ=Zelda\r\nSUMMARY:{LABEL}\r\n",
    }
    for name, event in cases.items():
        path = tmp_path / name
        path.write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
            + event
            + "END:VEVENT\r\nEND:VCALENDAR\r\n",
            encoding="utf-8",
        )
        try:
            message = _load_error(path)
        except pytest.fail.Exception:
            continue  # read without an error (an unknown zone may fall back): nothing quoted
        assert LABEL not in message, (name, message)
        assert "Zelda" not in message and "Quixote" not in message, (name, message)


def test_a_csv_error_never_quotes_a_label(tmp_path: Path) -> None:
    rows = {
        "label-in-date.csv": f"date,start,end,client\n{LABEL},09:00,09:50,{LABEL}\n",
        "label-in-start.csv": f"date,start,end,client\n2026-11-24,{LABEL},09:50,{LABEL}\n",
        "label-in-end.csv": f"date,start,end,client\n2026-11-24,09:00,{LABEL},{LABEL}\n",
        "label-in-heavy.csv": f"date,start,end,heavy,client\n2026-11-24,09:00,09:50,{LABEL},x\n",
        "label-in-duration.csv": f"date,start,duration,client\n2026-11-24,09:00,{LABEL},x\n",
    }
    for name, text in rows.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        message = _load_error(path)
        assert "Zelda" not in message and "Quixote" not in message, (name, message)


def test_a_toml_error_never_quotes_a_label(tmp_path: Path) -> None:
    cases = {
        "start.toml": f'[[session]]\nstart = "{LABEL}"\nlabel = "{LABEL}"\n',
        "end.toml": f'[[session]]\nstart = "09:00"\nend = "{LABEL}"\n',
        "date.toml": f'[[session]]\nstart = "09:00"\ndate = "{LABEL}"\n',
        "label.toml": f'[[session]]\nstart = "09:00"\nlabel = ["{LABEL}"]\n',
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        message = _load_error(path)
        assert "Zelda" not in message and "Quixote" not in message, (name, message)
