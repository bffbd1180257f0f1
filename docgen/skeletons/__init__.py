"""Files docgen writes for a clerk to fill in: the settings, a case skeleton, an example case."""

from __future__ import annotations

import importlib.resources
from typing import Final

EXAMPLE_CASE_ID: Final = "XF2020-018"


def _text(name: str) -> str:
    return importlib.resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def settings_skeleton() -> str:
    """A commented docgen.yaml with every setting at its example value."""
    return _text("docgen.yaml")


def example_case() -> str:
    """A complete example case, so that a new workspace renders at once."""
    return _text(f"{EXAMPLE_CASE_ID}.yaml")


def case_skeleton(case_id: str) -> str:
    """A commented case file for `case_id`, every field explained."""
    return _text("new_case.yaml").replace("{case_id}", case_id)
