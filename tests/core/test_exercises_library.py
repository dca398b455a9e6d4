"""The exercise library: bundled files, user overrides, broken files, caching, templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from groundtui import paths
from groundtui.exercises import (
    FITS,
    KINDS,
    Exercise,
    Library,
    Step,
    check_file,
    check_paths,
    dump_exercise,
    editor_command,
    exercise_files,
    library_signature,
    load_exercise,
    load_library,
    prepare_edit,
    slugify,
    template,
)

BUNDLED = paths.bundled_exercises_dir()

REQUIRED = {
    "box-breathing": ("breathing", {"before_session", "short_gap"}),
    "resonance-breathing": ("breathing", {"short_gap", "long_gap"}),
    "cyclic-sighing": ("breathing", {"after_heavy", "short_gap"}),
    "breathing-4-7-8": ("breathing", {"before_session", "short_gap"}),
    "extended-exhale": ("breathing", {"after_session", "short_gap"}),
    "body-scan-3": ("body_scan", {"short_gap", "after_session"}),
    "body-scan-5": ("body_scan", {"long_gap"}),
    "pmr-short": ("movement", {"after_heavy", "indoors", "long_gap"}),
    "grounding-54321": ("grounding", {"after_heavy", "short_gap"}),
    "feet-on-floor": ("grounding", {"arrive", "before_session"}),
    "step-outside": ("step_outside", {"after_heavy", "outside"}),
    "stretch-reset": ("movement", {"after_heavy", "indoors"}),
    "loving-kindness": ("compassion", {"long_gap"}),
    "boundary-reset": ("grounding", {"after_session", "after_heavy"}),
    "check-in-60": ("reflection", {"short_gap", "after_session"}),
    "day-closing": ("reflection", {"end_of_day"}),
}

STEPS = '\n[[step]]\ntext = "a"\nseconds = {s}\n'


def stepped(name: str, seconds: int = 60, extra: str = "") -> str:
    return f'name = "{name}"\nkind = "grounding"\n{extra}' + STEPS.format(s=seconds)


def bump_mtime(path: Path) -> None:
    """Move a file's mtime forward by a second, so no test depends on clock resolution."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "bundled"
    folder.mkdir()
    (folder / "alpha.toml").write_text(stepped("Alpha"))
    (folder / "beta.toml").write_text(stepped("Beta", 30, 'fits = ["short_gap"]\n'))
    return folder


@pytest.fixture
def user(tmp_path: Path) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    return folder


# --------------------------------------------------------------------------- bundled files


def test_bundled_exercises_all_pass_check() -> None:
    files = exercise_files([BUNDLED])
    assert len(files) >= 15
    assert check_paths([BUNDLED]) == []


def test_bundled_exercises_load_with_sources() -> None:
    library = load_library(BUNDLED, Path("/nonexistent/groundtui-user"))
    assert library.problems == ()
    assert len(library) >= 15
    for exercise in library:
        assert exercise.source == "bundled"
        assert exercise.sources, f"{exercise.id} has no sources"
        assert exercise.summary and exercise.intro, exercise.id
        cue = {"changeover", "before_note"} & set(exercise.fits)  # short cues
        assert (15 if cue else 30) <= exercise.seconds <= 600, exercise.id
        assert exercise.min_seconds <= exercise.seconds


@pytest.mark.parametrize(("exercise_id", "expected"), sorted(REQUIRED.items()))
def test_required_bundled_ids(exercise_id: str, expected: tuple[str, set[str]]) -> None:
    library = load_library(BUNDLED, Path("/nonexistent/groundtui-user"))
    exercise = library.get(exercise_id)
    assert exercise is not None, exercise_id
    kind, fits = expected
    assert exercise.kind == kind
    assert fits <= set(exercise.fits)


