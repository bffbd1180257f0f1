"""YAML text to a node tree, by libyaml or by PyYAML's pure-Python parser, with the same result.

Why our own composer over the parser's events:
    PyYAML's composers recurse once per nesting level (libyaml's crashes the process on a
    100,000-deep `[[[…`), expand nothing but let later passes expand aliases exponentially (nine
    levels of `&a [*b, *b, …]` take minutes), and forget which tags were written. Composing the
    events here, iteratively, bounds the nesting depth and the values aliases add while the nodes
    are made, in time linear in the file, and refuses every explicit tag at its place. Both
    parsers give the same events, so the two paths differ only in their error texts, which
    `docgen.located.syntax` puts into the same words.

`PARSER` picks the parser: libyaml when PyYAML was built with it, else PyYAML's own; tests set
it to run both, and an edge may set it (`DOCGEN_YAML=pure`) to compare them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, Literal, Protocol, cast

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.resolver import Resolver

ParserName = Literal["libyaml", "pure"]

MAX_DEPTH: Final = 50
"""Nesting levels a document may have, aliases expanded; a case file needs about five."""
MAX_ALIAS_VALUES: Final = 10_000
"""Values that aliases (`*name`, `<<: *name`) may add to a document once expanded."""

# Problems this composer raises itself; `docgen.located.syntax` words them in Chinese.
EXPLICIT_TAG: Final = "found an explicit tag"
RECURSIVE_ALIAS: Final = "found unconstructable recursive node"
TOO_MANY_ALIAS_VALUES: Final = "aliases expand to too many values"
TOO_DEEP: Final = "nesting too deep"


PARSER: ParserName = "libyaml" if yaml.__with_libyaml__ else "pure"
"""The parser `compose` uses unless told otherwise."""


class _Events(Protocol):
    def get_event(self) -> Event | None: ...

    def dispose(self) -> None: ...


class _PureEvents(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)

    def dispose(self) -> None:
        self.states = []
        self.state = None


def _event_source(text: str, parser: ParserName) -> _Events:
    if parser == "libyaml":
        from yaml._yaml import CParser  # only there when PyYAML was built with libyaml

        events: _Events = CParser(text)
        return events
    return _PureEvents(text)


_RESOLVER: Final = Resolver()


def _resolve(kind: type[yaml.Node], value: str | None, implicit: Any) -> Implicit:
    """The tag YAML 1.1 gives an untagged node (`12` an int, `2020-06-12` a timestamp)."""
    return Implicit(_RESOLVER.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


def _start(event: Event) -> yaml.Mark:
    """Where `event` starts (libyaml's marks have PyYAML's `line` and `column`)."""
    return cast(yaml.Mark, event.start_mark)


class Implicit(str):
    """A tag the resolver chose (`tag:yaml.org,2002:int` for `12`): no tag was written."""

    __slots__ = ()


@dataclass
class _Open:
    """A collection being composed: its node, a key waiting for its value, size and depth."""

    node: yaml.SequenceNode | yaml.MappingNode
    key: yaml.Node | None = None
    size: int = 1
    depth: int = 1


@dataclass
class _Composer:
    events: _Events
    anchors: dict[str, yaml.Node] = field(default_factory=dict)
    sizes: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> size, depth
    open: list[_Open] = field(default_factory=list)
    alias_values: int = 0

    def _next(self) -> Event:
        event = self.events.get_event()
        assert event is not None  # the stream ends with StreamEndEvent, read last
        return event

    def document(self) -> yaml.Node | None:
        self._next()  # StreamStartEvent
        event = self._next()
        if isinstance(event, StreamEndEvent):
            return None
        assert isinstance(event, DocumentStartEvent)
        start = _start(event)
        root = self.node()
        event = self._next()
        assert isinstance(event, DocumentEndEvent)
        event = self._next()
        if not isinstance(event, StreamEndEvent):
            raise ComposerError(
                "expected a single document in the stream",
                start,
                "but found another document",
                _start(event),
            )
        return root

    def node(self) -> yaml.Node:
        """The next node with everything under it, composed without recursion."""
        while True:
            event = self._next()
            if isinstance(event, CollectionEndEvent):
                done = self.open.pop()
                done.node.end_mark = cast(yaml.Mark, event.end_mark)
                self.sizes[id(done.node)] = (done.size, done.depth)
                if not self.open:
                    return done.node
                self._count(done.size, done.depth)
                continue
            if isinstance(event, AliasEvent):
                node = self._alias(event)
                size, depth = self.sizes[id(node)]
            else:
                assert isinstance(event, NodeEvent)
                node, size, depth = self._new(event), 1, 1
            if self.open:
                self._place(node)
            if isinstance(event, SequenceStartEvent | MappingStartEvent):
                if len(self.open) >= MAX_DEPTH:
                    raise ComposerError(None, None, TOO_DEEP, _start(event))
                assert isinstance(node, yaml.SequenceNode | yaml.MappingNode)
                self.open.append(_Open(node))
            elif not self.open:
                return node
            else:
                self._count(size, depth)

    def _alias(self, event: AliasEvent) -> yaml.Node:
        name = event.anchor or ""
        if name not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {name!r}", _start(event))
        node = self.anchors[name]
        if id(node) not in self.sizes:  # still open: the alias sits inside its own anchor
            raise ComposerError(None, None, RECURSIVE_ALIAS, _start(event))
        size, depth = self.sizes[id(node)]
        self.alias_values += size
        if self.alias_values > MAX_ALIAS_VALUES:
            raise ComposerError(None, None, TOO_MANY_ALIAS_VALUES, _start(event))
        if len(self.open) + depth > MAX_DEPTH:
            raise ComposerError(None, None, TOO_DEEP, _start(event))
        return node

    def _new(self, event: NodeEvent) -> yaml.Node:
        if getattr(event, "tag", None) is not None:
            raise ComposerError(None, None, EXPLICIT_TAG, _start(event))
        node: yaml.Node
        if isinstance(event, ScalarEvent):
            tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
            style = event.style or None  # libyaml writes "" for a plain scalar, PyYAML None
            end = cast(yaml.Mark, event.end_mark)
            node = yaml.ScalarNode(tag, event.value, _start(event), end, style)
        else:
            kind: Callable[..., yaml.SequenceNode | yaml.MappingNode]
            kind = yaml.SequenceNode if isinstance(event, SequenceStartEvent) else yaml.MappingNode
            assert isinstance(event, SequenceStartEvent | MappingStartEvent)
            tag = _resolve(kind, None, event.implicit)
            node = kind(tag, [], _start(event), None, flow_style=event.flow_style)
        if event.anchor is not None:
            self._anchor(event.anchor, node, event)
        return node

    def _anchor(self, name: str, node: yaml.Node, event: NodeEvent) -> None:
        if name in self.anchors:
            raise ComposerError(
                f"found duplicate anchor {name!r}; first occurrence",
                self.anchors[name].start_mark,
                "second occurrence",
                _start(event),
            )
        self.anchors[name] = node

    def _place(self, node: yaml.Node) -> None:
        """Put `node` into the collection being composed, as an item, a key or a value."""
        parent = self.open[-1]
        if isinstance(parent.node, yaml.SequenceNode):
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def _count(self, size: int, depth: int) -> None:
        """Add a finished child's expanded size and depth to the collection being composed."""
        parent = self.open[-1]
        parent.size += size
        parent.depth = max(parent.depth, depth + 1)


