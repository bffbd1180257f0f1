"""GB/T 9704-2012 page layout for docgen's Word templates: numbers, python-docx helpers, a check.

Every length is in twips (1/20 pt) unless its name says otherwise. The numbers follow the
shared design notes (domain.md §1, GB/T 9704-2012) and the LibreOffice pitfalls of pdf.md §8:
exact 28.95 pt lines (579 twips) on a lines-only document grid, −0.25 pt character spacing so
that 28 characters fill the 156 mm type area, widow control off, plain paragraph styles instead
of Word's Heading styles (no keep-with-next), and the official font names in all four rFonts
slots.

`layout_problems` inspects an opened python-docx Document (a template or a rendered document)
and returns its departures from this layout as English sentences.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from docx import Document
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

# python-docx ships no type information: its objects are typed as Any here.
DocxDocument = Any
XmlElement = Any

# --- page (GB/T 9704-2012 §5.1, §5.2.1; DOCX numbers from domain.md §1.8) ---------------------
PAGE_WIDTH: Final = 11906  # A4 210 mm
PAGE_HEIGHT: Final = 16838  # A4 297 mm
MARGIN_TOP: Final = 2098  # 天头 37 mm
MARGIN_BOTTOM: Final = 1984  # 35 mm
MARGIN_LEFT: Final = 1588  # 订口 28 mm
MARGIN_RIGHT: Final = 1474  # 26 mm
TYPE_AREA_WIDTH: Final = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 = 156 mm
TWIPS_PER_MM: Final = 1440 / 25.4
HEADER_DISTANCE_MM: Final = 15
FOOTER_DISTANCE_MM: Final = 25  # "— 1 —" about 7 mm below the type area (pdf.md §3)

#: 28.95 pt: 22 lines fill the 225 mm type area (580 twips gives 21 lines in LibreOffice).
LINE_PITCH: Final = 579
LINES_PER_PAGE: Final = 22
CHARS_PER_LINE: Final = 28
CHAR_SPACING: Final = -5  # −0.25 pt per character: 28 × 15.75 pt ≤ 156 mm

# --- fonts and sizes (§1.6, §1.7) -------------------------------------------------------------
FONT_TITLE: Final = "方正小标宋简体"
FONT_BODY: Final = "仿宋_GB2312"
FONT_HEADING1: Final = "黑体"
FONT_HEADING2: Final = "楷体_GB2312"
FONT_PAGE_NUMBER: Final = "宋体"
FONT_TABLE: Final = FONT_BODY
OFFICIAL_FONTS: Final = frozenset({FONT_TITLE, FONT_BODY, FONT_HEADING1, FONT_HEADING2, "宋体"})
#: Name Word/WPS falls back to when the official font is not installed (fontTable altName).
FONT_ALT_NAMES: Final[Mapping[str, str]] = {
    FONT_BODY: "仿宋",
    FONT_TITLE: "宋体",
    FONT_HEADING1: "SimHei",
    FONT_HEADING2: "楷体",
    FONT_PAGE_NUMBER: "SimSun",
}

SIZE_2: Final = 22.0  # 二号, title
SIZE_3: Final = 16.0  # 三号, body and headings
SIZE_4: Final = 14.0  # 四号, page numbers and tables
SIZE_SMALL_4: Final = 12.0  # 小四, compact form tables

CHAR_WIDTH: Final = 320  # one 三号 character ("空一字")
FIRST_LINE_INDENT: Final = 2 * CHAR_WIDTH  # 每段左空二字
DATE_RIGHT_INDENT: Final = 4 * CHAR_WIDTH  # 成文日期右空四字 (§1.4)
PAGE_NUMBER_INDENT: Final = 280  # one 四号 character: 单页码居右空一字, 双页码居左空一字
#: 署名 is centred over the 成文日期: the date "2020年6月12日" is about 2030 twips wide and ends
#: DATE_RIGHT_INDENT before the right margin, so its centre lies at about 6549 twips; a centred
#: paragraph indented by twice that minus the type area width shares the centre and still takes
#: names of up to 14 characters on one line.
SIGNATURE_LEFT_INDENT: Final = 2 * (TYPE_AREA_WIDTH - DATE_RIGHT_INDENT - 1015) - TYPE_AREA_WIDTH
#: Blank lines above 署名: a 42 mm seal pressing 署名 and date reaches within one line of the text.
SEAL_ROOM_LINES: Final = 3

FORM_LINE: Final = 440  # 22 pt exact lines in one-page form tables (送达回证)
COMPACT_FORM_LINE: Final = 400  # 20 pt exact lines for 小四 forms that must fit one page (审批表)
TABLE_CELL_MARGIN: Final = 85  # 1.5 mm left and right inside table cells
TABLE_BORDER: Final = 4  # ½ pt
TABLE_OUTER_BORDER: Final = 8  # 1 pt

LANGUAGE: Final = "zh-CN"
#: Language of Latin text (w:lang w:val), as Chinese Word writes it. With zh-CN here LibreOffice
#: breaks lines inside numbers and words ("XF2 / 020-018", "于2 / 020年"); en-US keeps them whole.
LATIN_LANGUAGE: Final = "en-US"

# --- styles -------------------------------------------------------------------------------------
STYLE_NORMAL: Final = "Normal"
STYLE_TITLE: Final = "GwTitle"
STYLE_DOC_NUMBER: Final = "GwDocNumber"
STYLE_BODY: Final = "GwBody"
STYLE_FLUSH: Final = "GwFlush"
STYLE_HEADING1: Final = "GwHeading1"
STYLE_HEADING2: Final = "GwHeading2"
STYLE_HEADING1_CHAR: Final = "GwHeading1Char"
STYLE_HEADING2_CHAR: Final = "GwHeading2Char"
STYLE_SIGNATURE: Final = "GwSignature"
STYLE_DATE: Final = "GwDate"
STYLE_TABLE_TEXT: Final = "GwTableText"
STYLE_TABLE_HEAD: Final = "GwTableHead"
STYLE_FORM_TEXT: Final = "GwFormText"
STYLE_COMPACT_FORM_TEXT: Final = "GwCompactFormText"
STYLE_TAG: Final = "GwTag"
STYLE_PAGE_NUMBER: Final = "GwPageNumber"


@dataclass(frozen=True)
class StyleSpec:
    """One style of the template: a paragraph style unless `character` is true."""

    style_id: str
    name: str  # shown in Word's style gallery
    font: str
    size: float = SIZE_3
    align: str | None = None  # w:jc value
    first_line: int | None = None
    left: int | None = None
    right: int | None = None
    line: int = LINE_PITCH  # exact line height
    snap_to_grid: bool = True
    char_spacing: int | None = None  # None: inherit Normal's −0.25 pt
    outline_level: int | None = None
    color: str | None = None
    character: bool = False


STYLES: Final[tuple[StyleSpec, ...]] = (
    StyleSpec(
        STYLE_TITLE, "公文标题", FONT_TITLE, SIZE_2, "center", snap_to_grid=False, char_spacing=0
    ),
    StyleSpec(STYLE_DOC_NUMBER, "公文文号", FONT_BODY, align="right"),
    StyleSpec(STYLE_BODY, "公文正文", FONT_BODY, align="both", first_line=FIRST_LINE_INDENT),
    StyleSpec(STYLE_FLUSH, "公文顶格", FONT_BODY, align="both"),
    StyleSpec(
        STYLE_HEADING1,
        "公文一级标题",
        FONT_HEADING1,
        align="both",
        first_line=FIRST_LINE_INDENT,
        outline_level=0,
    ),
    StyleSpec(
        STYLE_HEADING2,
        "公文二级标题",
        FONT_HEADING2,
        align="both",
        first_line=FIRST_LINE_INDENT,
        outline_level=1,
    ),
    StyleSpec(STYLE_HEADING1_CHAR, "公文一级标题字符", FONT_HEADING1, character=True),
    StyleSpec(STYLE_HEADING2_CHAR, "公文二级标题字符", FONT_HEADING2, character=True),
    StyleSpec(STYLE_SIGNATURE, "公文署名", FONT_BODY, align="center", left=SIGNATURE_LEFT_INDENT),
    StyleSpec(STYLE_DATE, "公文成文日期", FONT_BODY, align="right", right=DATE_RIGHT_INDENT),
    StyleSpec(STYLE_TABLE_TEXT, "表格文字", FONT_TABLE, SIZE_4, "left", char_spacing=0),
    StyleSpec(STYLE_TABLE_HEAD, "表格表头", FONT_HEADING1, SIZE_4, "center", char_spacing=0),
    StyleSpec(
        STYLE_FORM_TEXT,
        "表单文字",
        FONT_TABLE,
        SIZE_4,
        "left",
        line=FORM_LINE,
        snap_to_grid=False,
        char_spacing=0,
    ),
    StyleSpec(
        STYLE_COMPACT_FORM_TEXT,
        "表单文字（小四）",
        FONT_TABLE,
        SIZE_SMALL_4,
        "left",
        line=COMPACT_FORM_LINE,
        snap_to_grid=False,
        char_spacing=0,
    ),
    StyleSpec(STYLE_TAG, "模板标签", FONT_BODY, align="left", color="7F7F7F"),
    StyleSpec(STYLE_PAGE_NUMBER, "公文页码", FONT_PAGE_NUMBER, SIZE_4, char_spacing=0),
)
STYLE_SPECS: Final[Mapping[str, StyleSpec]] = {s.style_id: s for s in STYLES}

#: Paragraph styles whose runs `layout_problems` checks for the right East Asian font.
CHECKED_PARAGRAPH_STYLES: Final = frozenset(
    {STYLE_TITLE, STYLE_BODY, STYLE_FLUSH, STYLE_HEADING1, STYLE_HEADING2}
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- element order (ECMA-376 sequences python-docx does not know about) --------------------------
_RPR_ORDER: Final = _words(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
    " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u"
    " effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_PPR_ORDER: Final = _words(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers"
    " pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct"
    " autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing"
    " mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl"
    " divId cnfStyle rPr sectPr pPrChange"
)
_STYLE_ORDER: Final = _words(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed"
    " qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr"
    " tblStylePr"
)
_TBLPR_ORDER: Final = _words(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
    " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook"
)
_TCPR_ORDER: Final = _words(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText"
    " vAlign hideMark"
)
_THEME_FONT_ATTRIBUTES: Final = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


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


def set_attributes(element: XmlElement, **values: str | int) -> XmlElement:
    """Set `w:` attributes on `element` (keyword names are the attribute local names)."""
    for name, value in values.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def run_properties(owner: XmlElement) -> XmlElement:
    """The w:rPr of a run, a style or a pPr, or `owner` itself if it is one (created if missing)."""
    local = owner.tag.rpartition("}")[2]
    if local == "rPr":
        return owner
    if local == "r":
        return _leading_child(owner, "rPr")
    return child(owner, "rPr", _PPR_ORDER if local == "pPr" else _STYLE_ORDER)


def paragraph_properties(owner: XmlElement) -> XmlElement:
    """The w:pPr of a paragraph or a style (created in its schema place if missing)."""
    if owner.tag == qn("w:p"):
        return _leading_child(owner, "pPr")
    return child(owner, "pPr", _STYLE_ORDER)


def _leading_child(parent: XmlElement, tag: str) -> XmlElement:
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.insert(0, found)
    return found


def set_fonts(owner: XmlElement, font: str, size: float | None = None) -> None:
    """Write `font` into all four rFonts slots of `owner` (run, style or rPr), with the hint.

    Why:
        python-docx's `font.name` sets only w:ascii and w:hAnsi, so Chinese text would keep the
        inherited East Asian font, and theme attributes (w:eastAsiaTheme, ...) win over names
        in Word. Quotes and dashes are in the ascii range: without w:hint they fall to a Latin
        font (domain.md §1.7).
    """
    rpr = run_properties(owner)
    fonts = child(rpr, "rFonts", _RPR_ORDER)
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    set_attributes(fonts, ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia")
    if size is not None:
        half_points = round(size * 2)
        set_attributes(child(rpr, "sz", _RPR_ORDER), val=half_points)
        set_attributes(child(rpr, "szCs", _RPR_ORDER), val=half_points)


def set_language(owner: XmlElement) -> None:
    """Mark `owner` (run, style or rPr) as Simplified Chinese East Asian text (Latin: en-US)."""
    lang = child(run_properties(owner), "lang", _RPR_ORDER)
    set_attributes(lang, val=LATIN_LANGUAGE, eastAsia=LANGUAGE, bidi="ar-SA")


def set_char_spacing(owner: XmlElement, twips: int) -> None:
    """Character spacing of `owner` (run, style or rPr) in twips; negative condenses."""
    set_attributes(child(run_properties(owner), "spacing", _RPR_ORDER), val=twips)


def set_exact_line(ppr: XmlElement, line: int = LINE_PITCH) -> None:
    """Exact line height with no space before or after the paragraph."""
    spacing = child(ppr, "spacing", _PPR_ORDER)
    set_attributes(spacing, before=0, after=0, line=line, lineRule="exact")


def set_flag(ppr: XmlElement, tag: str, on: bool) -> None:
    """Write an on/off paragraph property such as keepNext or snapToGrid explicitly."""
    set_attributes(child(ppr, tag, _PPR_ORDER), val=1 if on else 0)


def set_indent(
    ppr: XmlElement,
    *,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
) -> None:
    """Indents in twips; every side not given is written as 0 so that no inherited value leaks."""
    ind = child(ppr, "ind", _PPR_ORDER)
    set_attributes(ind, left=left or 0, right=right or 0, firstLine=first_line or 0)


def set_alignment(ppr: XmlElement, value: str) -> None:
    """Paragraph alignment (w:jc: left, center, right, both)."""
    set_attributes(child(ppr, "jc", _PPR_ORDER), val=value)


def add_tab_stop(ppr: XmlElement, position: int, kind: str = "right") -> None:
    """A tab stop at `position` twips from the left indent."""
    tabs = child(ppr, "tabs", _PPR_ORDER)
    tab = OxmlElement("w:tab")
    set_attributes(tab, val=kind, pos=position)
    tabs.append(tab)


# --- document set-up ------------------------------------------------------------------------


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


_KEPT_BUILTIN_STYLES: Final = frozenset({"Normal", "DefaultParagraphFont", "TableNormal", "NoList"})


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

    normal = _style_element(styles, STYLE_NORMAL)
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


def _style_element(styles: XmlElement, style_id: str) -> XmlElement:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    raise KeyError(style_id)


def _style_from_spec(spec: StyleSpec) -> XmlElement:
    style = OxmlElement("w:style")
    set_attributes(style, type="character" if spec.character else "paragraph", customStyle=1)
    style.set(qn("w:styleId"), spec.style_id)
    set_attributes(child(style, "name", _STYLE_ORDER), val=spec.name)
    base = "DefaultParagraphFont" if spec.character else STYLE_NORMAL
    set_attributes(child(style, "basedOn", _STYLE_ORDER), val=base)
    child(style, "qFormat", _STYLE_ORDER)
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
            set_attributes(child(ppr, "outlineLvl", _PPR_ORDER), val=spec.outline_level)
    set_fonts(style, spec.font, spec.size)
    if spec.char_spacing is not None:
        set_char_spacing(style, spec.char_spacing)
    if spec.color is not None:
        set_attributes(child(run_properties(style), "color", _RPR_ORDER), val=spec.color)
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
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
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
        set_attributes(child(ppr, "pStyle", _PPR_ORDER), val=STYLE_PAGE_NUMBER)
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
                instr = child_last(run, "instrText")
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instr.text = text
            else:
                add_text(run, str(text))
            paragraph.append(run)


def child_last(parent: XmlElement, tag: str) -> XmlElement:
    """Append a new `w:<tag>` child to `parent` and return it."""
    element = OxmlElement(f"w:{tag}")
    parent.append(element)
    return element


def add_text(run: XmlElement, text: str) -> None:
    """Append a w:t holding `text` (spaces preserved) to `run`."""
    t = child_last(run, "t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text


# --- content --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text in one character style (None: the paragraph style's font)."""

    text: str
    style: str | None = None