def test_specific_bundled_shapes() -> None:
    library = load_library(BUNDLED, Path("/nonexistent/groundtui-user"))
    box = library.get("box-breathing")
    assert box is not None and box.pattern is not None
    assert [p.seconds for p in box.pattern.phases] == [4, 4, 4, 4]
    sigh = library.get("cyclic-sighing")
    assert sigh is not None and sigh.pattern is not None
    assert [p.name for p in sigh.pattern.phases] == ["inhale", "top_up", "exhale"]
    assert any("Balban" in s for s in sigh.sources)
    resonance = library.get("resonance-breathing")
    assert resonance is not None and resonance.pattern is not None
    assert 60 / resonance.pattern.cycle_seconds == pytest.approx(6)
    assert any("Lehrer" in s and "Gevirtz" in s for s in resonance.sources)
    feet = library.get("feet-on-floor")
    assert feet is not None and feet.min_seconds == 30 and feet.seconds == 45
    check_in = library.get("check-in-60")
    assert check_in is not None and check_in.seconds == 60 and check_in.min_seconds == 30
    outside = library.get("step-outside")
    assert outside is not None and outside.closing
    closing = library.get("day-closing")
    assert closing is not None and 240 <= closing.seconds <= 360


def test_bundled_exercises_round_trip_through_dump(tmp_path: Path) -> None:
    for exercise in load_library(BUNDLED, tmp_path / "none"):
        path = tmp_path / f"{exercise.id}.toml"
        path.write_text(dump_exercise(exercise), encoding="utf-8")
        assert load_exercise(path, source="bundled") == exercise


# --------------------------------------------------------------------------- library


def test_default_dirs_come_from_paths(config_dir: Path) -> None:
    user = config_dir / "exercises"
    user.mkdir()
    (user / "mine.toml").write_text(stepped("Mine"))
    library = load_library()
    assert library.get("mine") is not None and library.get("mine").source == "user"  # type: ignore[union-attr]
    assert library.get("box-breathing") is not None


def test_user_file_overrides_bundled_and_adds_new(bundled: Path, user: Path) -> None:
    (user / "alpha.toml").write_text(stepped("My alpha", 90))
    (user / "gamma.toml").write_text(stepped("Gamma"))
    library = load_library(bundled, user)
    assert library.ids == ("alpha", "beta", "gamma")
    alpha = library.get("alpha")
    assert alpha is not None
    assert (alpha.name, alpha.source, alpha.seconds) == ("My alpha", "user", 90)
    assert alpha.path == user / "alpha.toml"
    beta = library.get("beta")
    assert beta is not None and beta.source == "bundled"
    assert library.problems == ()


def test_override_by_explicit_id_in_another_file_name(bundled: Path, user: Path) -> None:
    (user / "my-version.toml").write_text('id = "beta"\n' + stepped("My beta"))
    library = load_library(bundled, user)
    beta = library.get("beta")
    assert beta is not None and beta.name == "My beta" and beta.source == "user"
    assert "my-version" not in library


def test_broken_user_file_is_skipped_and_reported(bundled: Path, user: Path) -> None:
    (user / "alpha.toml").write_text(stepped("Broken alpha", extra='seconds = "x"\n'))
    library = load_library(bundled, user)
    alpha = library.get("alpha")
    assert alpha is not None and alpha.source == "bundled"  # the bundled one stays
    assert library.problems
    first = library.problems[0]
    assert first.path == str(user / "alpha.toml")
    assert (first.line, first.col) == (3, 11)
    assert str(first).startswith(f"{user / 'alpha.toml'}:3:11: ")


def test_broken_toml_in_user_dir_never_raises(bundled: Path, user: Path) -> None:
    (user / "bad.toml").write_text("name = \n")
    (user / "latin.toml").write_bytes(b"name = '\xe9'\n")
    library = load_library(bundled, user)
    assert library.ids == ("alpha", "beta")
    assert sorted(Path(p.path or "").name for p in library.problems) == ["bad.toml", "latin.toml"]


def test_duplicate_ids_within_one_folder(bundled: Path, user: Path) -> None:
    (user / "a.toml").write_text('id = "same"\n' + stepped("First"))
    (user / "b.toml").write_text('id = "same"\n' + stepped("Second"))
    library = load_library(bundled, user)
    same = library.get("same")
    assert same is not None and same.name == "First"
    (problem,) = library.problems
    assert problem.path == str(user / "b.toml")
    assert (problem.line, problem.col) == (1, 6)
    assert problem.message == f"duplicate id 'same' (also in {user / 'a.toml'}:1)"


def test_missing_dirs_give_an_empty_library(tmp_path: Path) -> None:
    library = load_library(tmp_path / "no-bundled", tmp_path / "no-user")
    assert len(library) == 0 and library.problems == ()


