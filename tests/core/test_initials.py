"""Initials mode: at most two letters, from the first two words, with dots."""

from __future__ import annotations

import pytest

from groundtui.ui.text import initials


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Maria Rodriguez Teresa P.", "M.R."),
        ("Peer supervision", "P.S."),
        ("Intake - M.R.", "I.M."),
        ("alice", "A."),
        ("Łukasz Żak", "Ł.Ż."),
        ("1234", "·"),
        ("", "·"),
    ],
)
def test_initials_are_two_letters_with_dots(label: str, shown: str) -> None:
    assert initials(label) == shown
