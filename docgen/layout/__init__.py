"""GB/T 9704-2012 page layout for docgen's Word templates: numbers, builders, saving, a check.

The numbers and styles are in `gbt9704`; `oxml` writes WordprocessingML elements in schema
order; `document` makes a new document with the page, styles, fonts and page numbers;
`content` builds paragraphs and tables; `saving` gives deterministic .docx bytes; `check`
holds `layout_problems`, which inspects an opened python-docx Document (a template or a
rendered document) and returns its departures from this layout as English sentences.
"""

from docgen.layout.check import CHECKED_PARAGRAPH_STYLES as CHECKED_PARAGRAPH_STYLES
from docgen.layout.check import layout_problems as layout_problems
from docgen.layout.content import Cell as Cell
from docgen.layout.content import Row as Row
from docgen.layout.content import Run as Run
from docgen.layout.content import is_tag_only as is_tag_only
from docgen.layout.content import new_paragraph as new_paragraph
from docgen.layout.content import new_table as new_table
from docgen.layout.document import add_page_numbers as add_page_numbers
from docgen.layout.document import new_document as new_document
from docgen.layout.document import set_up_page as set_up_page
from docgen.layout.gbt9704 import CHAR_SPACING as CHAR_SPACING
from docgen.layout.gbt9704 import CHAR_WIDTH as CHAR_WIDTH
from docgen.layout.gbt9704 import COMPACT_FORM_LINE as COMPACT_FORM_LINE
from docgen.layout.gbt9704 import DATE_RIGHT_INDENT as DATE_RIGHT_INDENT
from docgen.layout.gbt9704 import FIRST_LINE_INDENT as FIRST_LINE_INDENT
from docgen.layout.gbt9704 import FONT_ALT_NAMES as FONT_ALT_NAMES
from docgen.layout.gbt9704 import FONT_BODY as FONT_BODY
from docgen.layout.gbt9704 import FONT_HEADING1 as FONT_HEADING1
from docgen.layout.gbt9704 import FONT_HEADING2 as FONT_HEADING2
from docgen.layout.gbt9704 import FONT_PAGE_NUMBER as FONT_PAGE_NUMBER
from docgen.layout.gbt9704 import FONT_TABLE as FONT_TABLE
from docgen.layout.gbt9704 import FONT_TITLE as FONT_TITLE
from docgen.layout.gbt9704 import FOOTER_DISTANCE_MM as FOOTER_DISTANCE_MM
from docgen.layout.gbt9704 import FORM_LINE as FORM_LINE
from docgen.layout.gbt9704 import HEADER_DISTANCE_MM as HEADER_DISTANCE_MM
from docgen.layout.gbt9704 import LANGUAGE as LANGUAGE
from docgen.layout.gbt9704 import LATIN_LANGUAGE as LATIN_LANGUAGE
from docgen.layout.gbt9704 import LINE_PITCH as LINE_PITCH
from docgen.layout.gbt9704 import MARGIN_BOTTOM as MARGIN_BOTTOM
from docgen.layout.gbt9704 import MARGIN_LEFT as MARGIN_LEFT
from docgen.layout.gbt9704 import MARGIN_RIGHT as MARGIN_RIGHT
from docgen.layout.gbt9704 import MARGIN_TOP as MARGIN_TOP
from docgen.layout.gbt9704 import OFFICIAL_FONTS as OFFICIAL_FONTS
from docgen.layout.gbt9704 import PAGE_HEIGHT as PAGE_HEIGHT
from docgen.layout.gbt9704 import PAGE_NUMBER_INDENT as PAGE_NUMBER_INDENT
from docgen.layout.gbt9704 import PAGE_WIDTH as PAGE_WIDTH
from docgen.layout.gbt9704 import SEAL_ROOM_LINES as SEAL_ROOM_LINES
from docgen.layout.gbt9704 import SIGNATURE_LEFT_INDENT as SIGNATURE_LEFT_INDENT
from docgen.layout.gbt9704 import SIZE_2 as SIZE_2
from docgen.layout.gbt9704 import SIZE_3 as SIZE_3
from docgen.layout.gbt9704 import SIZE_4 as SIZE_4
from docgen.layout.gbt9704 import SIZE_SMALL_4 as SIZE_SMALL_4
from docgen.layout.gbt9704 import STYLE_BODY as STYLE_BODY
from docgen.layout.gbt9704 import STYLE_COMPACT_FORM_TEXT as STYLE_COMPACT_FORM_TEXT
from docgen.layout.gbt9704 import STYLE_DATE as STYLE_DATE
from docgen.layout.gbt9704 import STYLE_DOC_NUMBER as STYLE_DOC_NUMBER
from docgen.layout.gbt9704 import STYLE_FLUSH as STYLE_FLUSH
from docgen.layout.gbt9704 import STYLE_FORM_TEXT as STYLE_FORM_TEXT
from docgen.layout.gbt9704 import STYLE_HEADING1 as STYLE_HEADING1
from docgen.layout.gbt9704 import STYLE_HEADING1_CHAR as STYLE_HEADING1_CHAR
from docgen.layout.gbt9704 import STYLE_HEADING2 as STYLE_HEADING2
from docgen.layout.gbt9704 import STYLE_HEADING2_CHAR as STYLE_HEADING2_CHAR
from docgen.layout.gbt9704 import STYLE_NORMAL as STYLE_NORMAL
from docgen.layout.gbt9704 import STYLE_PAGE_NUMBER as STYLE_PAGE_NUMBER
from docgen.layout.gbt9704 import STYLE_SIGNATURE as STYLE_SIGNATURE
from docgen.layout.gbt9704 import STYLE_SPECS as STYLE_SPECS
from docgen.layout.gbt9704 import STYLE_TABLE_HEAD as STYLE_TABLE_HEAD
from docgen.layout.gbt9704 import STYLE_TABLE_TEXT as STYLE_TABLE_TEXT
from docgen.layout.gbt9704 import STYLE_TAG as STYLE_TAG
from docgen.layout.gbt9704 import STYLE_TITLE as STYLE_TITLE
from docgen.layout.gbt9704 import STYLES as STYLES
from docgen.layout.gbt9704 import TABLE_BORDER as TABLE_BORDER
from docgen.layout.gbt9704 import TABLE_CELL_MARGIN as TABLE_CELL_MARGIN
from docgen.layout.gbt9704 import TABLE_OUTER_BORDER as TABLE_OUTER_BORDER
from docgen.layout.gbt9704 import TWIPS_PER_MM as TWIPS_PER_MM
from docgen.layout.gbt9704 import TYPE_AREA_WIDTH as TYPE_AREA_WIDTH
from docgen.layout.gbt9704 import StyleSpec as StyleSpec
from docgen.layout.headings import run_in_heading as run_in_heading
from docgen.layout.oxml import DocxDocument as DocxDocument
from docgen.layout.oxml import XmlElement as XmlElement
from docgen.layout.oxml import add_tab_stop as add_tab_stop
from docgen.layout.oxml import add_text as add_text
from docgen.layout.oxml import child as child
from docgen.layout.oxml import child_last as child_last
from docgen.layout.oxml import paragraph_properties as paragraph_properties
from docgen.layout.oxml import run_properties as run_properties
from docgen.layout.oxml import set_alignment as set_alignment
from docgen.layout.oxml import set_attributes as set_attributes
from docgen.layout.oxml import set_char_spacing as set_char_spacing
from docgen.layout.oxml import set_exact_line as set_exact_line
from docgen.layout.oxml import set_flag as set_flag
from docgen.layout.oxml import set_fonts as set_fonts
from docgen.layout.oxml import set_indent as set_indent
from docgen.layout.oxml import set_language as set_language
from docgen.layout.saving import FIXED_TIME as FIXED_TIME
from docgen.layout.saving import docx_bytes as docx_bytes
from docgen.layout.saving import normalise_zip as normalise_zip
