"""A document's body made ready for the print file in the process that rendered it.

`prepare` does to one document's body what `PrintFile` would do to it, except what depends on
the documents before it: the relationship ids, and the ids of bookmarks, tracked changes,
content controls and drawings. Those are left as numbered slots in the serialized body, which
`PrintFile.add_piece` fills in. The body is serialized as followed by another document (its
section ends in its last paragraph); the one that turns out to end the print file is prepared
again there, as the last.

Why:
    Adding a document to the print file took its process about a millisecond (reading the
    zip, parsing, renumbering, serializing), a second and a half for a hearing week while the
    worker processes waited on it. Done where each document is rendered, the work is spread
    over every core; the print file's process fills in a few slots.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

from lxml import etree

from docgen.errors import TemplateError
from docgen.layout.bodies import (
    ANNOTATIONS,
    BODY,
    COMMENT_MARKS,
    DOC_PR,
    ID,
    REFERENCES,
    SECT_PR,
    SECT_PR_ORDER,
    TYPE,
    content,
    end_in_last_paragraph,
    namespaces,
    repeat_default_on_even_pages,
    sections_of,
)
from docgen.layout.definitions import (
    ENDNOTES,
    FOOTNOTES,
    NUMBERING,
    VAL,
    W,
    remembered_even_and_odd,
)
from docgen.layout.oxml import child, set_attributes
from docgen.layout.parts import CONTENT_TYPES, REFERENCING, ReadCache, Source, rels_name

SLOT: Final = "docgen-slot-5f3a"
"""Marks a slot, its number between two marks: `docgen-slot-5f3a7docgen-slot-5f3a`."""
_SLOT_BYTES: Final = SLOT.encode()
_R_PREFIX: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_VML_RELID: Final = "{urn:schemas-microsoft-com:office:office}relid"
_PER_DOCUMENT: Final = (NUMBERING, FOOTNOTES, ENDNOTES)
"""Parts merged anew for every document, renumbering its body: left to `PrintFile.add`."""

Namespaces = tuple[tuple[tuple[str | None, str], ...], str]
Reference = tuple[str, str]  # (headerReference or footerReference tag, type)


@dataclass(frozen=True)
class Piece:
    """One document's body, ready for the print file but for its slots."""

    signature: str  # what the print file takes from the document besides its body
    namespaces: Namespaces  # declared on its root
    even_and_odd: bool  # whether the document prints even and odd pages apart
    present: frozenset[Reference]  # the headers and footers its first section names
    named: frozenset[Reference]  # those all its sections name
    content: bytes  # its body's content when another document follows (or `last`)
    slots: tuple[tuple[str, str], ...]  # "r" (relationship), "a" or "d" (ids); its own value
    annotations: int  # ids it takes from the bookmark, tracked change and control count
    drawings: int  # ids it takes from the drawing count


@dataclass
class PieceCache:
    """What `prepare` keeps from one document to the next in a process."""

    read: ReadCache = field(default_factory=ReadCache)
    signatures: dict[tuple[tuple[str, bytes], ...], str] = field(default_factory=dict)
    packages: dict[tuple[tuple[str, bytes], ...], str] = field(default_factory=dict)
    even_and_odd: dict[bytes, bool] = field(default_factory=dict)


def prepare(
    name: str, blob: bytes, cache: PieceCache, even_and_odd: bool, *, last: bool = False
) -> Piece | None:
    """The body of the document `blob` prepared for a print file that prints even and odd
    pages apart or not (`even_and_odd`), to be followed by another document unless `last`;
    None when only `PrintFile.add` can add it.

    That is so for a document that is damaged (`PrintFile.add` says how), whose lists or
    notes are merged anew (numbering, footnotes, endnotes), whose root names a namespace
    twice, whose body declares namespaces, or whose text happens to hold the slot mark.
    """
    try:
        source = Source(name, blob, cache.read)
        root = source.parse(source.main)
    except TemplateError:
        return None
    body = root.find(BODY)
    uris = list(root.nsmap.values())
    if (
        body is None
        or len(set(uris)) != len(uris)
        or body.nsmap != root.nsmap
        or any(source.related(source.main, kind) is not None for kind in _PER_DOCUMENT)
    ):
        return None
    for mark in list(body.iter(*COMMENT_MARKS)):
        mark.getparent().remove(mark)
    slots: list[tuple[str, str]] = []

    def slot(kind: str, value: str) -> str:
        slots.append((kind, value))
        return f"{SLOT}{len(slots) - 1}{SLOT}"

    for referring in REFERENCING(body):
        for key, value in referring.attrib.items():
            if key.startswith(_R_PREFIX) or key == _VML_RELID:
                referring.set(key, slot("r", value))
    annotations, drawings, again = _slot_ids(body, slot)
    own_even_and_odd = remembered_even_and_odd(source, cache.even_and_odd)
    present, named, final, copies = _arrange(body, even_and_odd and not own_even_and_odd)
    if not last:
        end_in_last_paragraph(body, final)
    body.text = None  # as `PrintFile` serializes a body
    data = content(body)
    if b"xmlns" in data or data.count(_SLOT_BYTES) != 2 * (len(slots) + again + copies):
        return None  # the body declares namespaces, or its text holds the mark
    return Piece(
        _package_signature(source, cache),
        namespaces(root),
        own_even_and_odd,
        present,
        named,
        data,
        tuple(slots),
        annotations,
        drawings,
    )


