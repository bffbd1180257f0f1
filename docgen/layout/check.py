"""The layout check: an opened document's departures from GB/T 9704, in Chinese, located.

Each finding names the part (`document`, `styles`, `settings`, `footer1` …), the paragraph
when there is one, and what to change; `docgen templates check` shows them as warnings, and
the template build and tests require none.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from docgen.layout.gbt9704 import (
    FONT_BODY,
    FONT_PAGE_NUMBER,
    LANGUAGE,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    OFFICIAL_FONTS,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_3,
    STYLE_BODY,
    STYLE_FLUSH,
    STYLE_HEADING1,
    STYLE_HEADING2,
    STYLE_NORMAL,
    STYLE_SPECS,
    STYLE_TITLE,
    STYLES,
    TWIPS_PER_MM,
)
from docgen.layout.oxml import THEME_FONT_ATTRIBUTES, DocxDocument, XmlElement, find_style

#: Paragraph styles whose runs `layout_problems` checks for the right East Asian font.
CHECKED_PARAGRAPH_STYLES: Final = frozenset(
    {STYLE_TITLE, STYLE_BODY, STYLE_FLUSH, STYLE_HEADING1, STYLE_HEADING2}
)
_TWIPS_TOLERANCE: Final = 3  # Word may round a length when it saves the file
_MARGINS: Final = (("top", "上", MARGIN_TOP), ("bottom", "下", MARGIN_BOTTOM))
_SIDES: Final = (*_MARGINS, ("left", "左", MARGIN_LEFT), ("right", "右", MARGIN_RIGHT))


@dataclass(frozen=True)
class LayoutFinding:
    """A departure from GB/T 9704: the part, the paragraph if any, and what to change."""

    part: str
    paragraph: int | None
    message: str

    def __str__(self) -> str:
        where = self.part if self.paragraph is None else f"{self.part} 第 {self.paragraph} 段"
        return f"{where}：{self.message}"


def layout_findings(document: DocxDocument) -> list[LayoutFinding]:
    """Departures of an opened python-docx Document from the GB/T 9704 layout.

    Checks every section's page size, margins, line grid and odd/even page-number footers;
    the Normal style (仿宋_GB2312, 16 pt, exact 579-twip lines) and the font of each of
    docgen's styles; the language; theme font attributes in styles, body, headers and footers;
    and the East Asian font of the runs of title, body and heading paragraphs. Many runs in one
    wrong font make one finding. An empty list means clean.
    """
    findings: list[LayoutFinding] = []
    findings += _page_findings(document)
    findings += _style_findings(document)
    findings += _theme_font_findings(document)
    findings += _run_font_findings(document)
    return findings


def template_findings(blob: bytes) -> list[LayoutFinding]:
    """`layout_findings` of a .docx given as bytes; none for a file python-docx cannot open
    (the engine's own check reports why)."""
    try:
        document = docx.Document(io.BytesIO(blob))
    except (ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, PackageNotFoundError):
        return []
    return layout_findings(document)


def layout_problems(document: DocxDocument) -> list[str]:
    """`layout_findings` as sentences: `styles：样式“公文正文”的中文字体为 …`."""
    return [str(finding) for finding in layout_findings(document)]


def _mm(twips: int | None) -> str:
    return "未设置" if twips is None else f"{twips / TWIPS_PER_MM:.0f}"


def _pt(twips: int | None) -> str:
    return "未设置" if twips is None else f"{twips / 20:g}"


# --- page ---------------------------------------------------------------------------------------


def _page_findings(document: DocxDocument) -> Iterator[LayoutFinding]:
    settings = document.settings.element
    even_odd = settings.find(qn("w:evenAndOddHeaders"))
    if even_odd is None or not _is_on(even_odd):
        yield LayoutFinding("settings", None, "未设置“奇偶页不同”，偶数页的页码无法居左")
    numbers = {p: n for n, p in enumerate(document.element.body.iter(qn("w:p")), 1)}
    for number, section in enumerate(document.sections, 1):
        sect_pr = section._sectPr
        holder = sect_pr.getparent().getparent()  # w:pPr -> w:p for all but the last section
        where = numbers.get(holder)
        for message in _section_messages(sect_pr):
            yield LayoutFinding("document", where, f"第 {number} 节{message}")
        yield from _footer_findings(section, number)


def _section_messages(sect_pr: XmlElement) -> Iterator[str]:
    size = sect_pr.find(qn("w:pgSz"))
    width, height = _int_attribute(size, "w"), _int_attribute(size, "h")
    if not _near(width, PAGE_WIDTH) or not _near(height, PAGE_HEIGHT):
        yield f"纸张为 {_mm(width)}×{_mm(height)} 毫米，应为 A4（210×297 毫米）"
    if size is not None and size.get(qn("w:orient")) == "landscape":
        yield "为横向，应为纵向 A4"
    margins = sect_pr.find(qn("w:pgMar"))
    got = {name: _int_attribute(margins, name) for name, _, _ in _SIDES}
    if any(not _near(got[name], want) for name, _, want in _SIDES):
        shown = " ".join(f"{label} {_mm(got[name])}" for name, label, _ in _SIDES)
        wanted = " ".join(f"{label} {_mm(want)}" for _, label, want in _SIDES)
        yield f"页边距为 {shown} 毫米，应为 {wanted} 毫米"
    grid = sect_pr.find(qn("w:docGrid"))
    grid_type = None if grid is None else grid.get(qn("w:type"))
    pitch = _int_attribute(grid, "linePitch")
    if grid_type != "lines":
        yield "的文档网格不是“只指定行网格”，应为每页 22 行"
    elif pitch != LINE_PITCH:
        yield f"的行距网格为 {_pt(pitch)} 磅，应为 {_pt(LINE_PITCH)} 磅（每页 22 行）"


def _near(got: int | None, want: int) -> bool:
    return got is not None and abs(got - want) <= _TWIPS_TOLERANCE


def _footer_findings(section: Any, number: int) -> Iterator[LayoutFinding]:
    for label, footer in (("奇数页", section.footer), ("偶数页", section.even_page_footer)):
        if footer.is_linked_to_previous:
            yield LayoutFinding("document", None, f"第 {number} 节没有带页码的{label}页脚")
            continue
        part = str(footer.part.partname).rsplit("/", 1)[-1].removesuffix(".xml")
        element = footer.part.element
        instructions = "".join(t.text or "" for t in element.iter(qn("w:instrText")))
        simple = [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
        if "PAGE" not in instructions and not any("PAGE" in s for s in simple):
            yield LayoutFinding(part, None, f"{label}页脚中没有页码域（PAGE）")
            continue
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        if "—" not in text:
            yield LayoutFinding(part, None, f"{label}页码应写作“— 1 —”的样式")
        for run in element.iter(qn("w:r")):
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if run.find(qn("w:t")) is not None and (
                fonts is None or fonts.get(qn("w:eastAsia")) != FONT_PAGE_NUMBER
            ):
                yield LayoutFinding(part, None, f"{label}页码的字体应为 {FONT_PAGE_NUMBER}")
                break


# --- styles -------------------------------------------------------------------------------------


def _style_findings(document: DocxDocument) -> Iterator[LayoutFinding]:
    styles = document.styles.element
    defaults = _default_run_properties(styles)
    lang = None if defaults is None else defaults.find(qn("w:lang"))
    if lang is None or lang.get(qn("w:eastAsia")) != LANGUAGE:
        got = None if lang is None else lang.get(qn("w:eastAsia"))
        yield LayoutFinding("styles", None, f"文档默认的中文语言为 {got}，应为 {LANGUAGE}")
    resolver = _FontResolver(styles)
    normal = find_style(styles, resolver.default_paragraph_style)
    if normal is None:
        yield LayoutFinding("styles", None, "没有默认段落样式（Normal，“正文”）")
        return
    for message in _normal_messages(resolver, normal):
        yield LayoutFinding("styles", None, f"默认段落样式（{STYLE_NORMAL}）{message}")
    for spec in STYLES:
        style = resolver.style(spec.style_id)
        font = None if style is None else _east_asia(style.find(qn("w:rPr")))
        if font is not None and font != spec.font:
            message = f"样式“{spec.name}”的中文字体为 {font}，应为 {spec.font}"
            yield LayoutFinding("styles", None, message)
    for style in styles.findall(qn("w:style")):
        keep_next = style.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        if keep_next is not None and _is_on(keep_next):
            name = style.get(qn("w:styleId"))
            if _style_in_use(document, name):
                message = f"样式 {name} 设置了“与下段同页”，会把标题推到下一页"
                yield LayoutFinding("styles", None, message)


def _normal_messages(resolver: _FontResolver, normal: XmlElement) -> Iterator[str]:
    font = resolver.style_font(normal.get(qn("w:styleId")))
    if font != FONT_BODY:
        yield f"的中文字体为 {font or '未设置'}，应为 {FONT_BODY}"
    size = resolver.style_size(normal.get(qn("w:styleId")))
    if size != round(SIZE_3 * 2):
        shown = "未设置" if size is None else f"{size / 2:g}"
        yield f"的字号为 {shown} 磅，应为 {SIZE_3:g} 磅（三号）"
    spacing = normal.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    line = _int_attribute(spacing, "line")
    if spacing is None or spacing.get(qn("w:lineRule")) != "exact" or line != LINE_PITCH:
        yield f"的行距为 {_pt(line)}（磅），应为固定值 {_pt(LINE_PITCH)} 磅"


def _style_in_use(document: DocxDocument, style_id: str) -> bool:
    return any(p.get(qn("w:val")) == style_id for p in document.element.body.iter(qn("w:pStyle")))


def _theme_font_findings(document: DocxDocument) -> Iterator[LayoutFinding]:
    parts: list[tuple[str, XmlElement]] = [
        ("styles", document.styles.element),
        ("document", document.element),
    ]
    for rel in document.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            parts.append(
                (rel.target_ref.rsplit("/", 1)[-1].removesuffix(".xml"), rel.target_part.element)
            )
    for name, element in parts:
        found = sorted(
            {
                attribute
                for fonts in element.iter(qn("w:rFonts"))
                for attribute in THEME_FONT_ATTRIBUTES
                if fonts.get(qn(f"w:{attribute}")) is not None
            }
        )
        if found:
            message = f"使用了主题字体（{', '.join(found)}），会代替指定的公文字体"
            yield LayoutFinding(name, None, message)


# --- runs ---------------------------------------------------------------------------------------


def _run_font_findings(document: DocxDocument) -> Iterator[LayoutFinding]:
    """Runs in a wrong font, one finding per (font, expected font) at the first such paragraph.

    A run that takes its font from one of docgen's styles is left to the style's own check, so
    one edit of a style gives one finding, not one per paragraph.
    """
    resolver = _FontResolver(document.styles.element)
    body = document.element.body
    titles = 0
    found: dict[tuple[str | None, str | None], list[tuple[int, str]]] = {}
    for number, paragraph in enumerate(body.iter(qn("w:p")), 1):
        raw_p_style = _value(paragraph, f"{qn('w:pPr')}/{qn('w:pStyle')}")
        p_style = resolver.canonical(raw_p_style)
        titles += p_style == STYLE_TITLE
        for run in paragraph.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text.strip() or not _sets_font(resolver, run, p_style):
                continue
            font = resolver.run_font(run, raw_p_style)
            r_style = resolver.canonical(_value(run, f"{qn('w:rPr')}/{qn('w:rStyle')}"))
            expected = _spec_font(r_style)
            if expected is None and p_style in CHECKED_PARAGRAPH_STYLES:
                expected = _spec_font(p_style)
            shown = text if len(text) <= 12 else text[:12] + "…"
            if (expected is not None and font != expected) or (
                expected is None and font not in OFFICIAL_FONTS
            ):
                found.setdefault((font, expected), []).append((number, shown))
    for (font, expected), places in found.items():
        number, shown = places[0]
        more = f"等 {len(places)} 处" if len(places) > 1 else ""
        wanted = f"应为 {expected}" if expected else "不是公文用字体"
        message = f"“{shown}”{more}的中文字体为 {font}，{wanted}"
        yield LayoutFinding("document", number, message)
    if titles == 0:
        yield LayoutFinding("document", None, f"没有使用标题样式（{STYLE_TITLE}）的段落")


def _sets_font(resolver: _FontResolver, run: XmlElement, paragraph_style: str | None) -> bool:
    """Whether the run's font is its own (direct, or a run style) rather than its paragraph
    style's, or the paragraph's style is not one the style check covers."""
    rpr = run.find(qn("w:rPr"))
    if _east_asia(rpr) is not None:
        return True
    if rpr is not None and _value(rpr, qn("w:rStyle")) is not None:
        return True
    return paragraph_style not in STYLE_SPECS and paragraph_style != STYLE_NORMAL


def _spec_font(style_id: str | None) -> str | None:
    """The font `STYLES` gives the style `style_id`, or None for a style not ours."""
    spec = STYLE_SPECS.get(style_id or "")
    return None if spec is None else spec.font


class _FontResolver:
    """The East Asian font and size a style or run resolves to, following basedOn chains."""

    def __init__(self, styles: XmlElement) -> None:
        self._styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        defaults = _default_run_properties(styles)
        self._default_font = _east_asia(defaults)
        self._default_size = _half_points(defaults)
        self.default_paragraph_style = _default_paragraph_style_id(styles)
        names = {spec.name: spec.style_id for spec in STYLES}
        self._canonical: dict[str | None, str] = {}
        for style_id, style in self._styles.items():
            known = names.get(_value(style, qn("w:name")) or "")
            if known is not None:
                self._canonical[style_id] = known

    def style(self, canonical_id: str) -> XmlElement | None:
        """The style docgen calls `canonical_id`, also after an editor renamed its id."""
        for style_id, known in self._canonical.items():
            if known == canonical_id:
                return self._styles.get(style_id)
        return self._styles.get(canonical_id)

    def canonical(self, style_id: str | None) -> str | None:
        """Our style id for `style_id`, also after an editor renamed the ids (LibreOffice)."""
        return self._canonical.get(style_id, style_id)

    def _chain(self, style_id: str | None) -> Iterator[XmlElement]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = _value(style, qn("w:basedOn"))

    def _chain_font(self, style_id: str | None) -> str | None:
        for style in self._chain(style_id):
            font = _east_asia(style.find(qn("w:rPr")))
            if font is not None:
                return font
        return None

    def style_font(self, style_id: str | None) -> str | None:
        font = self._chain_font(style_id)
        return self._default_font if font is None else font

    def style_size(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            size = _half_points(style.find(qn("w:rPr")))
            if size is not None:
                return size
        return self._default_size

    def run_font(self, run: XmlElement, paragraph_style: str | None) -> str | None:
        rpr = run.find(qn("w:rPr"))
        font = _east_asia(rpr)
        if font is None and rpr is not None:
            font = self._chain_font(_value(rpr, qn("w:rStyle")))
        if font is not None:
            return font
        return self.style_font(paragraph_style or self.default_paragraph_style)


# --- reading elements ---------------------------------------------------------------------------


def _default_run_properties(styles: XmlElement) -> XmlElement | None:
    return styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


def _default_paragraph_style_id(styles: XmlElement) -> str | None:
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            return str(style.get(qn("w:styleId")))
    return None


def _value(element: XmlElement, path: str) -> str | None:
    """The w:val of the element at `path` under `element`, if there is one."""
    found = element.find(path)
    value = None if found is None else found.get(qn("w:val"))
    return None if value is None else str(value)


def _is_on(element: XmlElement) -> bool:
    return element.get(qn("w:val")) not in ("0", "false", "off")


def _int_attribute(element: XmlElement | None, name: str) -> int | None:
    if element is None:
        return None
    value = element.get(qn(f"w:{name}"))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


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