def new_paragraph(
    style: str,
    runs: Iterable[Run] = (),
    *,
    keep_next: bool = False,
    align: str | None = None,
    right_tab: bool = False,
) -> XmlElement:
    """A w:p in `style` whose runs carry the official font of their style in all four slots.

    A tab in a run's text becomes w:tab, a newline w:br (a line break inside the paragraph).
    """
    paragraph = OxmlElement("w:p")
    ppr = paragraph_properties(paragraph)
    set_attributes(child(ppr, "pStyle", _PPR_ORDER), val=style)
    if keep_next:
        set_flag(ppr, "keepNext", True)
    if right_tab:
        add_tab_stop(ppr, TYPE_AREA_WIDTH, "right")
    if align is not None:
        set_alignment(ppr, align)
    paragraph_font = STYLE_SPECS[style].font if style in STYLE_SPECS else FONT_BODY
    for piece in runs:
        run = OxmlElement("w:r")
        if piece.style is not None:
            set_attributes(child(run_properties(run), "rStyle", _RPR_ORDER), val=piece.style)
        set_fonts(run, STYLE_SPECS[piece.style].font if piece.style else paragraph_font)
        for line_number, line in enumerate(piece.text.split("\n")):
            if line_number:
                child_last(run, "br")
            for index, segment in enumerate(line.split("\t")):
                if index:
                    child_last(run, "tab")
                if segment:
                    add_text(run, segment)
        paragraph.append(run)
    return paragraph


