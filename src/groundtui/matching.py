"""Which open slot each logged record fills: the one rule the app's tracker, ``status`` and the
cached status path share. Generic over slots and records; imports nothing."""

from __future__ import annotations

TYPE_CHECKING = False  # importing typing would cost the cached status line 5+ ms
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import TypeVar

    S = TypeVar("S")
    R = TypeVar("R")


def match_logged(
    slots: Sequence[S],
    records: Iterable[R],
    *,
    in_place: Callable[[S, R], bool],
    exercise_of: Callable[[S], str],
    counted: Callable[[S], bool],
) -> list[tuple[R, S]]:
    """Which open slot each logged record fills, as a restart sees the day (the app and the
    status line both ask). A record takes the slot of the same exercise in its place; failing
    that (another exercise was taken with `n` or the palette), the first counted slot still
    open there. A record that fits nowhere fills nothing."""
    taken: set[int] = set()
    pairs: list[tuple[R, S]] = []

    def fill(record: R, wanted: Callable[[S], bool]) -> bool:
        for slot in slots:
            if id(slot) not in taken and in_place(slot, record) and wanted(slot):
                taken.add(id(slot))
                pairs.append((record, slot))
                return True
        return False

    def same_exercise(record: R) -> Callable[[S], bool]:
        wanted = _exercise_of(record)
        return lambda slot: exercise_of(slot) == wanted

    leftovers = [r for r in records if not fill(r, same_exercise(r))]
    for record in leftovers:
        fill(record, counted)
    return pairs


def _exercise_of(record: object) -> str | None:
    exercise = getattr(record, "exercise", None)
    return None if exercise is None else str(exercise)
