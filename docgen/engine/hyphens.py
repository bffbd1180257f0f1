"""Hyphens inside identifiers made non-breaking: XF2020-025 as `XF2020<w:noBreakHyphen/>025`.

Why:
    A line break after the hyphen splits a case id or a phone number across two lines
    (“XF2020-” / “025”), which a 公文 proofreader rejects. Word's non-breaking hyphen prints
    as "-" and is read back as "-" (python-docx, pdftotext). LibreOffice 7.4 still breaks at
    it (and prints the hyphen twice), so docgen.pdf hands LibreOffice a hyphen followed by a
    word joiner instead.
"""

from __future__ import annotations

import re
from typing import Final

_TEXT: Final = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_HYPHEN: Final = re.compile(rb"(?<=[0-9A-Za-z]{2})-(?=[0-9]{2})")
_SPLIT: Final = b'</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def keep_hyphenated_words(xml: bytes) -> bytes:
    """`xml` (a rendered Word part) with each hyphen of an identifier (XF2020-025, 0371-6000000,
    2020-06-01: two letters or digits, then two digits) non-breaking."""
    if b"-" not in xml:
        return xml

    def text(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        if not _HYPHEN.search(match.group(1)):
            return whole
        head = whole[: match.start(1) - match.start(0)]
        return head + _HYPHEN.sub(_SPLIT, match.group(1)) + b"</w:t>"

    return _TEXT.sub(text, xml)
