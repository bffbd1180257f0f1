"""The 文号 register: how a number is written, and the SQLite store that issues each one once."""

from __future__ import annotations

from docgen.register.numbering import BLANK_SERIAL, document_number

__all__ = ["BLANK_SERIAL", "document_number"]
