"""A new GB/T 9704 Word document: python-docx's default template stripped, then set up.

The set-up writes the styles (docDefaults, Normal and the Gw* styles of `STYLES`), the font
table with fallback names, the settings, the A4 page with its line grid, and the odd/even
page-number footers.
"""

from __future__ import annotations

from typing import Any, Final

from docx import Document
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from docgen.layout.gbt9704 import (
    CHAR_SPACING,
    FONT_ALT_NAMES,
    FONT_BODY,
    FONT_HEADING1,
    FONT_PAGE_NUMBER,
    FOOTER_DISTANCE_MM,
    HEADER_DISTANCE_MM,
    LANGUAGE,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_NUMBER_INDENT,
    PAGE_WIDTH,
    SIZE_3,
    SIZE_4,
    STYLE_NORMAL,
    STYLE_PAGE_NUMBER,
    STYLES,
    TWIPS_PER_MM,
    StyleSpec,
)
from docgen.layout.oxml import (
    PPR_ORDER,
    RPR_ORDER,
    STYLE_ORDER,
    DocxDocument,
    XmlElement,
    add_text,
    child,
    child_last,
    find_style,
    paragraph_properties,
    run_properties,
    set_alignment,
    set_attributes,
    set_char_spacing,
    set_exact_line,
    set_flag,
    set_fonts,
    set_indent,
    set_language,
)

_KEPT_BUILTIN_STYLES: Final = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList"})


def new_document() -> DocxDocument:
    """An empty python-docx Document with the GB/T 9704 page, styles, fonts and page numbers.

    The python-docx default template is stripped of everything that would fight the layout:
    its styles (theme fonts, blue bold Heading styles with keep-with-next), stylesWithEffects,
    numbering, custom XML, the English preview thumbnail and its Japanese theme language.
    """
    document = Document()
    _drop_parts(document)
    _set_up_styles(document)
    _set_up_fonts_table(document)
    _set_up_settings(document)
    set_up_page(document.sections[0])
    add_page_numbers(document)
    return document


def _drop_parts(document: DocxDocument) -> None:
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in {"stylesWithEffects", "customXml", "numbering"}:
            part.drop_rel(r_id)
    package_rels = part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] == "thumbnail":
            package_rels.pop(r_id)


def _set_up_styles(document: DocxDocument) -> None:
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_BUILTIN_STYLES:
            styles.remove(style)
    # document defaults: official body font, 三号, zh-CN, no theme fonts, no spacing after
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default, FONT_BODY, SIZE_3)
    set_language(rpr_default)
    ppr_default = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    set_exact_line(ppr_default)

    normal = find_style(styles, STYLE_NORMAL)
    if normal is None:
        raise KeyError(STYLE_NORMAL)
    ppr = paragraph_properties(normal)
    set_flag(ppr, "widowControl", False)  # LibreOffice keeps 2-line widows: 21 lines a page
    set_flag(ppr, "overflowPunct", True)  # LibreOffice drops a hanging comma otherwise (pdf.md §8)
    set_flag(ppr, "autoSpaceDE", False)  # no extra gap between 汉字 and digits: 2020年6月12日
    set_flag(ppr, "autoSpaceDN", False)
    set_exact_line(ppr)
    set_alignment(ppr, "both")
    set_fonts(normal, FONT_BODY, SIZE_3)
    set_char_spacing(normal, CHAR_SPACING)
    set_language(normal)
    for spec in STYLES:
        styles.append(_style_from_spec(spec))


