"""The package's imports form no circle: model modules never need a function-level import to dodge one.

Every import counts, at the top of a module, inside a function or under ``TYPE_CHECKING``:
an import moved into a function to dodge a circle is still a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import board

ROOT = Path(board.__file__).parent


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(root: Path) -> dict[str, set[str]]:
    """Each module of the package at ``root`` → the package's modules it imports."""
    paths = {module_name(root, p): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([base] if base else [])])
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_check_finds_a_circle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "a.py").write_text("from .b import thing\n")
    (pkg / "sub" / "b.py").write_text("def thing():\n    from pkg.sub import a\n")
    (pkg / "c.py").write_text("from pkg.sub.a import thing\n")
    assert circles(imports_of(pkg)) == [["pkg.sub.a", "pkg.sub.b"]]


def test_the_model_has_no_import_circle() -> None:
    graph = imports_of(ROOT)
    model = {
        m: {d for d in deps if d.startswith("board.model")} for m, deps in graph.items() if m.startswith("board.model")
    }
    assert circles(model) == []


def test_the_package_has_no_import_circle() -> None:
    """The app sits on top: screens know it as ``board.host.Host`` and never import ``board.app``;
    the store's patcher and the package read the canonical writer from ``store/render.py``."""
    assert circles(imports_of(ROOT)) == []
