"""The usual case file read line by line into what `tree.build` makes of its composed nodes.

Why:
    Composing a case file cost most of reading it, and little of that was libyaml: PyYAML
    makes a node, two marks and a tag call per value in Python, and `tree.build` walks the
    nodes again. Case files use a small part of YAML: block mappings and lists, values on one
    line, `[…]` and `{…}` on one line, `|` blocks and comments. `build` reads only that part,
    with a few string operations per line, and gives None for anything else (a tab, an
    anchor, a tag, a value over several lines, an escape, `>`, a mistake of any kind), which
    the reader then composes as before, so every error is worded and placed as always.
    tests/located/test_quick.py compares both ways on the examples and on edited copies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import yaml

from docgen.errors import DocgenError
from docgen.located import tree
from docgen.located.composer import TYPED_STARTS, plain_tag
from docgen.located.tree import KeyPath, Locations, Tree, duplicate_key

_LINE: Final = re.compile(r"^( *)(-(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_]{0,99}):( +|$))?(.*)$", re.M)
"""Each line: its indent, a `- `, a `key:` and the spaces after it, and the rest."""
_FIRST_CHARS: Final = "-?:,[]{}#&*!|>'\"%@`"
_FIRST: Final = frozenset(_FIRST_CHARS)
"""Characters that give a value other than plain text when it starts with them."""
_IN_FLOW_CHARS: Final = "[]{}#:?'\""
_IN_FLOW: Final = re.compile(f"[{re.escape(_IN_FLOW_CHARS)}]")
"""Characters `build` leaves to the composer inside `[…]` and `{…}` (besides quoted values)."""
_KEY: Final = "[A-Za-z_][A-Za-z0-9_]{0,99}"
_FLOW_PLAIN: Final = f"[^ {re.escape(_FIRST_CHARS)}][^{re.escape(_IN_FLOW_CHARS)},]*"
"""A plain value inside `{…}`, as `_flow_scalar` reads it, with the spaces after it."""
_PLAIN_PAIRS: Final = re.compile(f" *{_KEY}: +{_FLOW_PLAIN}(?:, *{_KEY}: +{_FLOW_PLAIN})*")
"""What is between `{` and `}` when every value is plain: the usual `{date: …, event: …}`."""
_PLAIN_PAIR: Final = re.compile(f"(( *)({_KEY}): +([^ ,](?:[^,]*[^ ,])?) *)(?:,|\\Z)")
"""One pair of those: all of it, its indent, its key and its value."""
_FLOW_KEY: Final = re.compile(f"( *)({_KEY}): +")
_UNREAD: Final = "\t\r\x85\u2028\u2029\ufeff"
"""Characters that make YAML's rules on spaces and line breaks matter: left to the composer."""
_STR: Final = "tag:yaml.org,2002:str"
_MAX_DEPTH: Final = 20
"""Nesting that `build` reads (a case file has about five levels; the composer bounds the rest)."""


class _Unread(Exception):
    """Raised when the text leaves the part of YAML that `build` reads."""


class _Open:
    """A block mapping or list being read: its column, its items, where it is."""

    __slots__ = ("firsts", "indent", "items", "path")

    def __init__(self, indent: int, items: dict[str, object] | list[object], path: KeyPath):
        self.indent, self.items, self.path = indent, items, path
        self.firsts: dict[str, int] | None = None  # key -> first line, once a key repeats


def build(
    text: str,
    file: Path,
    error: type[DocgenError],
    scalars: Mapping[str, Callable[[yaml.ScalarNode], object]],
) -> Tree | None:
    """What `tree.build` makes of `text` composed, or None when `text` is not plainly written.

    `scalars` builds the value of each implicit tag other than `str`, as for `tree.build`.
    """
    if not text.endswith("\n") or any(char in text for char in _UNREAD):
        return None
    reader = _Reader(text, file, error, scalars)
    try:
        data = reader.document()
    except (_Unread, tree._Unusual, ValueError, OverflowError):
        return None
    return Tree(data, Locations(file, reader.marks), reader.plain, reader.problems)


