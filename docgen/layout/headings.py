"""The heading levels of GB/T 9704 7.3.3 as they open a paragraph: 一、 （一） 1. （1）.

Why:
    Every kind must set the same level in the same face: 一、 in 黑体, （一） in 楷体, 1. and
    （1） in 仿宋. A paragraph written as plain text (`.p 一、听证时间：…`) is a run-in heading
    all the same; the template build finds its heading here and sets it like `.h1`/`.h2`.
"""

from __future__ import annotations

import re
from typing import Final

from docgen.layout.gbt9704 import STYLE_HEADING1_CHAR, STYLE_HEADING2_CHAR

_NUMERALS: Final = "一二三四五六七八九十"
LEVEL_MARKS: Final = (
    (re.compile(f"^[{_NUMERALS}]{{1,3}}、"), STYLE_HEADING1_CHAR),
    (re.compile(f"^（[{_NUMERALS}]{{1,3}}）"), STYLE_HEADING2_CHAR),
)
#: The heading of a run-in paragraph ends at the first of these, if within MAX_HEADING chars.
_ENDS: Final = "。：:"
MAX_HEADING: Final = 20


def run_in_heading(text: str) -> tuple[str, str, str] | None:
    """(character style, heading, rest) when `text` opens with a level-1 or level-2 mark.

    The heading runs to the first 。 or ： (included) when it comes within MAX_HEADING
    characters before any template tag, else it is the mark alone.
    """
    for pattern, style in LEVEL_MARKS:
        mark = pattern.match(text)
        if mark is None:
            continue
        end = mark.end()
        tag = min((i for i in (text.find("{{"), text.find("{%")) if i >= 0), default=len(text))
        for i in range(end, min(tag, MAX_HEADING)):
            if text[i] in _ENDS:
                end = i + 1
                break
        return style, text[:end], text[end:]
    return None
