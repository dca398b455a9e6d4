"""No import cycles between groundtui modules, counting imports inside functions.

A cycle hidden in a function-level import still ties the modules together: one cannot be read,
tested or moved without the other, and the import order decides what works. The CLI imports the
commands and the UI door (``launch``); the core (``options`` and below) imports none of them.
"""

from __future__ import annotations

from module_graph import cycle_path, cycles, graph, imports, modules, resolve


def test_no_import_cycles() -> None:
    edges = graph()
    found = cycles(edges)
    message = "\n\n".join(
        f"cycle among {', '.join(c)}:\n  " + "\n  ".join(cycle_path(edges, c)) for c in found
    )
    assert not found, message


def test_nothing_imports_the_cli() -> None:
    edges = graph()
    importers = sorted(m for m, targets in edges.items() if "groundtui.cli" in targets)
    assert importers == ["groundtui.__main__"]


def test_only_the_cli_opens_the_ui_door() -> None:
    edges = graph()
    importers = sorted(m for m, targets in edges.items() if "groundtui.launch" in targets)
    assert importers == ["groundtui.cli"]


def test_the_graph_sees_imports_inside_functions() -> None:
    """The walker itself: a function-level import counts, a TYPE_CHECKING one does not, and a
    relative one is resolved."""
    mods = modules()
    cli = {i.module for i in imports("groundtui.cli", mods["groundtui.cli"])}
    assert "groundtui.launch.launch_tui" in cli  # imported inside cmd_tui
    edges = graph()
    assert "groundtui.ui.app" in edges["groundtui.launch"]  # inside make_app
    assert "groundtui.schedule.combined" not in edges["groundtui.options"]  # TYPE_CHECKING only
    assert resolve("groundtui.ui.app", False, 1, "messages") == "groundtui.ui.messages"
    assert resolve("groundtui.ui", True, 1, "app") == "groundtui.ui.app"
    assert resolve("groundtui.ui.screens.log", False, 2, None) == "groundtui.ui"


def test_the_walker_finds_a_planted_cycle() -> None:
    edges = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycle_path(edges, ["a", "b", "c"]) == [
        "a (line 1) -> b",
        "b (line 2) -> c",
        "c (line 3) -> a",
    ]
