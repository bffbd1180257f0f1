"""Rendered pages as a proofreader reads them: text lines with their place, from poppler.

`pdftotext -bbox-layout` gives every line's box in points; lines on the same baseline (a
line LibreOffice wrote in pieces, a table row) are joined. Lengths are in points from the
top-left corner of the page.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from lxml import etree

MM: Final = 72 / 25.4
TYPE_LEFT: Final = 28 * MM
TYPE_RIGHT: Final = (28 + 156) * MM
TYPE_TOP: Final = 37 * MM
TYPE_BOTTOM: Final = (37 + 225) * MM
PAGE_NUMBER: Final = re.compile(r"^—\s*(\d+)\s*—$")
_XHTML: Final = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """One line of text on a page and its box."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def plain(self) -> str:
        """The text without the spaces pdftotext puts between 汉字 and digits."""
        return plain(self.text)

    @property
    def width_in_chars(self) -> float:
        """The line's length in 三号 characters: a half-width character counts ½.

        Ambiguous-width characters (“ ”) are drawn full-width in Chinese text.
        """
        return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in self.plain)


@dataclass(frozen=True)
class Page:
    """The text lines of a page, top to bottom, and its page number line, if any."""

    number: int
    lines: list[Line]
    page_number: Line | None


def plain(text: str) -> str:
    return "".join(text.split())


def read_pages(pdf: Path) -> list[Page]:
    """Every page of `pdf` as lines (joined per baseline), the page number apart."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        pieces = []
        for line in page.iter(f"{_XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{_XHTML}word")]
            box = [float(line.get(k, "0")) for k in ("xMin", "xMax", "yMin", "yMax")]
            pieces.append(Line(" ".join(words), *box))
        joined = _join_baselines(pieces)
        numbers = [line for line in joined if PAGE_NUMBER.match(line.text.strip())]
        body = [line for line in joined if line not in numbers]
        pages.append(Page(number, body, numbers[0] if numbers else None))
    return pages


def _join_baselines(pieces: list[Line]) -> list[Line]:
    rows: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda p: (round(p.y1), p.x0)):
        if rows and abs(rows[-1][0].y1 - piece.y1) < 2:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        lines.append(
            Line(
                " ".join(p.text for p in row),
                min(p.x0 for p in row),
                max(p.x1 for p in row),
                min(p.y0 for p in row),
                max(p.y1 for p in row),
            )
        )
    return lines
