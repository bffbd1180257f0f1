"""The layout check: an opened document's departures from GB/T 9704, as English sentences."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from docx.oxml.ns import qn

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
    STYLE_SPECS,
    STYLE_TITLE,
    STYLES,
)
from docgen.layout.oxml import THEME_FONT_ATTRIBUTES, DocxDocument, XmlElement, find_style

#: Paragraph styles whose runs `layout_problems` checks for the right East Asian font.
CHECKED_PARAGRAPH_STYLES: Final = frozenset(
    {STYLE_TITLE, STYLE_BODY, STYLE_FLUSH, STYLE_HEADING1, STYLE_HEADING2}
)
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


# --- page ---------------------------------------------------------------------------------------


def _page_problems(document: DocxDocument) -> Iterator[str]:
    settings = document.settings.element
    even_odd = settings.find(qn("w:evenAndOddHeaders"))
    if even_odd is None or not _is_on(even_odd):
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
        page_size = sect_pr.find(qn("w:pgSz"))
        if page_size is not None and page_size.get(qn("w:orient")) == "landscape":
            yield f"{where}: the page is landscape, expected A4 portrait"
        grid = sect_pr.find(qn("w:docGrid"))
        grid_type = None if grid is None else grid.get(qn("w:type"))
        if grid_type != "lines":
            yield f'{where}: docGrid type is {grid_type}, expected "lines" (22 lines a page)'
        line_pitch = _int_attribute(grid, "linePitch")
        if line_pitch != LINE_PITCH:
            yield f"{where}: docGrid linePitch is {line_pitch}, expected {LINE_PITCH}"
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


# --- styles -------------------------------------------------------------------------------------


def _style_problems(document: DocxDocument) -> Iterator[str]:
    styles = document.styles.element
    defaults = _default_run_properties(styles)
    lang = None if defaults is None else defaults.find(qn("w:lang"))
    if lang is None or lang.get(qn("w:eastAsia")) != LANGUAGE:
        got = None if lang is None else lang.get(qn("w:eastAsia"))
        yield f"document defaults: East Asian language is {got}, expected {LANGUAGE}"
    resolver = _FontResolver(styles)
    normal = find_style(styles, resolver.default_paragraph_style)
    if normal is None:
        yield "styles: there is no default paragraph style (Normal)"
        return
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
        keep_next = style.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
        if keep_next is not None and _is_on(keep_next):
            name = style.get(qn("w:styleId"))
            if _style_in_use(document, name):
                yield f"style {name}: keep-with-next in a style pushes headings to the next page"


def _style_in_use(document: DocxDocument, style_id: str) -> bool:
    return any(p.get(qn("w:val")) == style_id for p in document.element.body.iter(qn("w:pStyle")))


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
                for attribute in THEME_FONT_ATTRIBUTES
                if fonts.get(qn(f"w:{attribute}")) is not None
            }
        )
        if found:
            yield f"{name}: theme font attributes {', '.join(found)} override the font names"


# --- runs ---------------------------------------------------------------------------------------


def _run_font_problems(document: DocxDocument) -> Iterator[str]:
    resolver = _FontResolver(document.styles.element)
    body = document.element.body
    titles = 0
    for number, paragraph in enumerate(body.iter(qn("w:p")), 1):
        raw_p_style = _value(paragraph, f"{qn('w:pPr')}/{qn('w:pStyle')}")
        p_style = resolver.canonical(raw_p_style)
        titles += p_style == STYLE_TITLE
        for run in paragraph.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if not text.strip():
                continue
            font = resolver.run_font(run, raw_p_style)
            r_style = resolver.canonical(_value(run, f"{qn('w:rPr')}/{qn('w:rStyle')}"))
            expected = _spec_font(r_style)
            if expected is None and p_style in CHECKED_PARAGRAPH_STYLES:
                expected = _spec_font(p_style)
            shown = text if len(text) <= 12 else text[:12] + "…"
            if expected is not None and font != expected:
                yield (
                    f"paragraph {number} ({p_style}): “{shown}” is in {font}, expected {expected}"
                )
            elif font not in OFFICIAL_FONTS:
                yield f"paragraph {number}: “{shown}” is in {font}, not an official 公文 font"
    if titles == 0:
        yield f"document: no paragraph in the title style {STYLE_TITLE}"


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
