"""The package layout of docs/style.md, enforced: each rule is a function over a source tree.

Why:
    Each rule is also run on a small planted tree (`test_each_rule_fails_on_a_planted_violation`),
    so a rule that silently stopped seeing anything would be noticed.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

PACKAGE: Final = Path(__file__).resolve().parent.parent / "docgen"


@dataclass(frozen=True)
class Place:
    """Where a module sits: its layer, the docgen modules and restricted libraries it may use."""

    layer: int  # 0 vocabulary, 1 pure core, 2 edges, 3 orchestration, 4 faces
    imports: frozenset[str] = frozenset()  # docgen modules or packages, besides itself
    libraries: frozenset[str] = frozenset()  # from RESTRICTED


def place(layer: int, *imports: str, libraries: frozenset[str] = frozenset()) -> Place:
    return Place(layer, frozenset(f"docgen.{name}" for name in imports), libraries)


# Libraries only some modules may use: the faces' frameworks, and I/O the core must not do.
RESTRICTED: Final = frozenset(
    {"click", "starlette", "uvicorn", "sqlite3", "subprocess", "os", "shutil", "tempfile"}
    | {"importlib"}
)
FILES: Final = frozenset({"os", "shutil", "tempfile"})
WEB: Final = frozenset({"starlette", "uvicorn"})
L0: Final = ("errors", "values", "masking", "deadlines")
L1: Final = ("located", "settings", "case", "kinds", "engine", "layout")
L2: Final = (
    *("workspace", "docxio", "skeletons", "register", "lock", "batch", "pdf", "archive", "xlsx"),
    "reference",
)

# One line per module or package; a new module is placed by adding its line here.
PLACES: Final[Mapping[str, Place]] = {
    "docgen": place(0),
    "docgen.errors": place(0),
    "docgen.values": place(0),
    "docgen.masking": place(0, "values"),
    "docgen.deadlines": place(0, "errors"),
    "docgen.located": place(1, "errors", "values"),
    "docgen.settings": place(1, "errors", "values", "located", "deadlines"),
    "docgen.case": place(1, "errors", "values", "located", "settings", "deadlines"),
    "docgen.engine": place(1, "errors", "masking", "values"),
    "docgen.layout": place(1, "errors", "engine"),  # templates are zipped as outputs are
    "docgen.kinds": place(1, "errors", "case", "settings", "masking"),
    "docgen.workspace": place(2, "errors", "settings", libraries=FILES),
    "docgen.docxio": place(2, "errors", libraries=FILES),
    "docgen.xlsx": place(2),  # tables as .xlsx bytes; the caller writes the file
    "docgen.skeletons": place(2, libraries=frozenset({"importlib"})),
    "docgen.reference": place(2, "errors"),  # the field reference docs/case-file.md, shipped
    "docgen.register": place(2, "errors", libraries=FILES | {"sqlite3"}),
    "docgen.register.listing": place(2, "errors", "kinds", "register"),  # titles of the series
    "docgen.lock": place(2, "errors", libraries=FILES),
    "docgen.batch": place(2, libraries=FILES),  # worker processes, signals
    "docgen.pdf": place(2, "errors", libraries=FILES | {"subprocess"}),
    # its records live in the register's database, on a connection it holds
    "docgen.archive": place(2, "errors", "register", "docxio", libraries=FILES | {"sqlite3"}),
    "docgen.users": place(2, "errors", "docxio", libraries=FILES),  # web users, changes log
    "docgen.pipeline": place(3, *L0, *L1, *L2, libraries=FILES | {"importlib"}),  # lazy names
    "docgen.status": place(  # batch: read_statuses reads case files as summarize_cases does
        3,
        *("errors", "case", "deadlines", "settings", "pipeline", "workspace", "xlsx", "docxio"),
        "batch",
    ),
    "docgen.due": place(
        3, "errors", "case", "deadlines", "settings", "pipeline", "workspace", "xlsx", "docxio"
    ),
    "docgen.cli": place(
        4,
        *("pipeline", "status", "due", "errors", "workspace", "kinds", "values", "reference"),
        "users",
        "web",  # only docgen.cli.serve, which starts it (test_faces_stay_apart)
        libraries=frozenset({"click", "os", "importlib"}),
    ),
    # the web page: a face like the CLI; it saves a case under the lock with the atomic writer
    "docgen.web": place(
        4,
        *("pipeline", "status", "due", "errors", "workspace", "kinds", "case", "lock", "docxio"),
        "users",
        libraries=WEB,
    ),
    "docgen.__main__": place(4, "cli"),
}
# What docgen.cli may import besides docgen itself and the standard library.
CLI_THIRD_PARTY: Final = frozenset({"click"})
MAX_MODULE_LINES: Final = 500
MAX_FUNCTION_LINES: Final = 80


@dataclass(frozen=True)
class Module:
    name: str  # "docgen.case.model"
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


def read_tree(root: Path) -> list[Module]:
    """Every module under the package folder `root` (named after it: `docgen`)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append(Module(name, path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def imported_names(module: Module) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import; relative imports resolved, `from a import b` as a.b."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.name.split(".")
                if not module.is_package:
                    package = package[:-1]
                anchor = package[: len(package) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)


def within(name: str, prefixes: frozenset[str] | set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def place_of(module: str) -> tuple[str, Place] | None:
    """The most specific entry of PLACES that `module` falls under."""
    keys = [key for key in PLACES if module == key or (key != "docgen" and within(module, {key}))]
    key = max(keys, key=len, default=None)
    return (key, PLACES[key]) if key else None


def top(name: str) -> str:
    return name.split(".")[0]


def unplaced_modules(modules: list[Module]) -> list[str]:
    return [m.name for m in modules if place_of(m.name) is None]


def imports_against_the_layers(modules: list[Module]) -> list[str]:
    """A docgen import not allowed to the module's place, or a restricted library outside it."""
    problems = []
    for module in modules:
        found = place_of(module.name)
        if found is None:
            continue
        key, where = found
        allowed = where.imports | ({key} - {"docgen"})  # a package imports its own modules
        for line, name in imported_names(module):
            if top(name) in RESTRICTED and top(name) not in where.libraries:
                problems.append(f"{module.name}:{line} imports the edge-only library {name}")
            elif name.startswith("docgen.") and not within(name, allowed):
                problems.append(f"{module.name}:{line} imports {name}")
    return problems


def cli_imports_outside_its_list(modules: list[Module]) -> list[str]:
    """docgen.cli may use click, the standard library and a listed few docgen modules."""
    allowed_docgen = PLACES["docgen.cli"].imports | {"docgen.cli"}
    stdlib = frozenset(sys.stdlib_module_names)
    return [
        f"{module.name}:{line} imports {name}"
        for module in modules
        if within(module.name, {"docgen.cli"})
        for line, name in imported_names(module)
        if not (
            within(name, allowed_docgen)
            or top(name) in CLI_THIRD_PARTY | stdlib
            or name.startswith("__future__")
        )
    ]


def faces_importing_each_other(modules: list[Module]) -> list[str]:
    """The web page never uses the CLI; of the CLI only `docgen serve` starts the web page."""
    return [
        f"{module.name}:{line} imports {name}"
        for module in modules
        for line, name in imported_names(module)
        if (within(module.name, {"docgen.web"}) and within(name, {"docgen.cli"}))
        or (
            within(module.name, {"docgen.cli"})
            and module.name != "docgen.cli.serve"
            and within(name, {"docgen.web"})
        )
    ]


def dynamic_imports_in_the_core(modules: list[Module]) -> list[str]:
    """`__import__` or importlib below the edges would hide an import from the rules above."""
    problems = []
    for module in modules:
        found = place_of(module.name)
        if found is None or found[1].layer > 1:
            continue
        for node in ast.walk(module.tree):
            name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if name in {"__import__", "import_module"}:
                problems.append(f"{module.name}:{getattr(node, 'lineno', 0)} uses {name}")
        problems += [
            f"{module.name}:{line} imports {name}"
            for line, name in imported_names(module)
            if top(name) == "importlib"
        ]
    return problems


def over_the_line_budget(modules: list[Module]) -> list[str]:
    problems = []
    for module in modules:
        lines = len(module.path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            problems.append(f"{module.name}: {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(module.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(
                        f"{module.name}:{node.lineno} {node.name}: {length} lines "
                        f"(at most {MAX_FUNCTION_LINES})"
                    )
    return problems


Rule = Callable[[list[Module]], list[str]]
RULES: Final[Mapping[str, Rule]] = {
    "unplaced": unplaced_modules,
    "layers": imports_against_the_layers,
    "cli": cli_imports_outside_its_list,
    "faces": faces_importing_each_other,
    "dynamic": dynamic_imports_in_the_core,
    "budget": over_the_line_budget,
}


@pytest.mark.parametrize("rule", list(RULES))
def test_docgen_keeps_the_rule(rule: str) -> None:
    problems = RULES[rule](read_tree(PACKAGE))
    assert not problems, "\n".join(problems)


def plant(tmp_path: Path, files: Mapping[str, str]) -> list[Module]:
    """A tiny `docgen` package holding `files` (path relative to docgen/ -> source)."""
    root = tmp_path / "docgen"
    for name, source in {"__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(source, encoding="utf-8")
    return read_tree(root)


CLEAN: Final = {
    "errors.py": "import dataclasses\n",
    "case/__init__.py": "from docgen.errors import DocgenError\nfrom . import model\n",
    "case/model.py": "from ..located import reader\n",
    "pipeline.py": "import tempfile\nfrom docgen.case import model\n",
    "cli/__init__.py": "import click\nimport json\nfrom docgen import pipeline\nfrom . import x\n",
    "skeletons/__init__.py": "import importlib.resources\n",
}
PLANTED: Final = [
    ("faces", {"web/a.py": "from docgen.cli import main\n"}, "docgen.web.a:1"),
    ("faces", {"cli/c.py": "from docgen.web import serve\n"}, "docgen.cli.c:1"),
    ("unplaced", {"gadget.py": ""}, "docgen.gadget"),
    ("layers", {"errors.py": "import click\n"}, "docgen.errors:1 imports the edge-only library"),
    ("layers", {"engine/a.py": "from docgen.case import Case\n"}, "docgen.engine.a:1 imports"),
    ("layers", {"case/m.py": "from ..engine import compiled\n"}, "imports docgen.engine.compiled"),
    ("layers", {"kinds/k.py": "from .. import workspace\n"}, "imports docgen.workspace"),
    ("layers", {"pipeline.py": "import starlette\n"}, "edge-only library starlette"),
    ("layers", {"located/r.py": "import sqlite3\n"}, "edge-only library sqlite3"),
    ("layers", {"docxio.py": "import docgen.workspace\n"}, "docgen.docxio:1 imports"),
    ("layers", {"register/db.py": "from docgen.pipeline import x\n"}, "imports docgen.pipeline"),
    ("layers", {"status.py": "from docgen.engine import y\n"}, "docgen.status:1 imports"),
    ("cli", {"cli/a.py": "from docgen.engine import compile_template\n"}, "docgen.cli.a:1"),
    ("cli", {"cli/b.py": "import yaml\n"}, "docgen.cli.b:1 imports yaml"),
    ("cli", {"cli/c.py": "from ..docxio import write_atomically\n"}, "imports docgen.docxio"),
    ("dynamic", {"case/d.py": "m = __import__('os')\n"}, "docgen.case.d:1 uses __import__"),
    ("dynamic", {"engine/e.py": "import importlib\n"}, "docgen.engine.e:1 imports importlib"),
    ("dynamic", {"kinds/f.py": "from importlib import import_module\n"}, "docgen.kinds.f:1"),
    ("budget", {"values.py": "x = 1\n" * 501}, "docgen.values: 501 lines"),
    ("budget", {"masking.py": "def f():\n" + "    pass\n" * 80}, "docgen.masking:1 f: 81"),
]


def test_the_rules_accept_a_clean_planted_tree(tmp_path: Path) -> None:
    modules = plant(tmp_path, CLEAN)
    assert {name: rule(modules) for name, rule in RULES.items()} == {n: [] for n in RULES}


@pytest.mark.parametrize(("rule", "files", "expected"), PLANTED)
def test_each_rule_fails_on_a_planted_violation(
    tmp_path: Path, rule: str, files: dict[str, str], expected: str
) -> None:
    problems = RULES[rule](plant(tmp_path, {**CLEAN, **files}))
    assert any(expected in problem for problem in problems), problems


def test_every_rule_has_a_planted_violation() -> None:
    assert {rule for rule, _, _ in PLANTED} == set(RULES)


def test_relative_imports_are_resolved_against_the_module(tmp_path: Path) -> None:
    modules = {module.name: module for module in plant(tmp_path, CLEAN)}
    assert list(imported_names(modules["docgen.case"]))[1] == (2, "docgen.case.model")
    assert list(imported_names(modules["docgen.case.model"])) == [(1, "docgen.located.reader")]