@dataclass(frozen=True)
class Cell:
    """One table cell: paragraphs of (alignment, text), a column span, a vertical alignment."""

    paragraphs: Sequence[tuple[str | None, str]]
    span: int = 1
    valign: str = "center"


@dataclass(frozen=True)
class Row:
    """One table row; `min_height` in twips (0: as high as its text), `header` repeats it."""

    cells: Sequence[Cell]
    min_height: int = 0
    header: bool = False


def new_table(widths: Sequence[int], rows: Sequence[Row], text_style: str) -> XmlElement:
    """A bordered table with fixed column `widths` (twips, summing to the type area width).

    Rows cannot split across pages; paragraphs in cells use `text_style` (header rows
    STYLE_TABLE_HEAD), and paragraphs holding only a docxtpl tag use STYLE_TAG.
    """
    if sum(widths) != TYPE_AREA_WIDTH:
        raise ValueError(f"column widths sum to {sum(widths)} twips, not {TYPE_AREA_WIDTH}")
    table = OxmlElement("w:tbl")
    tbl_pr = child_last(table, "tblPr")
    set_attributes(child(tbl_pr, "tblW", _TBLPR_ORDER), w=TYPE_AREA_WIDTH, type="dxa")
    set_attributes(child(tbl_pr, "jc", _TBLPR_ORDER), val="left")
    set_attributes(child(tbl_pr, "tblInd", _TBLPR_ORDER), w=0, type="dxa")
    borders = child(tbl_pr, "tblBorders", _TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = TABLE_BORDER if side.startswith("inside") else TABLE_OUTER_BORDER
        set_attributes(child_last(borders, side), val="single", sz=size, space=0, color="000000")
    set_attributes(child(tbl_pr, "tblLayout", _TBLPR_ORDER), type="fixed")
    margins = child(tbl_pr, "tblCellMar", _TBLPR_ORDER)
    for side in ("left", "right"):
        set_attributes(child_last(margins, side), w=TABLE_CELL_MARGIN, type="dxa")
    set_attributes(
        child(tbl_pr, "tblLook", _TBLPR_ORDER),
        val="0000",
        firstRow=0,
        lastRow=0,
        firstColumn=0,
        lastColumn=0,
        noHBand=1,
        noVBand=1,
    )
    grid = child_last(table, "tblGrid")
    for width in widths:
        set_attributes(child_last(grid, "gridCol"), w=width)
    for row in rows:
        table.append(_new_row(widths, row, text_style))
    return table


def _new_row(widths: Sequence[int], row: Row, text_style: str) -> XmlElement:
    if sum(cell.span for cell in row.cells) != len(widths):
        raise ValueError(f"a row spans {sum(c.span for c in row.cells)} of {len(widths)} columns")
    tr = OxmlElement("w:tr")
    tr_pr = child_last(tr, "trPr")
    child_last(tr_pr, "cantSplit")
    if row.min_height:
        set_attributes(child_last(tr_pr, "trHeight"), val=row.min_height, hRule="atLeast")
    if row.header:
        child_last(tr_pr, "tblHeader")
    column = 0
    for cell in row.cells:
        tc = child_last(tr, "tc")
        tc_pr = child_last(tc, "tcPr")
        width = sum(widths[column : column + cell.span])
        column += cell.span
        set_attributes(child(tc_pr, "tcW", _TCPR_ORDER), w=width, type="dxa")
        if cell.span > 1:
            set_attributes(child(tc_pr, "gridSpan", _TCPR_ORDER), val=cell.span)
        set_attributes(child(tc_pr, "vAlign", _TCPR_ORDER), val=cell.valign)
        for align, text in cell.paragraphs or [(None, "")]:
            if is_tag_only(text):
                tc.append(new_paragraph(STYLE_TAG, [Run(text)]))
                continue
            style = STYLE_TABLE_HEAD if row.header else text_style
            tc.append(new_paragraph(style, [Run(text)] if text else [], align=align))
    return tr


def is_tag_only(text: str) -> bool:
    """Whether `text` is a docxtpl paragraph/row/cell tag that removes its whole element."""
    stripped = text.strip()
    return stripped.startswith(("{%p ", "{%tr ", "{%tc ")) and stripped.endswith("%}")


# --- saving -----------------------------------------------------------------------------------

FIXED_TIME: Final = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)


