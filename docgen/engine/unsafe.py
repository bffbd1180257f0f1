"""Find, without rendering, the tags of a template that reach for Python's internals.

`{{ cycler.__init__.__globals__.os.popen('…').read() }}` runs a shell command in plain Jinja.
The sandbox stops it while rendering; this check names such a tag at compile time, so that
`templates check` reports the template before anyone renders it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jinja2 import nodes

from docgen.engine.environment import DROPPED_GLOBALS, descendants

INTERNAL: Final = frozenset(
    {
        "mro",
        *("gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "ag_frame", "ag_code"),
        *("f_globals", "f_locals", "f_builtins", "f_back", "f_code", "tb_frame", "tb_next"),
        *("func_globals", "func_code", "im_func", "co_code"),
    }
)
"""Attributes that lead from an object to the interpreter although they do not start with `_`."""
_ATTRIBUTE_FILTERS: Final = frozenset(
    {"attr", "map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique", "min", "max"}
)
"""Filters whose string arguments name attributes: `x|attr('__class__')`."""
_REACHING: Final = (nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)
"""The nodes that can reach an attribute, an item or a global."""


def unsafe_names(tree: nodes.Template) -> Iterator[tuple[int, str]]:
    """(source line, name) of every attribute, item or global a tag must not reach."""
    for node in descendants(tree):
        if not isinstance(node, _REACHING):
            continue
        for name in _reached(node):
            if _forbidden(name):
                yield node.lineno, name


def _reached(node: nodes.Node) -> list[str]:
    """The attribute or global names `node` reaches."""
    if isinstance(node, nodes.Getattr):
        return [node.attr]
    if isinstance(node, nodes.Getitem):
        return _texts([node.arg])
    if isinstance(node, nodes.Name):
        dropped = node.ctx == "load" and node.name in DROPPED_GLOBALS
        return [node.name] if dropped else []
    if isinstance(node, nodes.Filter) and node.name in _ATTRIBUTE_FILTERS:
        dotted = _texts([*node.args, *(k.value for k in node.kwargs)])
        return [part for name in dotted for part in name.split(".")]
    return []


def _forbidden(name: str) -> bool:
    return name.startswith("_") or name in INTERNAL or name in DROPPED_GLOBALS


def _texts(expressions: list[nodes.Expr]) -> list[str]:
    """The string constants among `expressions`."""
    return [e.value for e in expressions if isinstance(e, nodes.Const) and isinstance(e.value, str)]
