"""Every test here runs with both YAML parsers, which must give the same data and messages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from docgen.located import composer

PARSERS = ("libyaml", "pure")


@pytest.fixture(autouse=True, params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The YAML parser `load_located` uses in this test: libyaml, then PyYAML's own."""
    monkeypatch.setattr(composer, "PARSER", request.param)
    yield request.param