def docx_bytes(document: DocxDocument, title: str, subject: str = "") -> bytes:
    """The saved .docx, byte-identical for identical content.

    Why:
        python-docx writes every zip entry with the current clock time. The core properties
        get fixed values here and the package is re-zipped with fixed entry times.
    """
    core = document.core_properties
    core.title = title
    core.subject = subject
    core.author = "docgen"
    core.last_modified_by = "docgen"
    core.comments = "docgen 默认模板（GB/T 9704-2012），由 scripts/build_templates.py 生成"
    core.keywords = "docgen; GB/T 9704-2012"
    core.category = "模板"
    core.language = LANGUAGE
    core.revision = 1
    core.created = FIXED_TIME.replace(tzinfo=None)
    core.modified = FIXED_TIME.replace(tzinfo=None)
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Re-zip `data` with fixed entry times and attributes, keeping the entry order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- the check ---------------------------------------------------------------------------------

_EXPECTED_FONTS: Final[Mapping[str, str]] = {s.style_id: s.font for s in STYLES}
_TWIPS_TOLERANCE: Final = 3  # Word may round a length when it saves the file


def layout_problems(document: DocxDocument) -> list[str]:
    """Departures of an opened python-docx Document from the GB/T 9704 layout, in English.

    Checks every section's page size, margins, line grid and odd/even page-number footers;
    the Normal style (仿宋_GB2312, 16 pt, exact 579-twip lines); the language; the absence of
    theme font attributes in styles, body, headers and footers; and the East Asian font that
    every run of a title, body or heading paragraph resolves to. An empty list means clean.
    """
    problems: list[str] = []
    problems += _page_problems(document)
    problems += _style_problems(document)
    problems += _theme_font_problems(document)
    problems += _run_font_problems(document)
    return problems


