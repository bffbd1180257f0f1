"""文号: how a document number is written; the SQLite register will live here too."""

from __future__ import annotations

from docgen.register.numbering import BLANK_SERIAL, document_number

__all__ = ["BLANK_SERIAL", "document_number"]
