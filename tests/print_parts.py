"""Rendered notices and receipts for the print-file tests: one of each per recipient role."""

from __future__ import annotations

import copy

from conftest import REPO
from sample_context import ROLES, sample_context

from docgen.engine import compile_template

TITLE = "2020年6月听证周打印文件"
KINDS = ("hearing_notice", "service_receipt")


def render(kind: str, role: str, name: str) -> bytes:
    """The shipped `kind` template rendered for a recipient of `role` called `name`."""
    context = copy.deepcopy(sample_context(kind, role=role))
    context["recipient"]["name"] = name
    blob = (REPO / "templates" / f"{kind}.docx").read_bytes()
    return compile_template(f"{kind}.docx", blob).render(context)


def three_recipients() -> list[tuple[str, bytes]]:
    """A notice and its receipt for three recipients, one of each role, named apart."""
    found = []
    for role, name in zip(ROLES, ("王建国", "吴军", "县自然资源局"), strict=True):
        found += [(f"{kind}-{name}.docx", render(kind, role, name)) for kind in KINDS]
    return found
