"""The print file: rendered documents combined into one .docx, each in its own section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from lxml import etree

from docgen.layout.bodies import (
    BODY,
    COMMENT_MARKS,
    ID,
    MC_IGNORABLE,
    Ids,
    Sections,
    content,
    end_in_last_paragraph,
    namespaces,
)
from docgen.layout.definitions import Definitions, Renumbering, W, renumber_numbering
from docgen.layout.parts import (
    Assembly,
    Deflating,
    ReadCache,
    Source,
    not_a_document,
    serialize,
)
from docgen.layout.pieces import Piece, PieceCache, fill, prepare

_DC_TITLE: Final = "{http://purl.org/dc/elements/1.1/}title"
_PACKAGE_TYPES: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE_TYPE: Final = "application/vnd.openxmlformats-package.core-properties+xml"


def combine_documents(parts: Sequence[tuple[str, bytes]], title: str) -> bytes:
    """One .docx, the print file, holding the documents `parts` (name, .docx bytes) in order.

    Each document starts on a new page in a section of its own, with its own page size,
    margins, grid, headers and footers, and its page numbers start at 1. The document-wide
    parts (styles, numbering, notes, fonts, settings) are merged as `docgen.layout.definitions`
    describes; comments are left out. The same parts and title always give the same bytes.

    Raises:
        TemplateError: a part is not a .docx file, or is damaged.
        ValueError: `parts` is empty.
    """
    if not parts:
        raise ValueError("combine_documents needs at least one document")
    cache = ReadCache()
    sources = [Source(name, blob, cache) for name, blob in parts]
    even_and_odd = any(map(uses_even_and_odd, sources))
    printing = PrintFile(title, even_and_odd, cache)
    for source in sources:
        printing.add_source(source)
    if not printing.matches:  # the documents declare different namespaces: keep every tree
        printing = PrintFile(title, even_and_odd, cache, streamed=False)
        for name, blob in parts:  # sources anew: each remembers what it copied where
            printing.add_source(Source(name, blob, cache))
    return printing.finish()


def uses_even_and_odd(source: Source) -> bool:
    """Whether `source` prints different headers and footers on even and odd pages."""
    return Definitions(Assembly(), "").even_and_odd(source)


class PrintFile:
    """The print file built one document at a time, as `combine_documents` builds it.

    Why:
        A batch adds each document as soon as it is rendered, while the worker processes
        render the next ones, instead of combining them all at the end. Whether any document
        prints even and odd pages differently changes every section, so the caller says so
        at the start (`even_and_odd`); `matches` tells whether the documents bore it out,
        else the caller combines them again with `combine_documents`.

    Why streamed:
        A parsed document takes about 150 KB, so keeping every tree until the end held
        hundreds of MB for a hearing week, and the growing heap made every later parse
        slower. Each document's body is therefore serialized as soon as the next one has
        ended its section (about 10 KB of XML). Its bytes are those of the whole tree only
        when every document declares the namespaces the first one declares, as documents of
        the same templates do; a document that does not makes `matches` false (nothing more
        is done), and `combine_documents` then keeps every tree (`streamed=False`).
    """

    def __init__(
        self,
        title: str,
        even_and_odd: bool,
        cache: ReadCache | None = None,
        *,
        streamed: bool = True,
    ) -> None:
        self._title, self._even_and_odd = title, even_and_odd
        self._cache = cache or ReadCache()
        self._assembly = Assembly()
        self._ids = Ids()
        self._streamed = streamed
        self._roots: list[etree._Element] = []  # every root, or only the first when streamed
        self._body: _StreamedBody | None = None
        self._started: tuple[str, Definitions, Sections] | None = None  # main, …
        self._unended: tuple[etree._Element, etree._Element] | None = None  # body, its sectPr
        self._unended_piece: _Unended | None = None  # or the piece added last
        self._known: dict[str, _Known] = {}  # signature of a piece → a document of it added
        self._seen_even_and_odd = False
        self._broken = False  # a document declares other namespaces than the first

    @property
    def matches(self) -> bool:
        """Whether the documents added print even and odd pages apart as promised (and, when
        streamed, declare the namespaces of the first)."""
        return not self._broken and self._seen_even_and_odd == self._even_and_odd

    def add(self, name: str, blob: bytes) -> None:
        """Add the document `blob` (a .docx named `name`) after those added before.

        Raises:
            TemplateError: `blob` is not a .docx file, or is damaged.
        """
        if not self._broken:
            self.add_source(Source(name, blob, self._cache))

    def add_source(self, source: Source) -> None:
        """Add the document `source` after those added before."""
        if self._broken:
            return
        if self._started is None:
            main = _take_package(self._assembly, source, self._title)
            definitions = Definitions(self._assembly, main)
            sections = Sections(self._assembly, main, self._even_and_odd)
            self._started = main, definitions, sections
        main, definitions, sections = self._started
        even_and_odd = definitions.even_and_odd(source)
        self._seen_even_and_odd |= even_and_odd
        renumbering = definitions.add(source)
        if not self._roots and self._even_and_odd:
            definitions.set_even_and_odd()
        root = source.parse(source.main)
        body = root.find(BODY)
        if body is None:
            raise not_a_document(source.name, f"正文部件 {source.main} 没有正文")
        if self._body is not None and not self._body.fits(root):
            self._broken = True  # what was added stays as it is: the file is combined again
            return
        _prepare_body(self._assembly, source, main, body, renumbering)
        self._ids.renumber(body)
        final = sections.arrange(body, even_and_odd)
        self._end_previous()
        self._unended = body, final
        if self._streamed and self._body is None:
            self._body = _StreamedBody(root)
        if not self._streamed or not self._roots:
            self._roots.append(root)

    def add_piece(self, name: str, piece: Piece | None, load: Callable[[], bytes]) -> None:
        """Add the document `name` prepared by `pieces.prepare`, or read by `load` and added
        as `add` adds it.

        Why a piece is not always taken as it is:
            The first document of its kind (its signature) is read and added whole, so that
            its styles, fonts and settings are merged and its relationships can be followed
            for the next ones. So is a piece whose first section must stop a header or footer
            of the sections before (with an empty part), or whose root declares namespaces
            the first document's does not (`matches` then says so).
        """
        if self._broken:
            return
        known = None if piece is None else self._known.get(piece.signature)
        if (
            piece is None
            or known is None
            or self._started is None
            or self._body is None
            or piece.namespaces != self._body.namespaces
            or self._started[2].defined - piece.present
        ):
            source = Source(name, load(), self._cache)
            self.add_source(source)
            if piece is not None and not self._broken:
                self._known.setdefault(piece.signature, _Known(source))
            return
        main, _, sections = self._started
        self._seen_even_and_odd |= piece.even_and_odd
        values = [self._slot(main, known, kind, value) for kind, value in piece.slots]
        self._ids.annotations += piece.annotations
        self._ids.drawings += piece.drawings
        sections.defined |= piece.named
        self._end_previous()
        self._unended_piece = _Unended(name, load, values, fill(piece.content, values))

    def _slot(self, main: str, known: _Known, kind: str, value: str) -> bytes:
        """The value of one slot of a piece, given out as `add` gives it."""
        if kind == "a":
            return str(self._ids.annotations + int(value)).encode()
        if kind == "d":
            return str(self._ids.drawings + int(value)).encode()
        found = known.ids.get(value)
        if found is None:  # as `Assembly.relink` points it
            rel = known.source.relationships(known.source.main).get(value)
            if rel is None:
                found = value  # a dangling id stays as it was
            else:
                target = rel.target
                if not rel.external:
                    target = self._assembly.copy_part(known.source, rel.target)
                relationships = self._assembly.relationships(main)
                found = relationships.add(rel.type, target, rel.external)
            known.ids[value] = found
        return found.encode()

    def _last_content(self, unended: _Unended) -> bytes:
        """The content of the piece added last, prepared again to end the print file."""
        cache = PieceCache(self._cache)
        piece = prepare(unended.name, unended.load(), cache, self._even_and_odd, last=True)
        assert piece is not None, "a document prepared once is prepared again"
        return fill(piece.content, unended.values)

    def _end_previous(self) -> None:
        """The document added before is not the last after all: end it with a section break."""
        if self._unended_piece is not None:
            assert self._body is not None, "pieces are added to a streamed body only"
            self._body.add_content(self._unended_piece.content)
            self._unended_piece = None
        elif self._unended is not None:
            end_in_last_paragraph(*self._unended)
            if self._body is not None:
                self._body.append(self._unended[0])
        self._unended = None

    def finish(self) -> bytes:
        """The print file's bytes; its last document's section ends the body.

        Raises:
            ValueError: no document was added.
        """
        if self._started is None or (self._unended or self._unended_piece) is None:
            raise ValueError("a print file needs at least one document")
        main, definitions, _ = self._started
        definitions.finish()
        if self._body is None:
            self._assembly.members[main] = _document(self._roots)
        else:
            if self._unended_piece is not None:
                self._body.add_content(self._last_content(self._unended_piece))
            elif self._unended is not None:
                self._body.append(self._unended[0])
            self._assembly.members[main] = self._body.document()
        return self._assembly.write()


@dataclass(frozen=True)
class _Unended:
    """A piece added last so far: its content as followed by another document, and what
    preparing it again as the last one needs."""

    name: str
    load: Callable[[], bytes]
    values: list[bytes]  # of its slots
    content: bytes


@dataclass
class _Known:
    """A document added whole, whose pieces of the same signature follow its relationships."""

    source: Source
    ids: dict[str, str] = field(default_factory=dict)  # its relationship id → the print file's


class _StreamedBody:
    """The combined w:document of documents that all declare the first one's namespaces,
    its body kept as the serialized content of each document's body.

    Why this gives the bytes of the whole tree:
        With the same namespaces declared on the root, a subtree serializes the same wherever
        it sits, except where moving it changes it: lxml drops the declarations its new
        parents make redundant, declares again those of its old parents (a w:body may make
        some), and points each element to the first prefix of its namespace.
        A body that may be changed so is moved into the combined document's body, as
        `_document` moves it, and serialized there. The root itself is serialized once,
        around a mark where the bodies go.
    """

    def __init__(self, first: etree._Element) -> None:
        self.namespaces = namespaces(first)
        uris = list(first.nsmap.values())
        self._one_prefix_each = len(set(uris)) == len(uris)
        self._document, self._body = _shell([first])
        mark = etree.ProcessingInstruction("docgen-body")
        self._body.append(mark)
        head, _, self._tail = serialize(self._document).rpartition(etree.tostring(mark))
        self._body.remove(mark)
        self._deflating = Deflating()
        self._deflating.add(head)

    def fits(self, root: etree._Element) -> bool:
        """Whether `root` declares the namespaces of the first document."""
        return namespaces(root) == self.namespaces

    def append(self, body: etree._Element) -> None:
        """Add the content of one document's `body` after the others.

        Why moved only when it may change:
            Serializing a body where it is spares walking its whole tree once more.
        """
        body.text = None  # text before the first child is not carried over, as in `_document`
        data = content(body)
        own = body.nsmap != self._document.nsmap  # the body declares namespaces itself
        if own or b"xmlns" in data or not self._one_prefix_each:
            self._body.extend(list(body))
            data = content(self._body)
            del self._body[:]
        self._deflating.add(data)

    def add_content(self, data: bytes) -> None:
        """Add one document's body content, serialized as `append` would serialize it."""
        self._deflating.add(data)

    def document(self) -> Deflating:
        """The serialized w:document with every body added, deflated."""
        self._deflating.add(self._tail)
        return self._deflating