def _page_problems(document: DocxDocument) -> Iterator[str]:
    settings = document.settings.element
    even_odd = settings.find(qn("w:evenAndOddHeaders"))
    if even_odd is None or even_odd.get(qn("w:val")) in ("0", "false", "off"):
        yield "settings: evenAndOddHeaders is off, so even pages cannot put the number on the left"
    expected = {
        "pgSz": {"w": PAGE_WIDTH, "h": PAGE_HEIGHT},
        "pgMar": {
            "top": MARGIN_TOP,
            "bottom": MARGIN_BOTTOM,
            "left": MARGIN_LEFT,
            "right": MARGIN_RIGHT,
        },
    }
    for number, section in enumerate(document.sections, 1):
        where = f"section {number}"
        sect_pr = section._sectPr
        for tag, values in expected.items():
            element = sect_pr.find(qn(f"w:{tag}"))
            for name, want in values.items():
                got = _int_attribute(element, name)
                if got is None or abs(got - want) > _TWIPS_TOLERANCE:
                    yield f"{where}: {tag} {name} is {got} twips, expected {want}"
        orient = sect_pr.find(qn("w:pgSz"))
        if orient is not None and orient.get(qn("w:orient")) == "landscape":
            yield f"{where}: the page is landscape, expected A4 portrait"
        grid = sect_pr.find(qn("w:docGrid"))
        if grid is None or grid.get(qn("w:type")) != "lines":
            got_type = None if grid is None else grid.get(qn("w:type"))
            yield f'{where}: docGrid type is {got_type}, expected "lines" (22 lines a page)'
        if _int_attribute(grid, "linePitch") != LINE_PITCH:
            yield (
                f"{where}: docGrid linePitch is {_int_attribute(grid, 'linePitch')}, "
                f"expected {LINE_PITCH}"
            )
        yield from _footer_problems(section, where)


