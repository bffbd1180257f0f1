"""The copy of a .docx LibreOffice converts: Word's non-breaking hyphens made ones it keeps.

Why:
    LibreOffice 7.4 reads `w:noBreakHyphen` as U+2011 and still breaks the line after it,
    printing “XF2020-” / “-025”. A plain hyphen followed by a word joiner (U+2060) is never
    broken, prints one "-" and extracts as "-". The clerk's .docx keeps Word's form.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Final

_MARK: Final = b"noBreakHyphen"
_BETWEEN_TEXTS: Final = re.compile(rb"</w:t><w:noBreakHyphen/><w:t(?: [^>]*)?>")
_ALONE: Final = re.compile(rb"<w:noBreakHyphen/>")
_JOINED: Final = "-\u2060".encode()


def stage_for_office(source: Path, target: Path) -> None:
    """Copy `source` to `target`, with each non-breaking hyphen as LibreOffice keeps it."""
    try:
        with zipfile.ZipFile(source) as package:
            parts = [info for info in package.infolist() if info.filename.startswith("word/")]
            if not any(_MARK in package.read(info) for info in parts):
                shutil.copyfile(source, target)
                return
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as staged:
                for info in package.infolist():
                    data = package.read(info)
                    if info.filename.startswith("word/") and _MARK in data:
                        data = _BETWEEN_TEXTS.sub(_JOINED, data)
                        data = _ALONE.sub(b"<w:t>" + _JOINED + b"</w:t>", data)
                    staged.writestr(info.filename, data)
    except (zipfile.BadZipFile, KeyError, ValueError):
        shutil.copyfile(source, target)  # not a package: LibreOffice will say what it is
