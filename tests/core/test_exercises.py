"""Exercise files: every validation rule, each problem at its exact line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from groundtui.errors import ExerciseError
from groundtui.exercises import (
    DEFAULT_CUES,
    TomlLocator,
    check_file,
    check_paths,
    load_exercise,
)

BREATHING_HEAD = """\
name = "Test breath"
kind = "breathing"
"""

STEPPED_HEAD = """\
name = "Test steps"
kind = "grounding"
"""


def write(tmp_path: Path, text: str, name: str = "ex.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, name: str = "ex.toml") -> list[tuple[int, int, str]]:
    """(line, col, message) of every problem, in order."""
    found = check_file(write(tmp_path, text, name))
    for err in found:
        assert err.path is not None and err.path.endswith(name)
        assert err.line is not None and err.col is not None
    return [(err.line, err.col, err.message) for err in found]  # type: ignore[misc]


# --------------------------------------------------------------------------- valid files


def test_breathing_file_loads_with_phases_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        BREATHING_HEAD
        + """\
        summary = "Sum"
        fits = ["short_gap", "before_session"]
        sources = ["A (2020). B."]
        [pattern]
        hold_after = 2
        exhale = 6
        hold = 0
        inhale = 4.5
        top_up = 1
        cycles = 3
        """,
        "my-breath.toml",
    )
    ex = load_exercise(path)
    assert ex.id == "my-breath"
    assert ex.kind == "breathing"
    assert ex.source == "user"
    assert ex.path == path
    assert ex.pattern is not None
    assert [p.name for p in ex.pattern.phases] == ["inhale", "top_up", "exhale", "hold_after"]
    assert [p.seconds for p in ex.pattern.phases] == [4.5, 1.0, 6.0, 2.0]
    assert ex.pattern.phases[0].cue == DEFAULT_CUES["inhale"]
    assert ex.pattern.cycles == 3
    assert ex.seconds == pytest.approx(3 * 13.5)
    assert ex.fits == ("short_gap", "before_session")
    assert ex.sources == ("A (2020). B.",)
    assert ex.steps == ()
    assert ex.min_seconds == 40.5  # shorter than 60: the whole exercise


def test_custom_cues(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        BREATHING_HEAD
        + """\
        [pattern]
        inhale = 4
        exhale = 4
        cycles = 2
        [pattern.cues]
        inhale = "In through the nose"
        """,
    )
    ex = load_exercise(path)
    assert ex.pattern is not None
    assert ex.pattern.phases[0].cue == "In through the nose"
    assert ex.pattern.phases[1].cue == DEFAULT_CUES["exhale"]


def test_cycles_follow_from_seconds_rounded_to_nearest(tmp_path: Path) -> None:
    # 19 s cycle: 120 / 19 = 6.3 -> 6 cycles = 114 s
    path = write(
        tmp_path,
        BREATHING_HEAD + "seconds = 120\n[pattern]\ninhale = 4\nhold = 7\nexhale = 8\n",
    )
    ex = load_exercise(path)
    assert ex.pattern is not None and ex.pattern.cycles == 6
    assert ex.seconds == 114


def test_seconds_shorter_than_a_cycle_gives_one_cycle(tmp_path: Path) -> None:
    path = write(tmp_path, BREATHING_HEAD + "seconds = 3\n[pattern]\ninhale = 4\nexhale = 4\n")
    ex = load_exercise(path)
    assert ex.pattern is not None and ex.pattern.cycles == 1
    assert ex.seconds == 8


def test_seconds_matching_cycles_within_one_second_is_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path, BREATHING_HEAD + "seconds = 97\n[pattern]\ninhale = 8\nexhale = 8\ncycles = 6\n"
    )
    assert load_exercise(path).seconds == 96


def test_stepped_file_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        STEPPED_HEAD
        + """\
        id = "custom-id"
        seconds = 30.5
        closing = "Back in."
        min_seconds = 20
        [[step]]
        text = "One"
        seconds = 10
        [[step]]
        text = "Two"
        seconds = 20
        """,
    )
    ex = load_exercise(path)
    assert ex.id == "custom-id"
    assert [(s.text, s.seconds) for s in ex.steps] == [("One", 10.0), ("Two", 20.0)]
    assert ex.seconds == 30  # the steps' sum, not the stated 30.5
    assert ex.closing == "Back in."
    assert ex.min_seconds == 20
    assert ex.pattern is None


def test_prompts_share_seconds_equally(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'name = "Out"\nkind = "step_outside"\nseconds = 120\n'
        'prompts = ["Go out", "Look far", "Come back"]\n',
    )
    ex = load_exercise(path)
    assert [s.seconds for s in ex.steps] == [40, 40, 40]
    assert [s.text for s in ex.steps] == ["Go out", "Look far", "Come back"]


def test_inline_tables_and_dotted_keys_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        BREATHING_HEAD + "pattern.inhale = 3\npattern.exhale = 3\npattern.cycles = 2\n",
    )
    assert load_exercise(path).seconds == 12
    path = write(
        tmp_path,
        STEPPED_HEAD + 'step = [{text = "a", seconds = 5}, {text = "b", seconds = 5}]\n',
    )
    assert load_exercise(path).seconds == 10


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(
        ("\ufeff" + BREATHING_HEAD + "[pattern]\ninhale=1\nexhale=1\ncycles=1\n").encode()
    )
    assert load_exercise(path).seconds == 2


def test_min_seconds_defaults_to_60(tmp_path: Path) -> None:
    path = write(tmp_path, BREATHING_HEAD + "[pattern]\ninhale = 5\nexhale = 5\ncycles = 30\n")
    assert load_exercise(path).min_seconds == 60


# --------------------------------------------------------------------------- the bad sample


def test_bad_sample_gives_line_accurate_problems(samples: Path) -> None:
    path = samples / "bad" / "exercise_bad_values.toml"
    found = check_file(path)
    assert [(e.line, e.col, e.message) for e in found] == [
        (1, 1, "missing key 'name'"),
        (3, 11, 'seconds must be a number, got text "ten"'),
        (4, 1, "missing key 'exhale' in [pattern]"),
        (5, 10, "inhale in [pattern] must be more than 0, got -4"),
    ]
    assert all(e.path == str(path) for e in found)
    assert str(found[1]) == f'{path}:3:11: seconds must be a number, got text "ten"'


def test_load_exercise_raises_the_first_problem(samples: Path) -> None:
    path = samples / "bad" / "exercise_bad_values.toml"
    with pytest.raises(ExerciseError) as info:
        load_exercise(path)
    assert (info.value.line, info.value.col) == (1, 1)
    assert "missing key 'name'" in str(info.value)


# --------------------------------------------------------------------------- each rule


def test_unknown_key_in_pattern_with_did_you_mean(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "[pattern]\ninhail = 4\ninhale = 4\nexhale = 4\ncycles = 2\n"
    assert problems(tmp_path, text) == [(4, 1, "unknown key 'inhail' (did you mean 'inhale'?)")]


def test_unknown_key_at_the_top_with_did_you_mean(tmp_path: Path) -> None:
    text = STEPPED_HEAD + '  sumary = "x"\n[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [(3, 3, "unknown key 'sumary' (did you mean 'summary'?)")]


def test_unknown_key_without_a_close_match(tmp_path: Path) -> None:
    text = STEPPED_HEAD + 'colour = "blue"\n[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [(3, 1, "unknown key 'colour'")]


def test_phase_key_at_the_top_says_where_it_belongs(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "hold = 4\n[pattern]\ninhale = 4\nexhale = 4\ncycles = 1\n"
    assert problems(tmp_path, text) == [(3, 1, "unknown key 'hold' (it belongs under [pattern])")]


def test_unknown_key_in_the_third_step(tmp_path: Path) -> None:
    text = (
        STEPPED_HEAD
        + "".join(f'\n[[step]]\ntext = "s{i}"\nseconds = 5\n' for i in range(2))
        + '\n[[step]]\ntxt = "s3"\ntext = "s3"\nseconds = 5\n'
    )
    # lines: 1-2 head, 3 blank, 4 [[step]], ..., 8 [[step]], ..., 12 [[step]], 13 txt
    assert problems(tmp_path, text) == [(13, 1, "unknown key 'txt' (did you mean 'text'?)")]


def test_unknown_key_in_cues(tmp_path: Path) -> None:
    text = BREATHING_HEAD + (
        '[pattern]\ninhale = 4\nexhale = 4\ncycles = 1\n[pattern.cues]\nexale = "out"\n'
    )
    assert problems(tmp_path, text) == [(8, 1, "unknown key 'exale' (did you mean 'exhale'?)")]


def test_missing_name_and_kind(tmp_path: Path) -> None:
    text = '\n\nsummary = "x"\n[[step]]\ntext = "a"\nseconds = 5\n'
    found = problems(tmp_path, text)
    assert found == [
        (1, 1, "missing key 'name'"),
        (
            1,
            1,
            "missing key 'kind' (one of: breathing, body_scan, step_outside, grounding, "
            "reflection, movement, compassion)",
        ),
    ]


def test_empty_name(tmp_path: Path) -> None:
    text = 'name = "  "\nkind = "grounding"\n[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [(1, 8, "name is empty")]


def test_unknown_kind_with_did_you_mean(tmp_path: Path) -> None:
    text = 'name = "x"\nkind = "breathin"\n'
    ((line, col, message),) = problems(tmp_path, text)
    assert (line, col) == (2, 8)
    assert message.startswith("unknown kind 'breathin' (did you mean 'breathing'?)")


def test_wrong_types_point_at_the_value(tmp_path: Path) -> None:
    text = (
        "name = 5\n"
        'kind = "grounding"\n'
        "intro = true\n"
        'fits = "short_gap"\n'
        'sources = ["ok", 3]\n'
        '[[step]]\ntext = "a"\nseconds = "5"\n'
    )
    assert problems(tmp_path, text) == [
        (1, 8, "name must be text in quotes, got the number 5"),
        (3, 9, "intro must be text in quotes, got true (a yes/no value)"),
        (
            4,
            8,
            'fits must be a list in square brackets, e.g. fits = ["..."], got text "short_gap"',
        ),
        (5, 18, "sources item 2 must be text in quotes, got the number 3"),
        (8, 11, 'seconds in step 1 must be a number, got text "5"'),
    ]


def test_unknown_fit_with_did_you_mean(tmp_path: Path) -> None:
    text = STEPPED_HEAD + 'fits = ["short_gap", "short-gap"]\n[[step]]\ntext = "a"\nseconds = 5\n'
    ((line, col, message),) = problems(tmp_path, text)
    assert (line, col) == (3, 22)
    assert message.startswith("unknown fit 'short-gap' (did you mean 'short_gap'?)")


def test_negative_and_zero_durations(tmp_path: Path) -> None:
    text = BREATHING_HEAD + (
        "[pattern]\ninhale = 4\nhold = -1\nexhale = 0\nhold_after = 0\ntop_up = 0\ncycles = 2\n"
    )
    assert problems(tmp_path, text) == [
        (5, 8, "hold in [pattern] cannot be negative, got -1 (use 0 to leave it out)"),
        (6, 10, "exhale in [pattern] must be more than 0, got 0"),
    ]


def test_not_a_finite_number(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "[pattern]\ninhale = nan\nexhale = inf\ncycles = 2\n"
    assert problems(tmp_path, text) == [
        (4, 10, "inhale in [pattern] must be a finite number, got nan"),
        (5, 10, "exhale in [pattern] must be a finite number, got inf"),
    ]


def test_bad_cycles(tmp_path: Path) -> None:
    base = BREATHING_HEAD + "[pattern]\ninhale = 4\nexhale = 4\n"
    assert problems(tmp_path, base + "cycles = 2.5\n") == [
        (6, 10, "cycles must be a whole number of breaths, got the number 2.5")
    ]
    assert problems(tmp_path, base + "cycles = 0\n") == [
        (6, 10, "cycles must be at least 1, got 0")
    ]
    assert load_exercise(write(tmp_path, base + "cycles = 3.0\n")).seconds == 24


def test_neither_cycles_nor_seconds(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "\n[pattern]\ninhale = 4\nexhale = 4\n"
    assert problems(tmp_path, text) == [
        (4, 1, "say how long it lasts: cycles = 8 under [pattern], or seconds = 120 at the top")
    ]


def test_seconds_not_matching_cycles(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "seconds = 120\n[pattern]\ninhale = 8\nexhale = 8\ncycles = 8\n"
    assert problems(tmp_path, text) == [
        (
            3,
            11,
            "seconds (120) does not match its pattern (8 cycles of 16 s = 128 s); "
            "give either cycles or seconds",
        )
    ]


def test_seconds_not_matching_steps(tmp_path: Path) -> None:
    text = STEPPED_HEAD + 'seconds = 120\n[[step]]\ntext = "a"\nseconds = 95\n'
    assert problems(tmp_path, text) == [(3, 11, "seconds (120) does not match its steps (95)")]


def test_missing_pattern(tmp_path: Path) -> None:
    assert problems(tmp_path, BREATHING_HEAD) == [
        (1, 1, "a breathing exercise needs a [pattern] table (inhale, exhale, and cycles)")
    ]


def test_pattern_must_be_a_table(tmp_path: Path) -> None:
    ((line, col, message),) = problems(tmp_path, BREATHING_HEAD + "pattern = 4\n")
    assert (line, col) == (3, 11)
    assert message.startswith("pattern must be a table")


def test_breathing_with_steps_and_stepped_with_pattern(tmp_path: Path) -> None:
    text = BREATHING_HEAD + (
        '[pattern]\ninhale = 4\nexhale = 4\ncycles = 2\n[[step]]\ntext = "a"\nseconds = 5\n'
    )
    assert problems(tmp_path, text) == [
        (
            7,
            1,
            "a breathing exercise uses [pattern], not step; change kind or remove the steps",
        )
    ]
    text = STEPPED_HEAD + '[pattern]\ninhale = 4\n[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [
        (3, 1, "[pattern] is only for breathing exercises; a grounding exercise uses [[step]]")
    ]


def test_no_steps(tmp_path: Path) -> None:
    assert problems(tmp_path, STEPPED_HEAD) == [
        (1, 1, "a grounding exercise needs at least one [[step]] with text and seconds")
    ]
    assert problems(tmp_path, STEPPED_HEAD + "step = []\n") == [
        (3, 1, "there are no steps: add a [[step]] with text and seconds")
    ]


def test_single_bracket_step(tmp_path: Path) -> None:
    text = STEPPED_HEAD + '[step]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [
        (3, 1, "write each step as [[step]] with double brackets, one per prompt")
    ]


def test_step_problems(tmp_path: Path) -> None:
    text = STEPPED_HEAD + (
        '[[step]]\ntext = ""\nseconds = 5\n'  # 3-5
        "[[step]]\nseconds = 0\n"  # 6-7
        '[[step]]\ntext = "ok"\n'  # 8-9
    )
    assert problems(tmp_path, text) == [
        (4, 8, "text in step 1 is empty"),
        (6, 1, "missing key 'text' in step 2"),
        (7, 11, "seconds in step 2 must be more than 0, got 0"),
        (8, 1, "missing key 'seconds' in step 3"),
    ]


def test_step_item_not_a_table(tmp_path: Path) -> None:
    text = STEPPED_HEAD + 'step = [{text = "a", seconds = 5}, "b"]\n'
    assert problems(tmp_path, text) == [
        (3, 36, 'step 2 must be a table with text and seconds, got text "b"')
    ]


def test_prompt_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, STEPPED_HEAD + 'prompts = ["a"]\n') == [
        (3, 1, "prompts need seconds at the top (the time is shared equally between them)")
    ]
    text = STEPPED_HEAD + 'seconds = 10\nprompts = ["a"]\n[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, text) == [(4, 1, "use either [[step]] or prompts, not both")]
    assert problems(tmp_path, STEPPED_HEAD + "seconds = 10\nprompts = []\n") == [
        (4, 11, "prompts is empty: add at least one")
    ]


def test_min_seconds_longer_than_the_exercise(tmp_path: Path) -> None:
    text = STEPPED_HEAD + 'min_seconds = 300\n[[step]]\ntext = "a"\nseconds = 120\n'
    assert problems(tmp_path, text) == [
        (3, 15, "min_seconds (300) is longer than the exercise itself (120)")
    ]


def test_longer_than_an_hour(tmp_path: Path) -> None:
    text = BREATHING_HEAD + "[pattern]\ninhale = 30\nexhale = 30\ncycles = 61\n"
    assert problems(tmp_path, text) == [(6, 10, "it lasts 3660 seconds, more than an hour")]


def test_id_rules(tmp_path: Path) -> None:
    body = STEPPED_HEAD + '[[step]]\ntext = "a"\nseconds = 5\n'
    assert problems(tmp_path, 'id = "Box Breath"\n' + body) == [
        (
            1,
            6,
            "id 'Box Breath' may only use lowercase letters, digits, '-' and '_' "
            "(e.g. 'box-breath')",
        )
    ]
    assert problems(tmp_path, body, "My Breath.toml") == [
        (
            1,
            1,
            "the file name 'My Breath' cannot be an id: rename the file to 'my-breath.toml' "
            'or add id = "my-breath"',
        )
    ]
    assert check_file(write(tmp_path, 'id = "ok"\n' + body, "My Breath.toml")) == []


def test_syntax_error_is_one_problem_at_tomllibs_position(tmp_path: Path) -> None:
    text = 'name = "x"\nkind = "grounding"\nseconds = = 4\n'
    ((line, col, message),) = problems(tmp_path, text)
    assert (line, col) == (3, 11)
    assert message == "Invalid value"


def test_syntax_error_at_end_of_document(tmp_path: Path) -> None:
    ((line, col, message),) = problems(tmp_path, 'name = "x"\nkind =')
    assert (line, col) == (2, 7)
    assert message == "Invalid value"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'name = "x"\nsummary = "caf\xe9"\n')
    ((err),) = check_file(path)
    assert (err.line, err.col) == (2, 15)
    assert "UTF-8" in err.message


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    ((err),) = check_file(tmp_path / "nope.toml")
    assert err.message.startswith("cannot read")
    assert (err.line, err.col) == (1, 1)


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    assert len(check_file(path)) == 1


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = 'kind = "nope"\nfits = ["x"]\nseconds = -1\nfoo = 1\n'
    assert len(problems(tmp_path, text)) == 5


# --------------------------------------------------------------------------- check_paths


def test_check_paths_finds_duplicate_ids(tmp_path: Path) -> None:
    body = STEPPED_HEAD + '[[step]]\ntext = "a"\nseconds = 5\n'
    a = write(tmp_path, body, "same.toml")
    sub = tmp_path / "sub"
    sub.mkdir()
    b = write(sub, '\nid = "same"\n' + body, "other.toml")
    found = check_paths([a, sub])
    assert [(e.path, e.line, e.col, e.message) for e in found] == [
        (str(b), 2, 6, f"duplicate id 'same' (also in {a}:1)")
    ]


def test_check_paths_reports_missing_paths_and_skips_non_toml(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not an exercise")
    (tmp_path / ".hidden.toml").write_text("broken =")
    found = check_paths([tmp_path, tmp_path / "missing.toml"])
    assert [e.message for e in found] == ["no such file or folder"]


def test_check_paths_does_not_check_a_file_twice(tmp_path: Path) -> None:
    path = write(tmp_path, STEPPED_HEAD + '[[step]]\ntext = "a"\nseconds = 5\n', "a.toml")
    assert check_paths([path, tmp_path]) == []


# --------------------------------------------------------------------------- locator


def test_locator_positions() -> None:
    text = textwrap.dedent(
        """\
        a = 1
        "quoted key" = 'x'   # comment
        b.c = [1, [2, 3], {d = 4}]
        s = \"\"\"
        [not-a-table]
        x = 1\"\"\"
        [t]
          e = 5
        [[arr]]
        f = 6
        [[arr]]
        f = 7
        [arr.sub]
        g = 8
        """
    )
    where = TomlLocator(text)
    assert where.key(("a",)) == (1, 1)
    assert where.value(("a",)) == (1, 5)
    assert where.key(("quoted key",)) == (2, 1)
    assert where.key(("b",)) == (3, 1)
    assert where.key(("b", "c")) == (3, 3)
    assert where.value(("b", "c", 1, 0)) == (3, 12)
    assert where.key(("b", "c", 2, "d")) == (3, 20)
    assert ("not-a-table",) not in where.spots
    assert where.key(("t",)) == (7, 1)
    assert where.key(("t", "e")) == (8, 3)
    assert where.key(("arr", 0)) == (9, 1)
    assert where.key(("arr", 1, "f")) == (12, 1)
    assert where.key(("arr", 1, "sub", "g")) == (14, 1)
    assert where.key(("arr", 1, "sub", "missing")) == (13, 1)
    assert where.key(("nothing",)) == (1, 1)


def test_locator_handles_tricky_strings_and_inline_values() -> None:
    text = (
        'a = """x""""\n'
        "b = '''y''\n"
        "'''\n"
        '"c.d" . e = 1979-05-27 07:32:00Z\n'
        "f = [ # comment ]\n"
        "  1,\n"
        '  "]",\n'
        "]\n"
        'g = { h = { i = 1 }, "j k" = [ { l = 2 } ] }\n'
        '[ "q" . r ]\n'
        "s = 'lit'\n"
        "[[ t ]]\n"
        "[[t]]\n"
        "u = 1\n"
    )
    where = TomlLocator(text)
    assert where.key(("b",)) == (2, 1)
    assert where.key(("c.d", "e")) == (4, 9)
    assert where.value(("c.d", "e")) == (4, 13)
    assert where.value(("f", 1)) == (7, 3)
    assert where.key(("g", "j k", 0, "l")) == (9, 34)
    assert where.key(("q", "r", "s")) == (11, 1)
    assert where.key(("t", 1, "u")) == (14, 1)
    assert where.key(("t", 0)) == (12, 1)
