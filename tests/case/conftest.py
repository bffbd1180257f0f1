"""Case tests whose messages come from the YAML reader run with both parsers (see `parser`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from docgen.located import composer


@pytest.fixture(params=("libyaml", "pure"))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The YAML parser the case is read with: libyaml, then PyYAML's own."""
    monkeypatch.setattr(composer, "PARSER", request.param)
    yield request.param