def fill(data: bytes, values: Sequence[bytes]) -> bytes:
    """`data` with each slot replaced by its value."""
    chunks = data.split(_SLOT_BYTES)
    chunks[1::2] = [values[int(number)] for number in chunks[1::2]]
    return b"".join(chunks)


def _package_signature(source: Source, cache: PieceCache) -> str:
    """`signature`, remembered per package (but for its main document)."""
    key = tuple((name, data) for name, data in source.members.items() if name != source.main)
    found = cache.packages.get(key)
    if found is None:
        found = cache.packages[key] = signature(source, cache.signatures)
    return found


def signature(source: Source, known: dict[tuple[tuple[str, bytes], ...], str]) -> str:
    """A digest of the parts of `source` the print file may take besides its body: content
    types and every part the main document relates to, with their relationships.

    Why not the whole package:
        The core properties (a title, a date) may differ from one document of a template to
        the next; the print file takes only the first document's.
    """
    names = {CONTENT_TYPES}
    waiting = [source.main]
    while waiting:
        part = waiting.pop()
        names.add(rels_name(part))
        for rel in source.relationships(part).values():
            if not rel.external and rel.target in source.members and rel.target not in names:
                names.add(rel.target)
                waiting.append(rel.target)
    names.discard(source.main)
    key = tuple((name, source.members.get(name, b"")) for name in sorted(names))
    found = known.get(key)
    if found is None:
        digest = hashlib.sha256()
        for name, data in key:
            digest.update(f"{name}\0{len(data)}\0".encode())
            digest.update(data)
        found = known[key] = digest.hexdigest()
    return found


def _slot_ids(body: etree._Element, slot: Callable[[str, str], str]) -> tuple[int, int, int]:
    """Slots for the ids `bodies.Ids.renumber` gives; how many of each count it takes, and
    how many elements take a slot given before (a bookmark's end, its start's)."""
    mapping: dict[str, str] = {}  # a bookmark's start and end keep one id
    annotations = again = 0
    for element in body.iter(*ANNOTATIONS):
        old = element.get(ID)
        if old is not None:
            new = mapping.get(old)
            if new is None:
                new = mapping[old] = slot("a", str(annotations))
                annotations += 1
            else:
                again += 1
            element.set(ID, new)
    for sdt_pr in body.iter(f"{W}sdtPr"):
        sdt_id = sdt_pr.find(ID)
        if sdt_id is not None:
            sdt_id.set(VAL, slot("a", str(annotations)))
            annotations += 1
    drawings = 0
    for drawing in body.iter(DOC_PR):
        drawing.set("id", slot("d", str(drawings)))
        drawings += 1
    return annotations, drawings, again


def _arrange(
    body: etree._Element, repeat_default: bool
) -> tuple[frozenset[Reference], frozenset[Reference], etree._Element, int]:
    """`bodies.Sections.arrange` but for the empty headers and footers, which depend on the
    documents before: the references of the first section, of all, the last section, and
    how many slots the references repeated on even pages copied."""
    if len(body) == 0 or body[-1].tag != SECT_PR:
        etree.SubElement(body, SECT_PR)
    sections = list(sections_of(body))
    first = sections[0]
    set_attributes(child(first, "type", SECT_PR_ORDER), val="nextPage")
    set_attributes(child(first, "pgNumType", SECT_PR_ORDER), start=1)
    copies = 0
    if repeat_default:
        copies = -_slotted_references(sections)
        for section in sections:
            repeat_default_on_even_pages(section)
        copies += _slotted_references(sections)
    present = frozenset((r.tag, r.get(TYPE, "default")) for r in first.iter(*REFERENCES))
    named = frozenset(
        (r.tag, r.get(TYPE, "default")) for section in sections for r in section.iter(*REFERENCES)
    )
    return present, named, sections[-1], copies


def _slotted_references(sections: list[etree._Element]) -> int:
    return sum(
        SLOT in value
        for section in sections
        for reference in section.iter(*REFERENCES)
        for value in reference.attrib.values()
    )
