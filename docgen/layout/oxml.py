"""WordprocessingML elements in schema order: children, w: attributes, run and paragraph properties.

python-docx appends what it does not model; these helpers put each child where ECMA-376 wants
it, so Word, WPS and LibreOffice all read the properties, and write each setting explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from docgen.layout.gbt9704 import LANGUAGE, LATIN_LANGUAGE, LINE_PITCH

# python-docx ships no type information: its objects are typed as Any here.
DocxDocument = Any
XmlElement = Any

_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- element order (ECMA-376 sequences python-docx does not know about) --------------------------
RPR_ORDER: Final = _words(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
    " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u"
    " effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
PPR_ORDER: Final = _words(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers"
    " pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct"
    " autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing"
    " mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl"
    " divId cnfStyle rPr sectPr pPrChange"
)
STYLE_ORDER: Final = _words(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed"
    " qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr"
    " tblStylePr"
)
TBLPR_ORDER: Final = _words(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
    " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
)
TCPR_ORDER: Final = _words(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText"
    " vAlign hideMark"
)
#: w:rFonts attributes naming a theme font; in Word they win over the font names.
THEME_FONT_ATTRIBUTES: Final = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


# --- elements -----------------------------------------------------------------------------------


def child(parent: XmlElement, tag: str, order: Sequence[str]) -> XmlElement:
    """Return the `w:<tag>` child of `parent`, inserting it where the schema `order` wants it."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{tag}")
    later = set(order[order.index(tag) + 1 :])
    for index, existing in enumerate(parent):
        local = existing.tag.rpartition("}")[2]
        if local in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def child_last(parent: XmlElement, tag: str) -> XmlElement:
    """Append a new `w:<tag>` child to `parent` and return it."""
    element = OxmlElement(f"w:{tag}")
    parent.append(element)
    return element


def _leading_child(parent: XmlElement, tag: str) -> XmlElement:
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.insert(0, found)
    return found


def set_attributes(element: XmlElement, **values: str | int) -> XmlElement:
    """Set `w:` attributes on `element` (keyword names are the attribute local names)."""
    for name, value in values.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def add_text(run: XmlElement, text: str, tag: str = "t") -> None:
    """Append a w:t (or another text element such as w:instrText) holding `text` to `run`.

    Spaces are preserved.
    """
    element = child_last(run, tag)
    element.set(_XML_SPACE, "preserve")
    element.text = text


def find_style(styles: XmlElement, style_id: str | None) -> XmlElement | None:
    """The first w:style of the w:styles element `styles` with the id `style_id`, if any."""
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


def run_properties(owner: XmlElement) -> XmlElement:
    """The w:rPr of a run, a style or a pPr, or `owner` itself if it is one (created if missing)."""
    local = owner.tag.rpartition("}")[2]
    if local == "rPr":
        return owner
    if local == "r":
        return _leading_child(owner, "rPr")
    return child(owner, "rPr", PPR_ORDER if local == "pPr" else STYLE_ORDER)


def paragraph_properties(owner: XmlElement) -> XmlElement:
    """The w:pPr of a paragraph or a style (created in its schema place if missing)."""
    if owner.tag == qn("w:p"):
        return _leading_child(owner, "pPr")
    return child(owner, "pPr", STYLE_ORDER)


# --- run properties -----------------------------------------------------------------------------


def set_fonts(owner: XmlElement, font: str, size: float | None = None) -> None:
    """Write `font` into all four rFonts slots of `owner` (run, style or rPr), with the hint.

    Why:
        python-docx's `font.name` sets only w:ascii and w:hAnsi, so Chinese text would keep the
        inherited East Asian font, and theme attributes (w:eastAsiaTheme, ...) win over names
        in Word. Quotes and dashes are in the ascii range: without w:hint they fall to a Latin
        font (domain.md §1.7).
    """
    rpr = run_properties(owner)
    fonts = child(rpr, "rFonts", RPR_ORDER)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    set_attributes(fonts, ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")
    if size is not None:
        half_points = round(size * 2)
        set_attributes(child(rpr, "sz", RPR_ORDER), val=half_points)
        set_attributes(child(rpr, "szCs", RPR_ORDER), val=half_points)


def set_language(owner: XmlElement) -> None:
    """Mark `owner` (run, style or rPr) as Simplified Chinese East Asian text (Latin: en-US)."""
    lang = child(run_properties(owner), "lang", RPR_ORDER)
    set_attributes(lang, val=LATIN_LANGUAGE, eastAsia=LANGUAGE, bidi="ar-SA")


def set_char_spacing(owner: XmlElement, twips: int) -> None:
    """Character spacing of `owner` (run, style or rPr) in twips; negative condenses."""
    set_attributes(child(run_properties(owner), "spacing", RPR_ORDER), val=twips)


# --- paragraph properties -----------------------------------------------------------------------


def set_exact_line(ppr: XmlElement, line: int = LINE_PITCH) -> None:
    """Exact line height with no space before or after the paragraph."""
    spacing = child(ppr, "spacing", PPR_ORDER)
    set_attributes(spacing, before=0, after=0, line=line, lineRule="exact")


def set_flag(ppr: XmlElement, tag: str, on: bool) -> None:
    """Write an on/off paragraph property such as keepNext or snapToGrid explicitly."""
    set_attributes(child(ppr, tag, PPR_ORDER), val=1 if on else 0)


def set_indent(
    ppr: XmlElement,
    *,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
) -> None:
    """Indents in twips; every side not given is written as 0 so that no inherited value leaks."""
    ind = child(ppr, "ind", PPR_ORDER)
    set_attributes(ind, left=left or 0, right=right or 0, firstLine=first_line or 0)


def set_alignment(ppr: XmlElement, value: str) -> None:
    """Paragraph alignment (w:jc: left, center, right, both)."""
    set_attributes(child(ppr, "jc", PPR_ORDER), val=value)


def add_tab_stop(ppr: XmlElement, position: int, kind: str = "right") -> None:
    """A tab stop at `position` twips from the left indent."""
    set_attributes(child_last(child(ppr, "tabs", PPR_ORDER), "tab"), val=kind, pos=position)
