"""Formatted text as a value: `RichText` spans written as Word runs by `{{r }}` and `{{p }}`.

A span says what it means (bold, italic, underline, colour, font, size); docgen writes the XML,
merged over the formatting of the run that holds the tag. No XML ever comes from the value:
the text is escaped like any other value, and every property is checked while rendering, so a
bad colour or size in the data is a located error, not a broken document.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from lxml import etree
from markupsafe import Markup, escape

from docgen.engine.filters import FilterError
from docgen.engine.runs import W_NS, W

_COLOUR: Final = re.compile(r"[0-9A-Fa-f]{6}")
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FONT: Final = re.compile(r"[^\x00-\x1f<>&\"]{1,64}")
_ORDER: Final = (  # w:rPr children in schema order (the ones a span may set, and their peers)
    *("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike"),
    *("outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden"),
    *("color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect"),
    *("bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout"),
    *("specVanish", "oMath"),
)
_MAX_POINTS: Final = 200.0


@dataclass(frozen=True)
class Span:
    """A piece of text in one format; None leaves that property to the tag's run."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    colour: str | None = None  # "C00000"
    font: str | None = None  # "黑体": the Chinese and the Latin font
    size: float | None = None  # points: 16 is 三号


@dataclass(frozen=True)
class RichText:
    """Formatted text for `{{r value }}` (runs in place of the tag's run) or `{{p value }}`.

    Printed by a plain `{{ value }}` it gives its text, without formatting.
    """

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, *spans: Span | str) -> RichText:
        """`RichText.of("经核查，", Span("不予受理", bold=True), "。")`."""
        return cls(tuple(Span(s) if isinstance(s, str) else s for s in spans))

    def __str__(self) -> str:
        return "".join(span.text for span in self.spans)


def is_rich_text(value: object) -> bool:
    return isinstance(value, RichText)


def rich_runs(value: RichText, base: str) -> Markup:
    """The runs of `value`, each with `base` (the tag run's `w:rPr` XML) and its own format.

    Raises:
        FilterError: a colour, font or size that Word cannot take.
    """
    out = []
    for span in value.spans:
        content = "".join(_pieces(str(span.text)))
        if content:
            out.append(f"<w:r>{_properties(span, base)}{content}</w:r>")
    return Markup("".join(out))


def _pieces(text: str) -> list[str]:
    """The run content for `text`: escaped `w:t`, and `w:br`/`w:tab` for breaks and tabs."""
    pieces = []
    for part in re.split(r"(\r\n?|\n|\t)", _ILLEGAL.sub("", text)):
        if part in ("\r\n", "\r", "\n"):
            pieces.append("<w:br/>")
        elif part == "\t":
            pieces.append("<w:tab/>")
        elif part:
            pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return pieces


def _properties(span: Span, base: str) -> str:
    rpr = _base(base)
    settings: list[tuple[str, dict[str, str]]] = []
    for name, on in (("b", span.bold), ("i", span.italic)):
        if on is not None:
            settings.append((name, {} if on else {"val": "0"}))
    if span.underline is not None:
        settings.append(("u", {"val": "single" if span.underline else "none"}))
    if span.colour is not None:
        settings.append(("color", {"val": _colour(span.colour)}))
    if span.font is not None:
        font = _font(span.font)
        settings.append(("rFonts", {"ascii": font, "hAnsi": font, "eastAsia": font}))
    if span.size is not None:
        half_points = _half_points(span.size)
        settings += [("sz", {"val": half_points}), ("szCs", {"val": half_points})]
    for name, attributes in settings:
        old = rpr.find(W + name)
        if old is not None:
            rpr.remove(old)
        element = etree.SubElement(rpr, W + name)
        for key, value in attributes.items():
            element.set(W + key, value)
    rpr[:] = sorted(rpr, key=_rank)
    if len(rpr) == 0:
        return ""
    text = str(etree.tostring(rpr, encoding="unicode"))
    return text.replace(f' xmlns:w="{W_NS}"', "")


@functools.lru_cache(maxsize=256)
def _parsed(base: str) -> etree._Element:
    try:
        return etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{_inner(base)}</w:rPr>')
    except etree.XMLSyntaxError:  # a property in another namespace (w14:…): start afresh
        return etree.Element(W + "rPr", nsmap={"w": W_NS})


def _base(base: str) -> etree._Element:
    """A fresh copy of the tag run's properties (parsed once per tag)."""
    return etree.fromstring(etree.tostring(_parsed(base)))


def _inner(base: str) -> str:
    """The children of a serialized `<w:rPr …>…</w:rPr>` (or nothing)."""
    match = re.fullmatch(r"<w:rPr(?:\s[^>]*)?>(.*)</w:rPr>", base, re.DOTALL)
    return match.group(1) if match else ""


def _rank(element: etree._Element) -> int:
    local = str(element.tag).rpartition("}")[2]
    return _ORDER.index(local) if local in _ORDER else len(_ORDER)


def _colour(value: object) -> str:
    text = str(value).removeprefix("#")
    if not _COLOUR.fullmatch(text):
        raise FilterError(f"RichText：颜色应为六位十六进制数，如 C00000（“{value}”）")
    return text.upper()


def _font(value: object) -> str:
    text = str(value).strip()
    if not _FONT.fullmatch(text):
        raise FilterError(f"RichText：字体名称不正确（“{value}”）")
    return text


def _half_points(value: object) -> str:
    try:
        points = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        points = -1.0
    if not 1 <= points <= _MAX_POINTS or (points * 2) % 1:
        raise FilterError(f"RichText：字号应为 1 到 200 磅、0.5 磅的倍数（“{value}”）")
    return str(int(points * 2))
