"""Support sessions are found by whole keywords in the label, in any case."""

from __future__ import annotations

from datetime import datetime

import pytest

from groundtui.config import ReflectSettings
from groundtui.reflect.support import is_support
from groundtui.schedule.model import Session

KEYWORDS = ReflectSettings().support_keywords
T = datetime(2026, 11, 24, 9)


def session(label: str | None) -> Session:
    return Session(T, T, label=label)


@pytest.mark.parametrize(
    "label",
    [
        "Peer supervision",
        "SUPERVISION (group)",
        "Consultation call",
        "peer  group",
        "Monthly case conference",
        "Case-conference prep: consultation",
    ],
)
def test_support_labels(label: str) -> None:
    assert is_support(session(label), KEYWORDS)


@pytest.mark.parametrize(
    "label", [None, "", "J.D.", "Supervisions", "unsupervised play therapy", "Peer groupwork"]
)
def test_client_labels(label: str | None) -> None:
    assert not is_support(session(label), KEYWORDS)


def test_keywords_are_configurable() -> None:
    assert is_support(session("Balint group"), ["balint"])
    assert not is_support(session("Peer supervision"), ["balint", "  "])
