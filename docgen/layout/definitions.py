"""The document-wide parts of a combined document: styles, numbering, notes, fonts and settings.

A document has one part of each kind, so the combined document takes each from the first
document that has it (the base) and adds what later documents bring:

- styles: a style whose styleId the base lacks (the first definition of an id wins);
- numbering: every abstract numbering, numbering instance and picture bullet of a later
  document, under new ids, so that each document's lists count on their own;
- footnotes and endnotes: every note of a later document (not the separators), under new ids;
- the font table: every font the base does not list, with its embedded font file;
- settings: the base's, with `w:evenAndOddHeaders` when any document has it.

The web settings and the theme are the first document's. Comments are left out: they are not
printed (the body's comment marks are removed before its relationships are followed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from lxml import etree

from docgen.layout.oxml import child
from docgen.layout.parts import R_NS, Assembly, Source

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL: Final = f"{W}val"
STYLES: Final = "/styles"
NUMBERING: Final = "/numbering"
FOOTNOTES: Final = "/footnotes"
ENDNOTES: Final = "/endnotes"
FONT_TABLE: Final = "/fontTable"
SETTINGS: Final = "/settings"
FIRST_ONLY: Final = ("/webSettings", "/theme", "/glossaryDocument", "/stylesWithEffects")
"""Relationship types the combined document takes from the first document only."""
MERGED: Final = (NUMBERING, STYLES, FOOTNOTES, ENDNOTES, FONT_TABLE, SETTINGS)
"""Document-wide parts merged from every document; numbering first, as added styles use it."""
_SEPARATORS: Final = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_SETTINGS_AFTER_EVEN_AND_ODD: Final = tuple(
    [
        "evenAndOddHeaders",
        "bookFoldRevPrinting",
        "bookFoldPrinting",
        "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing",
        "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery",
        "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin",
        "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin",
        "doNotShadeFormData",
        "noPunctuationKerning",
        "characterSpacingControl",
        "printTwoOnOne",
        "strictFirstAndLastChars",
        "noLineBreaksAfter",
        "noLineBreaksBefore",
        "savePreviewPicture",
        "doNotValidateAgainstSchema",
        "saveInvalidXml",
        "ignoreMixedContent",
        "alwaysShowPlaceholderText",
        "doNotDemarcateInvalidXml",
        "saveXmlDataOnly",
        "useXSLTWhenSaving",
        "saveThroughXslt",
        "showXMLTags",
        "alwaysMergeEmptyNamespace",
        "updateFields",
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)
"""CT_Settings from w:evenAndOddHeaders on: where the element goes in the base's settings."""


@dataclass
class Renumbering:
    """How one document's ids changed in the combined document: old value → new value."""

    numbering: dict[str, str] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)
    endnotes: dict[str, str] = field(default_factory=dict)


@dataclass
class _Base:
    """A document-wide part of the combined document: its tree and its name there."""

    name: str
    root: etree._Element
    source: Source


