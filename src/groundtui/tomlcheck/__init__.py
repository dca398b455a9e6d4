"""One toolkit for every TOML file groundtui checks: exercises, schedule.toml, config.toml.

``load_toml`` reads and parses a file (or text) and never raises anything but the caller's
GroundError, with the line and column (see ``load`` for the guards against hostile files).
``TomlDoc.where`` finds the line and column of any key path (``locate``), and ``did_you_mean``,
``describe`` and ``number_problem`` word the messages the same way in every file (``words``).
"""

from __future__ import annotations

from groundtui.tomlcheck.load import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_KEY_PARTS,
    TomlDoc,
    load_toml,
    looks_like_toml,
    parse,
    read_text,
)
from groundtui.tomlcheck.locate import KeyPath, Spot, TomlLocator
from groundtui.tomlcheck.words import describe, did_you_mean, fmt_number, number, number_problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_KEY_PARTS",
    "KeyPath",
    "Spot",
    "TomlDoc",
    "TomlLocator",
    "describe",
    "did_you_mean",
    "fmt_number",
    "load_toml",
    "looks_like_toml",
    "number",
    "number_problem",
    "parse",
    "read_text",
]
