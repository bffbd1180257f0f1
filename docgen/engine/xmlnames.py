"""How the source writer names elements and attributes: the prefixes in scope where they stand.

lxml gives every element and attribute as `{namespace}local`; the Jinja source writes them as
Word did, `w:p` or `w:val`, with the prefix the template binds to that namespace there.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from docgen.engine.runs import Element

XML_NS: Final = "http://www.w3.org/XML/1998/namespace"


class Namespaces:
    """The namespaces in scope at an element, and the attribute names written under them.

    Why:
        lxml builds `nsmap` anew for every element it is asked of, walking up to the root;
        Word declares its namespaces once, on the root. The writer asks only the elements that
        declare namespaces themselves and passes the same scope down to the others.
    """

    __slots__ = ("_names", "nsmap")

    def __init__(self, nsmap: dict[str | None, str]):
        self.nsmap = nsmap
        self._names: dict[str, str] = {}

    def attribute_name(self, key: str) -> str:
        """`key` (`{uri}local` or `local`) with the prefix bound to its namespace here."""
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = _attribute_name(key, self.nsmap)
        return name


def declaring(root: Element) -> set[Element]:
    """The elements under `root` (`root` itself left aside) that declare namespaces."""
    found: set[Element] = set()
    declared = False
    for event, item in etree.iterwalk(root, events=("start-ns", "start")):
        if event == "start-ns":
            declared = True  # a declaration of the element whose start comes next
        elif declared:
            found.add(item)
            declared = False
    return found


def qualified(tag: str, prefix: str | None) -> str:
    """An element's name as written: `w:p` for `{…/main}p` under the prefix `w`."""
    local = tag.rpartition("}")[2]
    return f"{prefix}:{local}" if prefix else local


def _attribute_name(key: str, nsmap: dict[str | None, str]) -> str:
    if not key.startswith("{"):
        return key
    uri, _, local = key[1:].partition("}")
    if uri == XML_NS:
        return f"xml:{local}"
    prefix = next(p for p, u in nsmap.items() if u == uri and p)
    return f"{prefix}:{local}"