def _take_package(assembly: Assembly, first: Source, title: str) -> str:
    """Take the package relationships and properties of `first`; the main document's name."""
    package = assembly.relationships("")
    main = assembly.reserve(first.main, first.content_type(first.main))
    assembly.relationships(main)  # reserved now so that it follows the main document
    has_core = False
    for rel in first.relationships("").values():
        if rel.external:
            package.add(rel.type, rel.target, external=True)
        elif rel.target == first.main:
            package.add(rel.type, main)
        elif rel.type.endswith("/metadata/core-properties") and not has_core:
            has_core = True
            name = assembly.copy_part(first, rel.target)
            package.add(rel.type, name)
            assembly.members[name] = _titled(first.parse(rel.target), title)
        else:
            package.add(rel.type, assembly.copy_part(first, rel.target))
    if not has_core:
        name = assembly.reserve("docProps/core.xml", _CORE_TYPE)
        package.add(f"{_PACKAGE_TYPES}/metadata/core-properties", name)
        core = etree.Element(
            "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties"
        )
        assembly.members[name] = _titled(core, title)
    return main


def _titled(core: etree._Element, title: str) -> etree._Element:
    element = core.find(_DC_TITLE)
    if element is None:
        element = etree.SubElement(core, _DC_TITLE)
    element.text = title
    return core


