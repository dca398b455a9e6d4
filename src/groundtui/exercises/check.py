"""The exercise checker: every rule of the format, each problem at its line and column."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from groundtui.exercises.fields import (
    ID_RE,
    PATTERN_KEYS,
    STEP_KEYS,
    TOP_KEYS,
    Fields,
    slugify,
    where_in,
)
from groundtui.exercises.model import (
    DEFAULT_CUES,
    EPS,
    FITS,
    KINDS,
    MAX_SECONDS,
    PHASE_NAMES,
    SECONDS_TOLERANCE,
    Exercise,
    Kind,
    Pattern,
    Phase,
    Step,
    is_fit,
    is_kind,
)
from groundtui.tomlcheck import KeyPath, describe, did_you_mean, fmt_number


class Checker(Fields):
    """Validates one parsed exercise file, collecting every problem with its position."""

    def check_id(self) -> str | None:
        if "id" in self.data:
            value = self.text(self.data, (), "id")
            if value is None:
                return None
            if not ID_RE.match(value):
                suggestion = slugify(value)
                example = f" (e.g. '{suggestion}')" if suggestion else ""
                self.problem(
                    f"id '{value}' may only use lowercase letters, digits, '-' and '_'{example}",
                    ("id",),
                    value=True,
                )
                return None
            self.id_from_key = True
            return value
        stem = self.path.stem
        if not ID_RE.match(stem):
            suggestion = slugify(stem) or "my-exercise"
            self.problem(
                f"the file name '{stem}' cannot be an id: rename the file to "
                f"'{suggestion}.toml' or add id = \"{suggestion}\"",
                (),
            )
            return None
        return stem

    def check_kind(self) -> Kind | None:
        if "kind" not in self.data:
            self.missing("kind", (), f" (one of: {', '.join(KINDS)})")
            return None
        kind = self.text(self.data, (), "kind")
        if kind is None:
            return None
        if not is_kind(kind):
            self.problem(
                f"unknown kind '{kind}'{did_you_mean(kind, KINDS)} (one of: {', '.join(KINDS)})",
                ("kind",),
                value=True,
            )
            return None
        return kind

    def check_cues(self, pattern: Mapping[str, Any]) -> dict[str, str]:
        if "cues" not in pattern:
            return {}
        cues = pattern["cues"]
        at: KeyPath = ("pattern", "cues")
        if not isinstance(cues, dict):
            self.problem(
                f"cues must be a table [pattern.cues], got {describe(cues)}", at, value=True
            )
            return {}
        self.unknown_keys(cues, at, PHASE_NAMES)
        found: dict[str, str] = {}
        for name in PHASE_NAMES:
            text = self.text(cues, at, name)
            if text is not None:
                found[name] = text
        return found

    def check_pattern(self, seconds: float | None, seconds_given: bool) -> Pattern | None:
        if "pattern" not in self.data:
            self.problem(
                "a breathing exercise needs a [pattern] table (inhale, exhale, and cycles)", ()
            )
            return None
        raw = self.data["pattern"]
        at: KeyPath = ("pattern",)
        if not isinstance(raw, dict):
            self.problem(
                f"pattern must be a table: write [pattern] on its own line, then one part per "
                f"line; got {describe(raw)}",
                at,
                value=True,
            )
            return None
        self.unknown_keys(raw, at, PATTERN_KEYS)
        lengths: dict[str, float] = {}
        ok = True
        for name in PHASE_NAMES:
            required = name in ("inhale", "exhale")
            value = self.number(raw, at, name, required=required, zero_ok=not required)
            if value is not None:
                lengths[name] = value
            elif required or name in raw:
                ok = False
        cues = self.check_cues(raw)
        cycles: int | None = None
        if "cycles" in raw:
            value = raw["cycles"]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(
                    f"cycles must be a whole number of breaths, got {describe(value)}",
                    (*at, "cycles"),
                    value=True,
                )
                ok = False
            elif value < 1:
                self.problem(f"cycles must be at least 1, got {value}", (*at, "cycles"), value=True)
                ok = False
            else:
                cycles = value
        if not ok or (seconds_given and seconds is None):
            return None
        phases = tuple(
            Phase(name, lengths[name], cues.get(name, DEFAULT_CUES[name]))
            for name in PHASE_NAMES
            if lengths.get(name, 0.0) > 0
        )
        cycle = sum(p.seconds for p in phases)
        if cycles is None and seconds is None:
            self.problem(
                "say how long it lasts: cycles = 8 under [pattern], or seconds = 120 at the top",
                at,
            )
            return None
        cycles_given = cycles is not None
        if cycles is None:
            assert seconds is not None
            cycles = max(1, math.floor(seconds / cycle + 0.5)) if cycle <= MAX_SECONDS else 1
        total = _times(cycles, cycle)
        if total > MAX_SECONDS:
            where = ("seconds",) if "seconds" in self.data else (*at, "cycles")
            self.problem(_too_long(total), where, value=True)
            return None
        if cycles_given and seconds is not None and abs(seconds - total) > SECONDS_TOLERANCE:
            self.problem(
                f"seconds ({fmt_number(seconds)}) does not match its pattern "
                f"({cycles} cycles of {fmt_number(cycle)} s = {fmt_number(total)} s); "
                "give either cycles or seconds",
                ("seconds",),
                value=True,
            )
            return None
        return Pattern(phases, cycles)

    def check_steps(
        self, kind: str | None, seconds: float | None, seconds_given: bool
    ) -> tuple[Step, ...] | None:
        if "step" in self.data and "prompts" in self.data:
            self.problem("use either [[step]] or prompts, not both", ("prompts",))
            return None
        if "prompts" in self.data:
            return self.check_prompts(seconds, seconds_given)
        if "step" not in self.data:
            if kind is not None:
                self.problem(
                    f"a {kind} exercise needs at least one [[step]] with text and seconds", ()
                )
            return None
        raw = self.data["step"]
        if isinstance(raw, dict):
            self.problem(
                "write each step as [[step]] with double brackets, one per prompt", ("step",)
            )
            return None
        if not isinstance(raw, list):
            self.problem(
                f"step must be a list of [[step]] tables, got {describe(raw)}",
                ("step",),
                value=True,
            )
            return None
        if not raw:
            self.problem("there are no steps: add a [[step]] with text and seconds", ("step",))
            return None
        steps: list[Step] = []
        ok = True
        for i, item in enumerate(raw):
            at: KeyPath = ("step", i)
            if not isinstance(item, dict):
                self.problem(
                    f"step {i + 1} must be a table with text and seconds, got {describe(item)}",
                    at,
                    value=True,
                )
                ok = False
                continue
            self.unknown_keys(item, at, STEP_KEYS)
            text = self.text(item, at, "text", required=True)
            if text is not None and not text.strip():
                self.problem(f"text{where_in(at)} is empty", (*at, "text"), value=True)
                text = None
            step_seconds = self.number(item, at, "seconds", required=True)
            if text is None or step_seconds is None:
                ok = False
                continue
            steps.append(Step(text, step_seconds))
        if not ok:
            return None
        total = sum(s.seconds for s in steps)
        if total > MAX_SECONDS:
            self.problem(_too_long(total), ("seconds",) if seconds_given else ("step",), value=True)
            return None
        if seconds is not None and abs(seconds - total) > SECONDS_TOLERANCE:
            self.problem(
                f"seconds ({fmt_number(seconds)}) does not match its steps ({fmt_number(total)})",
                ("seconds",),
                value=True,
            )
            return None
        return tuple(steps)

    def check_prompts(self, seconds: float | None, seconds_given: bool) -> tuple[Step, ...] | None:
        raw = self.data["prompts"]
        if not isinstance(raw, list):
            self.problem(
                f'prompts must be a list, e.g. prompts = ["...", "..."], got {describe(raw)}',
                ("prompts",),
                value=True,
            )
            return None
        if not raw:
            self.problem("prompts is empty: add at least one", ("prompts",), value=True)
            return None
        texts: list[str] = []
        for i, item in enumerate(raw):
            if not isinstance(item, str) or not item.strip():
                got = "empty text" if isinstance(item, str) else describe(item)
                self.problem(
                    f"prompts item {i + 1} must be text in quotes, got {got}",
                    ("prompts", i),
                    value=True,
                )
            else:
                texts.append(item)
        if len(texts) != len(raw):
            return None
        if not seconds_given:
            self.problem(
                "prompts need seconds at the top (the time is shared equally between them)",
                ("prompts",),
            )
            return None
        if seconds is None:
            return None
        return tuple(Step(text, seconds / len(texts)) for text in texts)

    def run(self) -> Exercise | None:
        data = self.data
        self.unknown_keys(data, (), TOP_KEYS)
        self.id = self.check_id()
        name = self.text(data, (), "name", required=True)
        if name is not None and not name.strip():
            self.problem("name is empty", ("name",), value=True)
        kind = self.check_kind()
        summary = self.text(data, (), "summary")
        intro = self.text(data, (), "intro")
        closing = self.text(data, (), "closing")
        fits = tuple(fit for fit in self.text_list("fits", FITS) if is_fit(fit))
        sources = self.text_list("sources")
        seconds = self.number(data, (), "seconds")
        min_seconds = self.number(data, (), "min_seconds")

        pattern: Pattern | None = None
        steps: tuple[Step, ...] | None = None
        total: float | None = None
        if kind == "breathing" or (kind is None and "pattern" in data):
            for key in ("step", "prompts"):
                if key in data and kind == "breathing":
                    self.problem(
                        f"a breathing exercise uses [pattern], not {key}; "
                        "change kind or remove the steps",
                        (key,),
                    )
            pattern = self.check_pattern(seconds, "seconds" in data)
            total = pattern.seconds if pattern is not None else None
        else:
            if "pattern" in data and kind is not None:
                self.problem(
                    f"[pattern] is only for breathing exercises; a {kind} exercise uses [[step]]",
                    ("pattern",),
                )
            steps = self.check_steps(kind, seconds, "seconds" in data)
            total = sum(s.seconds for s in steps) if steps else None

        if total is not None and total > MAX_SECONDS:  # prompts: seconds is given
            self.problem(_too_long(total), ("seconds",), value=True)
        if min_seconds is not None and total is not None and min_seconds > total + EPS:
            self.problem(
                f"min_seconds ({fmt_number(min_seconds)}) is longer than the exercise itself "
                f"({fmt_number(round(total, 1))})",
                ("min_seconds",),
                value=True,
            )
        if self.problems:
            return None
        assert self.id is not None and name is not None and kind is not None
        assert total is not None
        return Exercise(
            id=self.id,
            name=name,
            kind=kind,
            seconds=total,
            summary=summary or "",
            fits=fits,
            sources=sources,
            pattern=pattern,
            steps=steps or (),
            intro=intro or "",
            closing=closing or "",
            min_seconds=min_seconds if min_seconds is not None else min(60.0, total),
            path=self.path,
            source=self.source,
        )


def _times(cycles: int, cycle: float) -> float:
    """``cycles * cycle``, infinite where it overflows (cycles may have hundreds of digits)."""
    try:
        return cycles * cycle
    except OverflowError:
        return math.inf


def _too_long(total: float) -> str:
    if total < 1e9:
        return f"it lasts {fmt_number(round(total))} seconds, more than an hour"
    return "it lasts far more than an hour"
