"""The numbers of GB/T 9704-2012 as docgen's templates use them: page, fonts, sizes and styles.

Every length is in twips (1/20 pt) unless its name says otherwise. The numbers follow the
shared design notes (domain.md §1, GB/T 9704-2012) and the LibreOffice pitfalls of pdf.md §8:
exact 28.95 pt lines (579 twips) on a lines-only document grid, −0.25 pt character spacing so
that 28 characters fill the 156 mm type area, and plain paragraph styles instead of Word's
Heading styles (no keep-with-next).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

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
CHAR_SPACING: Final = -5  # −0.25 pt per character: 28 × 15.75 pt ≤ 156 mm

# --- fonts and sizes (§1.6, §1.7) -------------------------------------------------------------
FONT_TITLE: Final = "方正小标宋简体"
FONT_BODY: Final = "仿宋_GB2312"
FONT_HEADING1: Final = "黑体"
FONT_HEADING2: Final = "楷体_GB2312"
FONT_PAGE_NUMBER: Final = "宋体"
FONT_TABLE: Final = FONT_BODY
OFFICIAL_FONTS: Final = frozenset(
    {FONT_TITLE, FONT_BODY, FONT_HEADING1, FONT_HEADING2, FONT_PAGE_NUMBER}
)
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
COMPACT_FORM_LINE: Final = 340  # 17 pt exact lines for 小四 forms that must fit one page (审批表)
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