def _style_from_spec(spec: StyleSpec) -> XmlElement:
    style = OxmlElement("w:style")
    set_attributes(style, type="character" if spec.character else "paragraph", customStyle=1)
    style.set(qn("w:styleId"), spec.style_id)
    set_attributes(child(style, "name", STYLE_ORDER), val=spec.name)
    base = "DefaultParagraphFont" if spec.character else STYLE_NORMAL
    set_attributes(child(style, "basedOn", STYLE_ORDER), val=base)
    child(style, "qFormat", STYLE_ORDER)
    if not spec.character:
        ppr = paragraph_properties(style)
        set_flag(ppr, "keepNext", False)
        set_flag(ppr, "widowControl", False)
        set_flag(ppr, "snapToGrid", spec.snap_to_grid)
        set_exact_line(ppr, spec.line)
        set_indent(ppr, first_line=spec.first_line, left=spec.left, right=spec.right)
        if spec.align is not None:
            set_alignment(ppr, spec.align)
        if spec.outline_level is not None:
            set_attributes(child(ppr, "outlineLvl", PPR_ORDER), val=spec.outline_level)
    set_fonts(style, spec.font, spec.size)
    if spec.char_spacing is not None:
        set_char_spacing(style, spec.char_spacing)
    if spec.color is not None:
        set_attributes(child(run_properties(style), "color", RPR_ORDER), val=spec.color)
    set_language(style)
    return style


def _set_up_fonts_table(document: DocxDocument) -> None:
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{"modern" if name in (FONT_BODY, FONT_HEADING1) else "roman"}"/>'
        f'<w:pitch w:val="variable"/></w:font>'
        for name, alt in FONT_ALT_NAMES.items()
    )
    xml = (
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{entries}</w:fonts>"
    )
    part._blob = serialize_part_xml(parse_xml(xml.encode("utf-8")))


def _set_up_settings(document: DocxDocument) -> None:
    settings = document.settings.element
    for tag in ("savePreviewPicture", "rsids", "proofState"):
        for found in settings.findall(qn(f"w:{tag}")):
            settings.remove(found)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        set_attributes(theme_lang, val=LANGUAGE, eastAsia=LANGUAGE)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013+: a table's border sits on the margin
    document.settings.odd_and_even_pages_header_footer = True


def set_up_page(section: Any) -> None:
    """A4 portrait, GB/T 9704 margins and a lines-only grid of 22 lines (28.95 pt)."""
    sect_pr = section._sectPr
    set_attributes(sect_pr.find(qn("w:pgSz")), w=PAGE_WIDTH, h=PAGE_HEIGHT)
    set_attributes(
        sect_pr.find(qn("w:pgMar")),
        top=MARGIN_TOP,
        bottom=MARGIN_BOTTOM,
        left=MARGIN_LEFT,
        right=MARGIN_RIGHT,
        header=round(HEADER_DISTANCE_MM * TWIPS_PER_MM),
        footer=round(FOOTER_DISTANCE_MM * TWIPS_PER_MM),
        gutter=0,
    )
    for attribute in ("rsidR", "rsidRPr", "rsidSect"):
        sect_pr.attrib.pop(qn(f"w:{attribute}"), None)
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = child_last(sect_pr, "docGrid")
    grid.attrib.clear()
    # Word's own 28 × 22 grid (linesAndChars, charSpace −849) is laid out at about 14
    # characters a line by LibreOffice; the lines grid plus −0.25 pt spacing gives 28 × 22 in both.
    set_attributes(grid, type="lines", linePitch=LINE_PITCH)


def add_page_numbers(document: DocxDocument) -> None:
    """Page numbers "— N —" in 4号宋体: odd pages right (空一字), even pages left (空一字)."""
    section = document.sections[0]
    for footer, align, left, right in (
        (section.footer, "right", 0, PAGE_NUMBER_INDENT),
        (section.even_page_footer, "left", PAGE_NUMBER_INDENT, 0),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]._p
        ppr = paragraph_properties(paragraph)
        set_attributes(child(ppr, "pStyle", PPR_ORDER), val=STYLE_PAGE_NUMBER)
        set_alignment(ppr, align)
        set_indent(ppr, left=left, right=right)
        for text, field in (
            ("— ", None),
            (None, "begin"),
            (" PAGE ", "instr"),
            (None, "separate"),
            ("1", None),
            (None, "end"),
            (" —", None),
        ):
            run = OxmlElement("w:r")
            set_fonts(run, FONT_PAGE_NUMBER, SIZE_4)
            if field in ("begin", "separate", "end"):
                set_attributes(child_last(run, "fldChar"), fldCharType=str(field))
            elif field == "instr":
                add_text(run, str(text), "instrText")
            else:
                add_text(run, str(text))
            paragraph.append(run)