def compose(text: str, parser: ParserName | None = None) -> yaml.Node | None:
    """The node tree of the single YAML document in `text` (None when it holds none).

    Raises:
        yaml.MarkedYAMLError: the text is not valid YAML, holds a tag, or nests or expands
            aliases beyond `MAX_DEPTH` and `MAX_ALIAS_VALUES`.
    """
    chosen = parser or PARSER
    if chosen == "libyaml":
        node = _compose_natively(text)
        if node is not _NOT_NATIVELY:
            return node
    events = _event_source(text, chosen)
    try:
        return _Composer(events).document()
    finally:
        events.dispose()


_NOT_NATIVELY: Final = yaml.Node("", "", None, None)
"""`_compose_natively`'s answer when the text needs the event composer."""
_FEW_BRACKETS: Final = MAX_DEPTH - 10
"""Flow collections (`[`, `{`) a text may open and still be composed by libyaml itself."""


@functools.cache
def _native_composer() -> Callable[[str], Any]:
    """libyaml's own composer class, with PyYAML's resolver for the implicit tags."""
    from yaml._yaml import CParser  # only there when PyYAML was built with libyaml

    class NativeComposer(CParser, Resolver):
        """libyaml's composer asking `resolve` for the tag of each node.

        Why C builtins stand in for `descend_resolver` and `ascend_resolver`:
            libyaml calls both around every node, for path resolvers, and none is registered;
            `slice(parent, index)` and `tuple()` accept those calls and do nothing, without
            the two Python calls per node that cost about a tenth of composing a case file.
        """

        descend_resolver = slice  # type: ignore[assignment]  # a builtin: see above
        ascend_resolver = tuple  # type: ignore[assignment]

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            Resolver.__init__(self)

        def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
            """`Resolver.resolve`, without a call into PyYAML for most scalars."""
            if value is None:  # a collection (libyaml passes `implicit` as a bool here)
                return _plain_resolve(kind, value, implicit)
            if not implicit[0]:  # quoted, or a block scalar: always text
                return _STR
            return plain_tag(value)

    return NativeComposer