def _prepare_body(
    assembly: Assembly, source: Source, main: str, body: etree._Element, renumbering: Renumbering
) -> None:
    """Point the body of `source` to the combined document's relationships and definitions."""
    for mark in list(body.iter(*COMMENT_MARKS)):
        mark.getparent().remove(mark)
    assembly.relink(body, source, source.main, main)
    renumber_numbering(body, renumbering.numbering)
    for tag, mapping in (
        (f"{W}footnoteReference", renumbering.footnotes),
        (f"{W}endnoteReference", renumbering.endnotes),
    ):
        if mapping:
            for reference in body.iter(tag):
                reference.set(ID, mapping.get(reference.get(ID, ""), reference.get(ID, "")))


def _document(roots: list[etree._Element]) -> etree._Element:
    """The combined w:document: the first's root, every body's content, all namespaces."""
    document, body = _shell(roots)
    for root in roots:
        source_body = root.find(BODY)
        body.extend(list(source_body) if source_body is not None else [])
    return document


def _shell(roots: list[etree._Element]) -> tuple[etree._Element, etree._Element]:
    """The combined w:document without content, and its body: the first's root (its other
    children moved in), all namespaces."""
    namespaces: dict[str | None, str] = {}
    ignorable: list[str] = []
    for nsmap, ignored in dict.fromkeys(
        (tuple(root.nsmap.items()), root.get(MC_IGNORABLE, "")) for root in roots
    ):
        uris = set(namespaces.values())
        namespaces |= {p: uri for p, uri in nsmap if p not in namespaces and uri not in uris}
        ignorable += [p for p in ignored.split() if p not in ignorable and p in namespaces]
    first = roots[0]
    document = etree.Element(first.tag, dict(first.attrib), nsmap=namespaces)
    if ignorable:
        document.set(MC_IGNORABLE, " ".join(ignorable))
    body = etree.Element(BODY)
    for element in list(first):
        document.append(body if element.tag == BODY else element)
    return document, body