def test_library_picks_up_edits(bundled: Path, user: Path) -> None:
    first = load_library(bundled, user)
    assert load_library(bundled, user) is first  # cached
    path = user / "gamma.toml"
    path.write_text(stepped("Gamma"))
    second = load_library(bundled, user)
    assert second is not first and "gamma" in second
    path.write_text(stepped("Gamma renamed"))
    bump_mtime(path)
    third = load_library(bundled, user)
    assert third.get("gamma").name == "Gamma renamed"  # type: ignore[union-attr]
    path.unlink()
    assert "gamma" not in load_library(bundled, user)


def test_library_signature_changes_with_files(bundled: Path, user: Path) -> None:
    before = library_signature(bundled, user)
    assert library_signature(bundled, user) == before
    (user / "new.toml").write_text(stepped("New"))
    after = library_signature(bundled, user)
    assert after != before
    bump_mtime(bundled / "alpha.toml")
    assert library_signature(bundled, user) != after


def test_by_kind_and_with_fit(bundled: Path, user: Path) -> None:
    (user / "breath.toml").write_text(
        'name = "B"\nkind = "breathing"\nfits = ["short_gap"]\n'
        "[pattern]\ninhale = 4\nexhale = 4\ncycles = 4\n"
    )
    library = load_library(bundled, user)
    assert [e.id for e in library.by_kind("grounding")] == ["alpha", "beta"]
    assert [e.id for e in library.by_kind("breathing")] == ["breath"]
    assert library.by_kind("compassion") == []
    assert [e.id for e in library.with_fit("short_gap")] == ["beta", "breath"]
    with pytest.raises(ValueError):
        library.by_kind("breath")
    with pytest.raises(ValueError):
        library.with_fit("short-gap")


def test_library_iterates_in_id_order() -> None:
    library = Library({"b": _ex("b"), "a": _ex("a"), "c": _ex("c")})
    assert [e.id for e in library] == ["a", "b", "c"]
    assert list(library.exercises) == ["a", "b", "c"]
    assert "a" in library and "z" not in library and len(library) == 3


def _ex(exercise_id: str) -> Exercise:
    return Exercise(exercise_id, exercise_id, "grounding", 10, steps=(Step("x", 10),))


# --------------------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", KINDS)
def test_template_passes_check_for_every_kind(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "my-exercise.toml"
    path.write_text(template('My "own" exercise', kind), encoding="utf-8")
    assert check_file(path) == []
    exercise = load_exercise(path)
    assert exercise.kind == kind
    assert exercise.name == 'My "own" exercise'
    assert set(exercise.fits) <= set(FITS)


def test_template_survives_odd_names(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_text(template("Line one\nline two \x07 [x] # y", "grounding"), encoding="utf-8")
    assert check_file(path) == []


def test_template_rejects_unknown_kind() -> None:
    with pytest.raises(Exception, match="did you mean 'breathing'"):
        template("x", "breathin")


def test_slugify() -> None:
    assert slugify("Box Breathing 2") == "box-breathing-2"
    assert slugify("  Café — à la carte! ") == "cafe-a-la-carte"
    assert slugify("!!!") == ""


# --------------------------------------------------------------------------- editing


def test_prepare_edit_copies_a_bundled_exercise(bundled: Path, user: Path) -> None:
    shutil.rmtree(user)
    path = prepare_edit("beta", bundled, user)
    assert path == user / "beta.toml"
    assert path.read_text().startswith("# Your own copy of the bundled exercise")
    assert check_file(path) == []
    library = load_library(bundled, user)
    assert library.get("beta").source == "user"  # type: ignore[union-attr]
    assert prepare_edit("beta", bundled, user) == path  # the copy is reused, not re-made


def test_prepare_edit_finds_user_files_even_when_broken(bundled: Path, user: Path) -> None:
    own = user / "mine.toml"
    own.write_text(stepped("Mine"))
    assert prepare_edit("mine", bundled, user) == own
    own.write_text("name = ")
    assert prepare_edit("mine", bundled, user) == own


def test_prepare_edit_unknown(bundled: Path, user: Path) -> None:
    with pytest.raises(Exception, match=r"unknown exercise 'alpah' \(did you mean 'alpha'\?\)"):
        prepare_edit("alpah", bundled, user)


def test_editor_command() -> None:
    assert editor_command({"VISUAL": "code -w", "EDITOR": "vim"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "'my editor' --wait"}) == ["my editor", "--wait"]
    fallback = editor_command({})
    assert Path(fallback[0]).name in ("nano", "vi")