def _plain_resolve(kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
    """PyYAML's resolution (no path resolvers are registered, so any resolver gives it)."""
    return str(_RESOLVER.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


def plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives the plain (unquoted) scalar `value`: `12` an int, `~` null.

    Why remembered: the same short keys and values (`name`, `true`, `县级`) come back in
    every case file, and PyYAML tries its patterns one by one.
    """
    if value[:1] not in TYPED_STARTS:  # most values: Chinese text
        return _STR
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _plain_resolve(yaml.ScalarNode, value, (True, False))
        if len(value) <= _REMEMBERED_LENGTH and len(_RESOLVED) < _REMEMBERED:
            _RESOLVED[value] = tag
    return tag


_STR: Final = Resolver.DEFAULT_SCALAR_TAG
TYPED_STARTS: Final = frozenset(Resolver.yaml_implicit_resolvers)
"""The first characters ("" for an empty value) of plain scalars YAML 1.1 may read as other
than text (`1`, `~`, `t` of `true`); a plain scalar starting with any other is text.

PyYAML picks its implicit resolvers by the first character alone (it registers none for
every character, which tests/located/test_quick.py checks), so this is its own rule."""
_RESOLVED: dict[str, str] = {}
"""The tag of each short plain scalar seen: the same keys come back in every case file."""
_REMEMBERED: Final = 10_000
_REMEMBERED_LENGTH: Final = 40


def _compose_natively(text: str) -> yaml.Node | None:
    """The node tree composed by libyaml in C, or `_NOT_NATIVELY` when it cannot be trusted.

    Why:
        A case file is composed about three times faster this way. It is only trusted where
        it gives the event composer's result: no `!` (a tag), `&` or `*` (anchors, aliases),
        few brackets (libyaml's composer recurses in C and would crash on thousands of `[`),
        nesting within `MAX_DEPTH`, and no error; anything else, including every mistake, is
        composed again from the events, which words and places it as always.
    """
    if "!" in text or "&" in text or "*" in text:
        return _NOT_NATIVELY
    if text.count("[") + text.count("{") > _FEW_BRACKETS:
        return _NOT_NATIVELY
    composer = _native_composer()(text)
    try:
        node: yaml.Node | None = composer.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return _NOT_NATIVELY
    finally:
        composer.dispose()
    if node is not None and _deeper_than(node, MAX_DEPTH):
        return _NOT_NATIVELY
    return node


def _deeper_than(root: yaml.Node, limit: int) -> bool:
    """Whether collections nest more than `limit` levels below and including `root`."""
    level = [root]
    for _ in range(limit):
        level = [
            child
            for node in level
            if isinstance(node, yaml.CollectionNode)
            for child in _children(node)
        ]
        if not any(isinstance(node, yaml.CollectionNode) for node in level):
            return False
    return True


def _children(node: yaml.CollectionNode) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)
