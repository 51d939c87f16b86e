"""Data flows one way: files → documents → pieces → facts → findings → reports.

The imports say so, and this test reads them (every import, those inside functions too): a
module never imports one of a higher layer, and no modules import each other in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import dossierkit

PACKAGE = Path(dossierkit.__file__).parent

# Top-level module or package → layer. Within a layer, imports go either way but never round.
LAYERS: dict[str, int] = {
    **dict.fromkeys(
        (
            "__init__",
            "__main__",
            "amounts",
            "call",
            "dates",
            "discovery",
            "epci",
            "errors",
            "external",
            "fact",
            "findings",
            "limits",
            "manifest",
            "names",
            "resources",
            "text",
            "workers",
        ),
        0,
    ),
    "reading": 1,
    "classify": 2,
    "pieces": 2,
    **dict.fromkeys(("aid", "applicant", "dossier", "facts", "versions"), 3),
    "checks": 4,
    "verify": 5,
    **dict.fromkeys(("assemble", "init", "report"), 6),
    **dict.fromkeys(("serve", "triage"), 7),
    "cli": 8,
}
LAYERS["__main__"] = 9  # ``python -m dossierkit`` runs the CLI


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("dossierkit", *path.relative_to(PACKAGE).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project's modules that the file imports (``from m import name`` counts as m.name
    when that is a module, else as m)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in modules}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1]] if len(parts) > 1 else 0


GRAPH = {name: _imports(path, _modules()) for name, path in _modules().items()}


def test_every_module_has_a_layer() -> None:
    assert {m.split(".")[1] for m in GRAPH if "." in m} <= set(LAYERS)


def test_no_module_imports_a_higher_layer() -> None:
    upward = sorted(
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if _layer(target) > _layer(module)
    )
    assert upward == []


def test_no_import_circle() -> None:
    # A package's __init__ that re-exports its modules is not a circle with them.
    graph = {
        m: {t for t in targets if not m.startswith(t + ".") and not t.startswith(m + ".")}
        for m, targets in GRAPH.items()
    }
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []
