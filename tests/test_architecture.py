"""The import direction of docs/style.md: a pure core, I/O at the edges, the CLI on top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"

# core module or package -> the docgen modules it may import (besides itself)
CORE = {
    "docgen.errors": set(),
    "docgen.values": set(),
    "docgen.masking": {"docgen.values"},
    "docgen.deadlines": {"docgen.errors"},
    "docgen.located": {"docgen.errors", "docgen.values"},
    "docgen.settings": {"docgen.errors", "docgen.values", "docgen.located", "docgen.deadlines"},
    "docgen.case": {
        "docgen.errors",
        "docgen.values",
        "docgen.located",
        "docgen.settings",
        "docgen.deadlines",
    },
    "docgen.engine": {"docgen.errors", "docgen.masking", "docgen.values"},
    "docgen.layout": {"docgen.errors", "docgen.engine"},  # templates are zipped as outputs are
    "docgen.kinds": {"docgen.errors", "docgen.case", "docgen.settings", "docgen.masking"},
}
EDGES = {"docgen.workspace", "docgen.docxio", "docgen.skeletons"}
EDGE_ONLY = {"click", "sqlite3", "subprocess", "os", "shutil", "tempfile"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def within(name: str, prefixes: set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def modules() -> list[tuple[str, Path]]:
    return [(module_name(p), p) for p in sorted(PACKAGE.rglob("*.py"))]


def test_core_imports_only_downwards() -> None:
    problems = []
    for module, path in modules():
        for layer, allowed in CORE.items():
            if not within(module, {layer}):
                continue
            for name in imported_names(path):
                if name.split(".")[0] in EDGE_ONLY:
                    problems.append(f"{module} imports the edge library {name}")
                elif within(name, {"docgen"}) and not within(name, allowed | {layer}):
                    problems.append(f"{module} imports {name}")
    assert not problems, "\n".join(problems)


def test_edges_do_not_import_the_pipeline_or_the_cli() -> None:
    problems = [
        f"{module} imports {name}"
        for module, path in modules()
        if within(module, EDGES)
        for name in imported_names(path)
        if within(name, {"docgen.pipeline", "docgen.cli"})
    ]
    assert not problems, "\n".join(problems)


def test_only_the_cli_imports_click() -> None:
    problems = [
        module
        for module, path in modules()
        if not within(module, {"docgen.cli"}) and "click" in imported_names(path)
    ]
    assert not problems, f"click imported outside docgen.cli: {problems}"


def test_every_module_is_placed_in_a_layer() -> None:
    placed = set(CORE) | EDGES | {"docgen", "docgen.__main__", "docgen.pipeline", "docgen.cli"}
    unplaced = [module for module, _ in modules() if not within(module, placed)]
    assert not unplaced, f"add these modules to a layer in this test: {unplaced}"
