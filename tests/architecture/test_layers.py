"""The package's layers: higher rooms may import lower ones, never the reverse, and no module cycles."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

# Top to bottom. Rooms on one row may not import each other when the row is marked independent.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("haesol.cli", "haesol.__main__"),
    ("haesol.web",),
    ("haesol.jobs", "haesol.publish"),
    ("haesol.store",),
    ("haesol.pipeline", "haesol.registry"),
    ("haesol.render",),
    ("haesol.compose", "haesol.verify"),
    ("haesol.analyze",),
    ("haesol.parse",),
    (
        "haesol.models",
        "haesol.errors",
        "haesol.config",
        "haesol.data",
        "haesol.files",
        "haesol.prompts",
        "haesol.schemas",
        "haesol",
    ),
)
# `haesol` itself re-exports the public API lazily (on first attribute access); its imports are a facade.
FACADES = frozenset({"haesol"})
INDEPENDENT_ROWS = frozenset({("haesol.compose", "haesol.verify"), ("haesol.jobs", "haesol.publish")})


def module_name(path: Path) -> str:
    """The dotted name of a source file under src/."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every haesol module a file imports, at the top or inside functions (TYPE_CHECKING blocks included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("haesol"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("haesol"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(
                    candidate
                    if (SRC / candidate.replace(".", "/")).exists()
                    or (SRC / (candidate.replace(".", "/") + ".py")).exists()
                    else node.module
                )
    return found


@functools.cache
def graph() -> dict[str, set[str]]:
    """Module → the haesol modules it imports."""
    edges = {module_name(p): imported_modules(p) for p in sorted((SRC / "haesol").rglob("*.py"))}
    return {module: (set() if module in FACADES else imports) for module, imports in edges.items()}


def room_of(module: str) -> tuple[int, str]:
    """The layer index and room of a module (the longest matching room prefix)."""
    best: tuple[int, str] | None = None
    for index, row in enumerate(LAYERS):
        for room in row:
            if (module == room or module.startswith(room + ".")) and (best is None or len(room) > len(best[1])):
                best = (index, room)
    assert best is not None, f"{module} is in no layer"
    return best


def test_every_module_has_a_layer() -> None:
    for module in graph():
        room_of(module)


def test_no_import_goes_up_or_across_independent_rooms() -> None:
    wrong = []
    for module, imports in graph().items():
        layer, room = room_of(module)
        for target in imports:
            target_layer, target_room = room_of(target)
            if target_layer < layer:
                wrong.append(f"{module} → {target} (up: {room} imports {target_room})")
            elif target_layer == layer and room != target_room and LAYERS[layer] in INDEPENDENT_ROWS:
                wrong.append(f"{module} → {target} ({room} and {target_room} are independent)")
    assert not wrong, "layer violations:\n" + "\n".join(sorted(wrong))


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in edges:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_modules() -> None:
    edges = {module: {t for t in imports if t != module} for module, imports in graph().items()}
    # a package's __init__ importing its own submodules is how a package exposes its parts, not a cycle
    for module in edges:
        edges[module] = {t for t in edges[module] if not module.startswith(t + ".")}
    cycles = _cycles(edges)
    assert not cycles, "import cycles:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


@pytest.mark.parametrize("room", [room for row in LAYERS for room in row if room != "haesol"])
def test_rooms_exist(room: str) -> None:
    path = SRC / room.replace(".", "/")
    assert path.is_dir() or path.with_suffix(".py").exists() or room == "haesol.publish", room
