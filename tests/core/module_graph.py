"""groundtui's modules and the imports between them, read from the source (no import runs).

Every ``import`` counts, at any depth (inside functions, methods, ``try``), with relative imports
resolved; imports under ``if TYPE_CHECKING:`` are skipped, as they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import groundtui

PACKAGE = "groundtui"
SRC = Path(groundtui.__file__).parent


@dataclass(frozen=True)
class Import:
    """One import statement's target, as written and resolved."""

    module: str
    """The imported module or, for ``from m import name``, ``m.name``."""
    line: int


def modules() -> dict[str, Path]:
    """Every groundtui module by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = (PACKAGE, *path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module a (maybe relative) ``from ... import`` names."""
    if not level:
        return name or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, name] if name else parts)


def imports(module: str, path: Path) -> Iterator[Import]:
    """Every import in one module that runs at some point (TYPE_CHECKING blocks skipped)."""
    is_package = path.name == "__init__.py"

    def walk(node: ast.AST) -> Iterator[Import]:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                yield from walk(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(module, is_package, node.level, node.module)
            for alias in node.names:
                yield Import(f"{base}.{alias.name}", node.lineno)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.JoinedStr | ast.Constant)
        ):
            # importlib.import_module(f"groundtui.log.{name}"): the constant prefix's package
            arg = node.args[0]
            text = arg.value if isinstance(arg, ast.Constant) else ""
            if isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                text = str(arg.values[0].value).rstrip(".")
            if isinstance(text, str) and text:
                yield Import(text, node.lineno)
        for child in ast.iter_child_nodes(node):
            yield from walk(child)

    yield from walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))


def graph() -> dict[str, dict[str, int]]:
    """module -> {imported groundtui module: first line}; a name imported from a module (not a
    submodule) counts as that module."""
    mods = modules()
    edges: dict[str, dict[str, int]] = {m: {} for m in mods}
    for module, path in mods.items():
        for imp in imports(module, path):
            target = imp.module
            while target and target not in mods:
                target = target.rpartition(".")[0]
            if target.startswith(PACKAGE) and target != module:
                edges[module].setdefault(target, imp.line)
    return edges


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def cycle_path(edges: dict[str, dict[str, int]], component: list[str]) -> list[str]:
    """One concrete loop through a component, as 'a (line n) -> b' steps, for the message."""
    members = set(component)
    start = component[0]
    # breadth-first from start back to start, staying inside the component
    previous: dict[str, str] = {}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges[node]):
            if child not in members:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                path.reverse()
                path.append(start)
                return [f"{a} (line {edges[a][b]}) -> {b}" for a, b in pairwise(path)]
            if child not in previous:
                previous[child] = node
                queue.append(child)
    return component
