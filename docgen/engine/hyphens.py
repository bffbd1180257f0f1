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
#: A case id (XF2020-025: letters first) or a phone number (0371-6000000); not a date.
_IDENTIFIER: Final = re.compile(
    rb"(?<![0-9A-Za-z-])(?:[A-Za-z][0-9A-Za-z]*-[0-9]+|[0-9]{3,4}-[0-9]{5,8})(?![0-9A-Za-z-])"
)
_SPLIT: Final = b'</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def keep_hyphenated_words(xml: bytes) -> bytes:
    """`xml` (a rendered Word part) with the hyphen of each case id or phone number non-breaking."""
    if b"-" not in xml:
        return xml

    def text(match: re.Match[bytes]) -> bytes:
        whole = match.group(0)
        if not _IDENTIFIER.search(match.group(1)):
            return whole
        head = whole[: match.start(1) - match.start(0)]
        text = _IDENTIFIER.sub(lambda word: word.group(0).replace(b"-", _SPLIT), match.group(1))
        return head + text + b"</w:t>"

    return _TEXT.sub(text, xml)