class _Reader(tree._Builder):
    """Reads the lines of a text; each scalar is made by `tree._Builder.value`, as composed ones."""

    def __init__(
        self,
        text: str,
        file: Path,
        error: type[DocgenError],
        scalars: Mapping[str, Callable[[yaml.ScalarNode], object]],
    ) -> None:
        super().__init__(file, error, scalars)
        self.text = text
        self.node = yaml.ScalarNode(_STR, "")  # refilled for each scalar: see `_scalar`
        self.number = 0  # the line being read, 0-based
        self.skip = 0  # lines before this one were read with a `|` block
        self.lines: list[str] = []  # split when a `|` block needs them

    def document(self) -> dict[str, object]:
        """The top-level mapping, read line by line."""
        root: dict[str, object] | None = None
        open_: list[_Open] = []
        waiting: tuple[_Open, str] | None = None  # `key:` whose value is on the next lines
        for number, (spaces, dash, key, gap, rest) in enumerate(_LINE.findall(self.text)):
            if number < self.skip:
                continue  # a line of a `|` block
            if not key and not dash:
                if not rest or rest[0] == "#":
                    continue  # a blank line, a comment
                raise _Unread
            indent = len(spaces)
            self.number = number
            if waiting is not None:
                _settle(waiting, indent, dash, open_)
                waiting = None
            while open_ and open_[-1].indent > indent:
                open_.pop()
            if root is None:
                if indent or dash:
                    raise _Unread
                root = {}
                self.marks[()] = (number, 0)
                open_.append(_Open(0, root, ()))
            current = open_[-1] if open_ else None
            if current is None or current.indent != indent:
                raise _Unread
            column = indent + len(dash)
            if dash:
                items = current.items
                if not isinstance(items, list):
                    raise _Unread
                path = (*current.path, len(items))
                at = (number, column)
                self.marks[path] = at
                if not key:
                    if not rest or rest[0] == "#":
                        raise _Unread  # the item is on the next lines
                    items.append(self._value(rest, path, at, column))
                    continue
                if len(open_) >= _MAX_DEPTH:
                    raise _Unread
                mapping: dict[str, object] = {}
                items.append(mapping)
                current = _Open(column, mapping, path)
                open_.append(current)
            items = current.items
            if isinstance(items, list):
                raise _Unread
            path, at = (*current.path, key), (number, column)
            if key in items:
                self._repeated(current, key, path, at)
            if rest and rest[0] not in _FIRST:  # plain text, the usual value: as in `_value`
                text = rest
                if ":" in rest or "#" in rest or rest[-1] == " ":  # rarely: seen to first
                    cut = rest.find(" #")
                    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
                    if ": " in text or text.endswith(":"):
                        raise _Unread
                items[key] = self._scalar(text, None, path, at)  # placed there
                continue
            self.marks[path] = at
            if not rest or rest[0] == "#":
                waiting = current, key
            elif rest[0] == "|":
                items[key] = self._scalar(self._block(rest, column), "|", path, at)
            else:
                items[key] = self._value(rest, path, at, column + len(key) + 1 + len(gap))
        if root is None:
            raise _Unread
        if waiting is not None:
            waiting[0].items[waiting[1]] = None  # type: ignore[call-overload]
        return root

    def _repeated(self, mapping: _Open, key: str, path: KeyPath, at: tuple[int, int]) -> None:
        """Report `key`, written again at `at` in `mapping` (before its place is updated)."""
        if mapping.firsts is None:
            mapping.firsts = {}
        first = mapping.firsts.setdefault(key, self.marks[path][0] + 1)
        self.problems.append(duplicate_key(self.file, self.error, path, at, first))

    def _value(self, rest: str, path: KeyPath, at: tuple[int, int], column: int) -> object:
        """The value written on the rest of this line, from `column` (comment allowed)."""
        first = rest[0]
        if first == '"' or first == "'":
            text, after = _quoted(rest)
            _end_of_line(after)
            return self._scalar(text, first, path, at)
        if first == "[" or first == "{":
            end = rest.find("]" if first == "[" else "}")
            if end < 0:
                raise _Unread
            if end != len(rest) - 1:  # something after it
                _end_of_line(rest[end + 1 :])
            inner = rest[1:end]
            if first == "[" and inner.lstrip(" ")[:1] == "{":
                return self._list_of_mappings(inner, path, column + 1)
            if first == "[":
                return self._flow_list(inner, path, column + 1)
            return self._flow_mapping(inner, path, column + 1)
        if first in _FIRST:
            raise _Unread
        text = rest
        if ":" in rest or "#" in rest or rest[-1] == " ":  # rarely: a comment, a colon, spaces
            cut = rest.find(" #")
            text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in text or text.endswith(":"):
                raise _Unread
        return self._scalar(text, None, path, at)

    def _scalar(self, text: str, style: str | None, path: KeyPath, at: tuple[int, int]) -> object:
        """The value of a scalar written with `style` (a quote, `|`, None for plain text).

        Each scalar `build` reads is made here, as `tree._Builder.value` makes a composed one.
        Why text is made here, and only other values by `value`: most scalars are text
        (Chinese, quoted, a `|` block), and a node, a tag and two calls for each of them cost
        a tenth of reading a file. The node is refilled because `value` and the scalar
        builders only read it.
        """
        self.marks[path] = at
        if style is not None:  # quoted or a block: text as written
            return text
        if text[:1] not in TYPED_STARTS:  # plain text, as `plain_tag` would find
            self.plain[path] = text
            return text
        node = self.node
        node.tag, node.value, node.style = plain_tag(text), text, None
        return self.value(node, path, at)

    def _flow_list(self, inner: str, path: KeyPath, column: int) -> list[object]:
        """`[a, "b"]` (`inner` is between the brackets, from `column`)."""
        items: list[object] = []
        if not inner.strip(" "):
            return items
        for piece in inner.split(","):
            here = (*path, len(items))
            at = (self.number, column + len(piece) - len(piece.lstrip(" ")))
            items.append(self._flow_scalar(piece.strip(" "), here, at))
            column += len(piece) + 1
        return items

    def _list_of_mappings(self, inner: str, path: KeyPath, column: int) -> list[object]:
        """`[{a: b}, {c: d}]`, as the skeleton shows `relief` (`inner` is between the brackets)."""
        items: list[object] = []
        at = len(inner) - len(inner.lstrip(" "))
        while True:
            end = inner.find("}", at)
            if inner[at : at + 1] != "{" or end < 0:
                raise _Unread
            here = (*path, len(items))
            self.marks[here] = (self.number, column + at)
            items.append(self._flow_mapping(inner[at + 1 : end], here, column + at + 1))
            after = inner[end + 1 :].lstrip(" ")
            if not after:
                return items
            if after[0] != ",":
                raise _Unread
            rest = after[1:].lstrip(" ")
            if not rest:
                raise _Unread  # `,` at the end
            at = len(inner) - len(rest)

    def _flow_mapping(self, inner: str, path: KeyPath, column: int) -> dict[str, object]:
        """`{a: b, c: "d"}` (`inner` is between the braces, from `column`).

        Why two ways: most mappings hold only plain values, and one search then finds them
        all (a regular expression per pair cost a fifth of reading a file).
        """
        items: dict[str, object] = {}
        if _PLAIN_PAIRS.fullmatch(inner) is not None:  # the usual mapping
            for piece, spaces, key, value in _PLAIN_PAIR.findall(inner):
                here, at = (*path, key), (self.number, column + len(spaces))
                if key in items:
                    self._repeated_in_flow(key, here, at)
                items[key] = self._scalar(value, None, here, at)
                column += len(piece) + 1
            return items
        if not inner.strip(" "):
            return items
        for piece in inner.split(","):
            match = _FLOW_KEY.match(piece)
            if match is None:
                raise _Unread
            spaces, key = match.groups()
            here, at = (*path, key), (self.number, column + len(spaces))
            if key in items:
                self._repeated_in_flow(key, here, at)
            items[key] = self._flow_scalar(piece[match.end() :].rstrip(" "), here, at)
            column += len(piece) + 1
        return items

    def _repeated_in_flow(self, key: str, path: KeyPath, at: tuple[int, int]) -> None:
        """Report `key`, written again at `at` in a `{…}` (so first written on the same line)."""
        self.problems.append(duplicate_key(self.file, self.error, path, at, at[0] + 1))

    def _flow_scalar(self, text: str, path: KeyPath, at: tuple[int, int]) -> object:
        if not text:
            raise _Unread
        first = text[0]
        if first == '"' or first == "'":
            value, after = _quoted(text)
            if after:
                raise _Unread
            return self._scalar(value, first, path, at)
        if first in _FIRST or _IN_FLOW.search(text) is not None:
            raise _Unread
        return self._scalar(text, None, path, at)

    def _block(self, header: str, parent: int) -> str:
        """The text of the `|` block after this line (its mapping is at column `parent`)."""
        after = header[1:]
        if after.lstrip(" ") and (after[:1] != " " or after.lstrip(" ")[0] != "#"):
            raise _Unread  # `|-`, `|+`, `|2`: chomping and indentation indicators
        if not self.lines:
            self.lines = self.text.split("\n")[:-1]
        lines = self.lines
        start = self.number + 1
        number = start
        while number < len(lines) and not lines[number].strip(" "):
            number += 1
        first = lines[number] if number < len(lines) else ""  # "": the end of the text
        indent = len(first) - len(first.lstrip(" "))
        if not first or indent <= parent:  # nothing written in the block
            self.skip = number
            return ""
        if number > start:
            raise _Unread  # blank lines before the text: their spaces may count
        kept: list[str] = []
        while number < len(lines):
            line = lines[number]
            if not line.strip(" "):
                if len(line) > indent:
                    raise _Unread  # spaces that would belong to the text
                kept.append("")
            elif len(line) - len(line.lstrip(" ")) < indent:
                break
            else:
                kept.append(line[indent:])
            number += 1
        while not kept[-1]:
            kept.pop()
        self.skip = number
        return "\n".join(kept) + "\n"


