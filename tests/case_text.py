"""A case file's text read as `docgen check` reads it, for the tests of docgen/case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docgen.case import LoadedCase, parse_case
from docgen.errors import CaseError, CaseWarning, Problems
from docgen.settings import Settings

FILE = Path("cases/t.yaml")
TODAY = date(2026, 1, 1)


def parse(text: str | bytes, settings: Settings | None = None, today: date = TODAY) -> LoadedCase:
    data = text.encode() if isinstance(text, str) else text
    return parse_case(data, FILE, settings or Settings(), today)


def problems(text: str | bytes, settings: Settings | None = None, today: date = TODAY) -> list[str]:
    """The messages of a file `check` refuses; every one a CaseError."""
    with pytest.raises(Problems) as caught:
        parse(text, settings, today)
    assert all(type(p) is CaseError for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def warnings(text: str, settings: Settings | None = None, today: date = TODAY) -> list[str]:
    """The warnings of a file `check` accepts; every one a CaseWarning."""
    loaded = parse(text, settings, today)
    assert all(type(w) is CaseWarning for w in loaded.warnings)
    return [str(w) for w in loaded.warnings]
