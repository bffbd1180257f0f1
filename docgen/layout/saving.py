"""Deterministic saving: the same document content always gives the same .docx bytes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Final

from docx.oxml.ns import qn

from docgen.engine.package import read_package
from docgen.layout.gbt9704 import LANGUAGE
from docgen.layout.oxml import DocxDocument

FIXED_TIME: Final = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def docx_bytes(
    document: DocxDocument,
    title: str,
    subject: str = "",
    *,
    author: str = "docgen",
    created: str | None = None,
) -> bytes:
    """The saved .docx, byte-identical for identical content.

    `created` replaces the text of the creation and modification dates; a template passes
    a tag (`{{ issued }}T00:00:00Z`), so each rendered document carries its 成文日期 there
    and its PDF gets it as creation date, never the clock.

    Why:
        python-docx writes every zip entry with the current clock time. The core properties
        get fixed values here and the package is re-zipped with fixed entry times.
    """
    core = document.core_properties
    core.title = title
    core.subject = subject
    core.author = author
    core.last_modified_by = "docgen"
    core.comments = "docgen（GB/T 9704-2012）"
    core.keywords = "docgen; GB/T 9704-2012"
    core.category = "信访文书"
    core.language = LANGUAGE
    core.revision = 1
    core.created = FIXED_TIME.replace(tzinfo=None)
    core.modified = FIXED_TIME.replace(tzinfo=None)
    if created is not None:
        for tag in ("dcterms:created", "dcterms:modified"):
            core._element.find(qn(tag)).text = created
    raw = io.BytesIO()
    document.save(raw)
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Re-zip `data` with fixed entry times and attributes, keeping the entry order.

    Why:
        The engine writes every rendered document this way; one writer keeps the templates
        docgen ships and the documents rendered from them alike.
    """
    return read_package("document.docx", data).write({})