def _footer_problems(section: Any, where: str) -> Iterator[str]:
    for label, footer in (("odd-page", section.footer), ("even-page", section.even_page_footer)):
        if footer.is_linked_to_previous:
            yield f"{where}: no {label} footer with the page number"
            continue
        element = footer.part.element
        instructions = "".join(t.text or "" for t in element.iter(qn("w:instrText")))
        simple = [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
        if "PAGE" not in instructions and not any("PAGE" in s for s in simple):
            yield f"{where}: the {label} footer has no PAGE field"
            continue
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        if "—" not in text:
            yield f'{where}: the {label} footer does not show the number as "— N —"'
        for run in element.iter(qn("w:r")):
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if run.find(qn("w:t")) is not None and (
                fonts is None or fonts.get(qn("w:eastAsia")) != FONT_PAGE_NUMBER
            ):
                yield f"{where}: the {label} footer number is not in {FONT_PAGE_NUMBER}"
                break


def _int_attribute(element: XmlElement | None, name: str) -> int | None:
    if element is None:
        return None
    value = element.get(qn(f"w:{name}"))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _style_problems(document: DocxDocument) -> Iterator[str]:
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = None if defaults is None else defaults.find(qn("w:lang"))
    if lang is None or lang.get(qn("w:eastAsia")) != LANGUAGE:
        got = None if lang is None else lang.get(qn("w:eastAsia"))
        yield f"document defaults: East Asian language is {got}, expected {LANGUAGE}"
    normal = _find_style(styles, _default_paragraph_style_id(styles))
    if normal is None:
        yield "styles: there is no default paragraph style (Normal)"
        return
    resolver = _FontResolver(styles)
    font = resolver.style_font(normal.get(qn("w:styleId")))
    if font != FONT_BODY:
        yield f"Normal style: East Asian font is {font}, expected {FONT_BODY}"
    size = resolver.style_size(normal.get(qn("w:styleId")))
    if size != round(SIZE_3 * 2):
        shown = None if size is None else size / 2
        yield f"Normal style: font size is {shown} pt, expected {SIZE_3:g} pt (三号)"
    spacing = normal.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    if (
        spacing is None
        or spacing.get(qn("w:lineRule")) != "exact"
        or _int_attribute(spacing, "line") != LINE_PITCH
    ):
        yield f"Normal style: line spacing is not exactly {LINE_PITCH} twips (28.95 pt)"
    for style in styles.findall(qn("w:style")):
        if style.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None and _is_on(
            style.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        ):
            name = style.get(qn("w:styleId"))
            if _style_in_use(document, name):
                yield f"style {name}: keep-with-next in a style pushes headings to the next page"


def _is_on(element: XmlElement) -> bool:
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _style_in_use(document: DocxDocument, style_id: str) -> bool:
    return any(p.get(qn("w:val")) == style_id for p in document.element.body.iter(qn("w:pStyle")))


def _find_style(styles: XmlElement, style_id: str | None) -> XmlElement | None:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


def _default_paragraph_style_id(styles: XmlElement) -> str | None:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            return str(style.get(qn("w:styleId")))
    return None


def _theme_font_problems(document: DocxDocument) -> Iterator[str]:
    parts: list[tuple[str, XmlElement]] = [
        ("styles", document.styles.element),
        ("document", document.element),
    ]
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            parts.append((rel.target_ref, rel.target_part.element))
    for name, element in parts:
        found = sorted(
            {
                attribute
                for fonts in element.iter(qn("w:rFonts"))
                for attribute in _THEME_FONT_ATTRIBUTES
                if fonts.get(qn(f"w:{attribute}")) is not None
            }
        )
        if found:
            yield f"{name}: theme font attributes {', '.join(found)} override the font names"


class _FontResolver:
    """The East Asian font and size a style or run resolves to, following basedOn chains."""

    def __init__(self, styles: XmlElement) -> None:
        self._styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self._default_font = _east_asia(defaults)
        self._default_size = _half_points(defaults)
        self.default_paragraph_style = _default_paragraph_style_id(styles)
        names = {spec.name: spec.style_id for spec in STYLES}
        self._canonical: dict[str | None, str] = {}
        for style_id, style in self._styles.items():
            name = style.find(qn("w:name"))
            known = None if name is None else names.get(name.get(qn("w:val")))
            if known is not None:
                self._canonical[style_id] = known

    def canonical(self, style_id: str | None) -> str | None:
        """Our style id for `style_id`, also after an editor renamed the ids (LibreOffice)."""
        return self._canonical.get(style_id, style_id)

    def _chain(self, style_id: str | None) -> Iterator[XmlElement]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            based = style.find(qn("w:basedOn"))
            style_id = None if based is None else based.get(qn("w:val"))

    def style_font(self, style_id: str | None) -> str | None:
        for style in self._chain(style_id):
            font = _east_asia(style.find(qn("w:rPr")))
            if font is not None:
                return font
        return self._default_font

    def style_size(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            size = _half_points(style.find(qn("w:rPr")))
            if size is not None:
                return size
        return self._default_size

    def run_font(self, run: XmlElement, paragraph_style: str | None) -> str | None:
        rpr = run.find(qn("w:rPr"))
        font = _east_asia(rpr)
        if font is not None:
            return font
        r_style = None if rpr is None else rpr.find(qn("w:rStyle"))
        if r_style is not None:
            for style in self._chain(r_style.get(qn("w:val"))):
                font = _east_asia(style.find(qn("w:rPr")))
                if font is not None:
                    return font
        return self.style_font(paragraph_style or self.default_paragraph_style)


def _east_asia(rpr: XmlElement | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    value = fonts.get(qn("w:eastAsia"))
    return None if value is None else str(value)


def _half_points(rpr: XmlElement | None) -> int | None:
    size = None if rpr is None else rpr.find(qn("w:sz"))
    return _int_attribute(size, "val")


def _run_font_problems(document: DocxDocument) -> Iterator[str]:
    resolver = _FontResolver(document.styles.element)
    body = document.element.body
    titles = 0
    for number, paragraph in enumerate(body.iter(qn("w:p")), 1):
        p_style_element = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        raw_p_style = None if p_style_element is None else p_style_element.get(qn("w:val"))
        p_style = resolver.canonical(raw_p_style)
        titles += p_style == STYLE_TITLE
        for run in paragraph.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text.strip():
                continue
            font = resolver.run_font(run, raw_p_style)
            r_style_element = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
            raw_r_style = None if r_style_element is None else r_style_element.get(qn("w:val"))
            r_style = resolver.canonical(raw_r_style)
            expected = _EXPECTED_FONTS.get(r_style or "")
            if expected is None and p_style in CHECKED_PARAGRAPH_STYLES:
                expected = _EXPECTED_FONTS[p_style]
            shown = text if len(text) <= 12 else text[:12] + "…"
            if expected is not None and font != expected:
                yield (
                    f"paragraph {number} ({p_style}): “{shown}” is in {font}, expected {expected}"
                )
            elif font not in OFFICIAL_FONTS:
                yield f"paragraph {number}: “{shown}” is in {font}, not an official 公文 font"
    if titles == 0:
        yield f"document: no paragraph in the title style {STYLE_TITLE}"