class Definitions:
    """The document-wide parts of the combined document, built as documents are added."""

    def __init__(self, assembly: Assembly, main: str) -> None:
        self._assembly = assembly
        self._main = main  # the combined main document, owner of the relationships made here
        self._bases: dict[str, _Base] = {}
        self._seen: set[tuple[str, bytes]] = set()  # (type, content) already merged
        self._next: dict[str, int] = {}
        self._even_and_odd: dict[bytes, bool] = {}

    def even_and_odd(self, source: Source) -> bool:
        """Whether `source` prints different footers on even and odd pages."""
        return remembered_even_and_odd(source, self._even_and_odd)

    def add(self, source: Source) -> Renumbering:
        """Merge the document-wide parts of `source`; how the ids of its body must change."""
        renumbering = Renumbering()
        if not self._bases:
            self._take_first_only(source)
        merges: dict[str, Callable[[Source, etree._Element, etree._Element], None]] = {
            STYLES: lambda _, base, new: _add_styles(base, new, renumbering.numbering),
            NUMBERING: lambda _, base, new: self._add_numbering(base, new, renumbering),
            FOOTNOTES: lambda _, base, new: self._add_notes(base, new, renumbering.footnotes),
            ENDNOTES: lambda _, base, new: self._add_notes(base, new, renumbering.endnotes),
            FONT_TABLE: lambda _, base, new: _add_fonts(base, new),
            SETTINGS: lambda source, base, new: self._add_settings(source, base),
        }
        for type_suffix in MERGED:
            part = source.related(source.main, type_suffix)
            if part is None:
                continue
            base = self._bases.get(type_suffix)
            if base is None:
                self._bases[type_suffix] = self._take(source, part, type_suffix)
                self._keep_ids(type_suffix)
                continue
            key = (type_suffix, source.members[part])
            if type_suffix in (STYLES, FONT_TABLE, SETTINGS) and key in self._seen:
                continue  # the same content again adds nothing (numbering and notes always do)
            self._seen.add(key)
            new = source.parse(part)
            self._assembly.relink(new, source, part, base.name)
            merges[type_suffix](source, base.root, new)
        return renumbering

    def finish(self) -> None:
        """Put every document-wide part into the assembly."""
        for base in self._bases.values():
            self._assembly.members[base.name] = base.root

    def set_even_and_odd(self) -> None:
        """Print even and odd pages with their own headers and footers."""
        settings = self._bases.get(SETTINGS)
        if settings is not None and not settings_even_and_odd(settings.root):
            child(settings.root, "evenAndOddHeaders", _SETTINGS_AFTER_EVEN_AND_ODD)

    def _take_first_only(self, source: Source) -> None:
        relationships = self._assembly.relationships(self._main)
        for rel in source.relationships(source.main).values():
            if rel.type.endswith(FIRST_ONLY) and not rel.external and rel.target in source.members:
                relationships.add(rel.type, self._assembly.copy_part(source, rel.target))

    def _take(self, source: Source, part: str, type_suffix: str) -> _Base:
        name = self._assembly.reserve(part, source.content_type(part))
        root = source.parse(part)
        self._assembly.relink(root, source, part, name)
        type_ = _relationship_type(source, part)
        self._assembly.relationships(self._main).add(type_, name)
        self._seen.add((type_suffix, source.members[part]))
        return _Base(name, root, source)

    def _keep_ids(self, type_suffix: str) -> None:
        """Start numbering after the highest id of the base part just taken."""
        root = self._bases[type_suffix].root
        if type_suffix == NUMBERING:
            for tag, id_name in _NUMBERING_IDS:
                self._next[tag] = 1 + max((_int(e.get(id_name)) for e in root.iter(tag)), default=0)
        elif type_suffix in (FOOTNOTES, ENDNOTES):
            ids = (_int(e.get(f"{W}id")) for e in root)
            self._next[type_suffix] = 1 + max(ids, default=0)

    def _new_id(self, key: str) -> str:
        value = self._next.get(key, 1)
        self._next[key] = value + 1
        return str(value)

    def _add_numbering(self, base: etree._Element, new: etree._Element, ids: Renumbering) -> None:
        """Add every definition of `new` under new ids; `ids.numbering` maps its w:numId."""
        pictures: dict[str, str] = {}
        abstracts: dict[str, str] = {}
        for tag, id_name in _NUMBERING_IDS:
            found = {"numPicBullet": pictures, "abstractNum": abstracts}.get(tag[len(W) :])
            mapping = ids.numbering if found is None else found
            for element in new.findall(tag):
                mapping[element.get(id_name, "")] = value = self._new_id(tag)
                element.set(id_name, value)
        for element in new.iter(f"{W}lvlPicBulletId"):
            element.set(VAL, pictures.get(element.get(VAL, ""), element.get(VAL, "")))
        for element in new.iter(f"{W}abstractNumId"):
            element.set(VAL, abstracts.get(element.get(VAL, ""), element.get(VAL, "")))
        groups = [[*base.findall(tag), *new.findall(tag)] for tag, _ in _NUMBERING_IDS]
        rest = [e for e in base if e.tag not in {tag for tag, _ in _NUMBERING_IDS}]
        base[:] = [element for group in groups for element in group] + rest

    def _add_notes(self, base: etree._Element, new: etree._Element, ids: dict[str, str]) -> None:
        """Append the notes of `new` (not its separators) under new ids, recorded in `ids`."""
        key = FOOTNOTES if base.tag == f"{W}footnotes" else ENDNOTES
        for note in new:
            if note.get(f"{W}type") in _SEPARATORS or note.get(f"{W}id") is None:
                continue
            ids[note.get(f"{W}id", "")] = value = self._new_id(key)
            note.set(f"{W}id", value)
            base.append(note)

    def _add_settings(self, source: Source, base: etree._Element) -> None:
        if self.even_and_odd(source):
            self.set_even_and_odd()


_NUMBERING_IDS: Final = (
    (f"{W}numPicBullet", f"{W}numPicBulletId"),
    (f"{W}abstractNum", f"{W}abstractNumId"),
    (f"{W}num", f"{W}numId"),
)


def renumber_numbering(element: etree._Element, mapping: dict[str, str]) -> None:
    """Point every w:numId under `element` to its new id (0, no numbering, stays)."""
    if mapping:
        for num_id in element.iter(f"{W}numId"):
            num_id.set(VAL, mapping.get(num_id.get(VAL, ""), num_id.get(VAL, "")))


def _add_styles(base: etree._Element, new: etree._Element, numbering: dict[str, str]) -> None:
    """Append the styles of `new` whose styleId `base` lacks.

    Why:
        The first definition of a styleId wins. docgen's templates are all made by one builder
        (scripts/build_templates.py through docgen.layout.document), so one styleId means one
        look in all of them, and a template edited in Word keeps the ids of its styles.
    """
    known = {style.get(f"{W}styleId") for style in base.iter(f"{W}style")}
    for style in new.findall(f"{W}style"):
        if style.get(f"{W}styleId") not in known:
            renumber_numbering(style, numbering)
            base.append(style)


def _add_fonts(base: etree._Element, new: etree._Element) -> None:
    known = {font.get(f"{W}name") for font in base.iter(f"{W}font")}
    for font in new.findall(f"{W}font"):
        if font.get(f"{W}name") not in known:
            base.append(font)


def remembered_even_and_odd(source: Source, remembered: dict[bytes, bool]) -> bool:
    """Whether `source` prints different footers on even and odd pages.

    Why `remembered`, keyed by the settings part: every document of a batch carries the same
    one, and parsing it again for each cost more than the answer is worth.
    """
    part = source.related(source.main, SETTINGS)
    if part is None:
        return False
    content = source.members[part]
    found = remembered.get(content)
    if found is None:
        found = remembered[content] = settings_even_and_odd(source.parse(part))
    return found


def settings_even_and_odd(settings: etree._Element) -> bool:
    found = settings.find(f"{W}evenAndOddHeaders")
    return found is not None and found.get(VAL, "true") not in ("0", "false", "off")


def _relationship_type(source: Source, part: str) -> str:
    for rel in source.relationships(source.main).values():
        if rel.target == part and not rel.external:
            return rel.type
    return R_NS + "/unknown"


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
