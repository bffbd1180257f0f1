"""A composed node tree to plain data and key locations in one pass, for the usual case file.

Why not PyYAML's constructor followed by a walk for the locations:
    Reading a case file was mostly Python work per node: the constructor's bookkeeping (a
    memo, generators, a call per value), then a second walk making a `Location` and a field
    text for every key although a file is only ever asked about a few of them. Here one pass
    builds the values and keeps each key's line and column; `Locations` makes a `Location`
    only when one is asked for. Anything unusual (a merge key `<<`, a non-text key, a value
    PyYAML would refuse or a tag only the constructor knows) makes `build` give up, and the
    reader constructs that file the long way, which places every error as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import yaml

from docgen.errors import DocgenError, Location

KeyPath = tuple[str | int, ...]
"""Where a value sits in the document: `("petitioners", 0, "id_number")`; `()` is the root."""

_STR: Final = "tag:yaml.org,2002:str"
_NULL: Final = "tag:yaml.org,2002:null"
_MERGE: Final = "tag:yaml.org,2002:merge"


def field_path(path: KeyPath) -> str:
    """The path as clerks read it: `petitioners[0].id_number`; "" for the root."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


class Locations(Mapping[KeyPath, Location]):
    """Where each key path was written; a `Location` is made only when it is looked up.

    Each key maps to its key (a list item: the item; the root: the document), with its field.
    """

    __slots__ = ("_file", "_marks")

    def __init__(self, file: Path, marks: dict[KeyPath, tuple[int, int]]) -> None:
        self._file = file
        self._marks = marks  # 0-based line and column, as yaml.Mark has them

    def __getitem__(self, path: KeyPath) -> Location:
        line, column = self._marks[path]
        return Location(self._file, line + 1, column + 1, field_path(path) or None)

    def __contains__(self, path: object) -> bool:
        return path in self._marks

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)


@dataclass(frozen=True)
class Tree:
    """What `build` made of a node tree: the data, where its keys are, its unquoted values."""

    data: object
    locations: Locations
    plain_scalars: dict[KeyPath, str]  # value written without quotes (not null) -> source
    problems: list[DocgenError]  # duplicate keys


class _Unusual(Exception):
    """Raised when the tree holds something only PyYAML's constructor handles."""


def build(
    root: yaml.Node,
    file: Path,
    error: type[DocgenError],
    scalars: Mapping[str, Callable[[yaml.ScalarNode], object]],
) -> Tree | None:
    """The data under `root` with its locations, or None when the constructor must do it.

    `scalars` builds the value of each implicit tag other than `str` (int, float, bool, null,
    timestamp), exactly as the reader's constructor does; a tag missing there gives None,
    and so does a value whose builder raises `ValueError` or `OverflowError`.
    """
    builder = _Builder(file, error, scalars)
    try:
        data = builder.value(root, (), (root.start_mark.line, root.start_mark.column))
    except (_Unusual, ValueError, OverflowError):
        return None
    return Tree(data, Locations(file, builder.marks), builder.plain, builder.problems)


class _Builder:
    """Makes the values of nodes, keeping where each was written and which were unquoted.

    `docgen.located.quick` reads lines with it too: each of its scalars is made here.
    """

    def __init__(
        self,
        file: Path,
        error: type[DocgenError],
        scalars: Mapping[str, Callable[[yaml.ScalarNode], object]],
    ) -> None:
        self.file, self.error, self.scalars = file, error, scalars
        self.marks: dict[KeyPath, tuple[int, int]] = {}
        self.plain: dict[KeyPath, str] = {}
        self.problems: list[DocgenError] = []

    def value(self, node: yaml.Node, path: KeyPath, at: tuple[int, int]) -> object:
        """The value of `node`, found at `path`, whose key (or item) starts `at` (0-based)."""
        self.marks[path] = at
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if not node.style and tag != _NULL:
                self.plain[path] = node.value
            if tag == _STR:
                return node.value
            scalar = self.scalars.get(tag)
            if scalar is None:
                raise _Unusual(tag)
            return scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.value(item, (*path, index), (item.start_mark.line, item.start_mark.column))
                for index, item in enumerate(node.value)
            ]
        raise _Unusual(node)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, object]:
        data: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                raise _Unusual(key_node)
            key, mark = key_node.value, key_node.start_mark
            inner, at = (*path, key), (mark.line, mark.column)
            if key in first_line:
                self.problems.append(
                    duplicate_key(self.file, self.error, inner, at, first_line[key])
                )
            else:
                first_line[key] = mark.line + 1
            data[key] = self.value(value_node, inner, at)
        return data


def duplicate_key(
    file: Path, error: type[DocgenError], path: KeyPath, mark: tuple[int, int], first_line: int
) -> DocgenError:
    """The problem of the key ending `path`, written again at `mark` (0-based line, column).

    `first_line` is the 1-based line where that key was first written in its mapping.
    """
    line, column = mark
    return error(
        f"字段“{path[-1]}”重复出现（第一次在第 {first_line} 行）",
        Location(file, line + 1, column + 1, field_path(path)),
        "同一层里每个字段只能写一次，请删除或合并多余的一项。",
    )