def _quoted(text: str) -> tuple[str, str]:
    """The value of the quoted scalar starting `text` on this line, and what follows it."""
    quote = text[0]
    end = text.find(quote, 1)
    if end < 0:
        raise _Unread
    value = text[1:end]
    if (quote == '"' and "\\" in value) or (quote == "'" and text[end + 1 : end + 2] == "'"):
        raise _Unread  # escapes
    return value, text[end + 1 :]


def _end_of_line(after: str) -> None:
    """Nothing but spaces and a comment may follow a value on its line."""
    rest = after.lstrip(" ")
    if rest and (rest[0] != "#" or len(rest) == len(after)):
        raise _Unread


def _settle(waiting: tuple[_Open, str], indent: int, dash: str, open_: list[_Open]) -> None:
    """Give `key:` (waiting for its value) the collection opened by the next line, or null."""
    above, name = waiting
    if indent > above.indent:
        if len(open_) >= _MAX_DEPTH:
            raise _Unread
        items: dict[str, object] | list[object] = [] if dash else {}
        above.items[name] = items  # type: ignore[call-overload]
        open_.append(_Open(indent, items, (*above.path, name)))
    elif indent == above.indent and dash:
        raise _Unread  # a list under a key at the key's column
    else:
        above.items[name] = None  # type: ignore[call-overload]  # nothing: null
