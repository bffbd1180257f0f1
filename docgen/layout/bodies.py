"""Each document's body in the print file: its sections, its ids, its serialized content.

What `PrintFile` does to every document's body, and what `docgen.layout.pieces` does to a body
away from the print file, in the process that rendered it: both must give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from lxml import etree

from docgen.layout.definitions import VAL, W
from docgen.layout.oxml import child, paragraph_properties, set_attributes
from docgen.layout.parts import R_NS, Assembly

_WORD_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml"
MC_IGNORABLE: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"

SECT_PR: Final = f"{W}sectPr"
BODY: Final = f"{W}body"
P: Final = f"{W}p"
P_PR: Final = f"{W}pPr"
ID: Final = f"{W}id"
TYPE: Final = f"{W}type"
DOC_PR: Final = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
SECT_PR_ORDER: Final = tuple(
    [
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    ]
)
REFERENCES: Final = (f"{W}headerReference", f"{W}footerReference")
ANNOTATIONS: Final = tuple(
    f"{W}{tag}"
    for tag in [
        "bookmarkStart",
        "bookmarkEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    ]
)
"""Elements whose w:id must be unique in the document: bookmarks and tracked changes."""
COMMENT_MARKS: Final = tuple(
    f"{W}{tag}" for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")
)


def content(element: etree._Element) -> bytes:
    """The serialized content of `element` (which has some), without its own tags."""
    data = bytes(etree.tostring(element, encoding="UTF-8", with_tail=False))
    return data[data.index(b">") + 1 : data.rindex(b"</")]


def namespaces(root: etree._Element) -> tuple[tuple[tuple[str | None, str], ...], str]:
    """The namespaces a document's root declares, and those it marks ignorable."""
    return tuple(root.nsmap.items()), root.get(MC_IGNORABLE, "")


class Ids:
    """Ids that must be unique in the whole body, given out in document order."""

    def __init__(self) -> None:
        self.annotations = 0  # the next bookmark, tracked change or content control id
        self.drawings = 1  # the next drawing id

    def renumber(self, body: etree._Element) -> None:
        """Give the bookmarks, tracked changes, content controls and drawings new ids."""
        mapping: dict[str, str] = {}  # a bookmark's start and end keep one id
        for element in body.iter(*ANNOTATIONS):
            old = element.get(ID)
            if old is not None:
                new = mapping.get(old)
                if new is None:
                    new = mapping[old] = str(self.annotations)
                    self.annotations += 1
                element.set(ID, new)
        for sdt_pr in body.iter(f"{W}sdtPr"):
            sdt_id = sdt_pr.find(ID)
            if sdt_id is not None:
                sdt_id.set(VAL, str(self.annotations))
                self.annotations += 1
        for drawing in body.iter(DOC_PR):
            drawing.set("id", str(self.drawings))
            self.drawings += 1


class Sections:
    """Each document's sections: a new page, page numbers from 1, only its own footers."""

    def __init__(self, assembly: Assembly, main: str, even_and_odd: bool) -> None:
        self._assembly = assembly
        self._main = main
        self._even_and_odd = even_and_odd
        self.defined: set[tuple[str, str]] = set()  # (reference tag, type) of earlier sections
        self._empty: dict[str, str] = {}  # reference tag → relationship id of an empty part

    def arrange(self, body: etree._Element, even_and_odd: bool) -> etree._Element:
        """Set up the sections of one document's `body`; return its last (which ends it)."""
        if len(body) == 0 or body[-1].tag != SECT_PR:
            etree.SubElement(body, SECT_PR)
        sections = list(sections_of(body))
        first, final = sections[0], sections[-1]
        set_attributes(child(first, "type", SECT_PR_ORDER), val="nextPage")
        set_attributes(child(first, "pgNumType", SECT_PR_ORDER), start=1)
        if self._even_and_odd and not even_and_odd:
            for section in sections:
                repeat_default_on_even_pages(section)
        present = {(r.tag, r.get(TYPE, "default")) for r in first.iter(*REFERENCES)}
        for tag, type_ in sorted(self.defined - present):
            reference = etree.Element(tag, {TYPE: type_})
            reference.set(f"{{{R_NS}}}id", self._empty_part(tag))
            first.insert(0, reference)
        for section in sections:
            self.defined |= {(r.tag, r.get(TYPE, "default")) for r in section.iter(*REFERENCES)}
        return final

    def _empty_part(self, tag: str) -> str:
        """The relationship id of an empty header or footer, which stops inheritance."""
        found = self._empty.get(tag)
        if found is None:
            kind = "header" if tag == REFERENCES[0] else "footer"
            name = self._assembly.reserve(f"word/{kind}_empty.xml", f"{_WORD_TYPE}.{kind}+xml")
            root = etree.Element(f"{W}{'hdr' if kind == 'header' else 'ftr'}", nsmap={"w": W[1:-1]})
            etree.SubElement(root, P)
            self._assembly.members[name] = root
            relationships = self._assembly.relationships(self._main)
            found = self._empty[tag] = relationships.add(f"{R_NS}/{kind}", name)
        return found


def sections_of(body: etree._Element) -> Iterator[etree._Element]:
    """The section properties of `body` in order (not the old ones of a tracked change)."""
    for section in body.iter(SECT_PR):
        if section.getparent().tag in (P_PR, BODY):
            yield section


def repeat_default_on_even_pages(section: etree._Element) -> None:
    """Give even pages the default header and footer, as a document without even ones has."""
    for tag in REFERENCES:
        types = {r.get(TYPE, "default"): r for r in section.iter(tag)}
        if "default" in types and "even" not in types:
            even = etree.Element(tag, dict(types["default"].attrib))
            even.set(TYPE, "even")
            types["default"].addnext(even)


def end_in_last_paragraph(body: etree._Element, section: etree._Element) -> None:
    """Move the body's section properties into its last paragraph: a section break."""
    body.remove(section)
    last = body[-1] if len(body) else None
    if last is None or last.tag != P or last.find(f"{P_PR}/{SECT_PR}") is not None:
        last = etree.SubElement(body, P)
    properties = paragraph_properties(last)
    change = properties.find(f"{W}pPrChange")
    if change is None:
        properties.append(section)
    else:
        change.addprevious(section)
