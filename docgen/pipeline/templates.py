"""The templates of a run: where each kind's template is, whether it compiles, and its problems.

A template the memo of a command (`docgen.pipeline.memo`) remembers as compiling without a
problem or a warning is not compiled to find out again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from docgen.engine import check_template, compile_template
from docgen.errors import DocgenError, TemplateError
from docgen.kinds import KINDS, DocumentKind
from docgen.pipeline.memo import Memo, template_key
from docgen.workspace import Workspace, default_templates_dir, display_path, read_bytes

Source = tuple[str, bytes, bool]  # the path shown in messages, the bytes, lenient

CLEAN_BUILT_INS: Final = {
    "archive_catalog": "147b5ccf1e91b0e90fe987a923139246c8c60ad7ce233200fe5aa37ea4ceaa8b",
    "closure_approval": "e68a4eccbd686a7fc8c756c6af39cdb8851655d7981cc7c8a0fe788e21369691",
    "closure_notice": "22d3254c712e0b8ce0644983a8cdc2e9ce714f6bc0e75dc7cbd0c2d7bc96902a",
    "hearing_announcement": "30b2c9d7e6628d6d95a7b175845dfc0df6e2248315c164cd245e51552d68a540",
    "hearing_notice": "0258cbe49614ef703a75f520e1b7d4ec6029bddf4dca9a44c6aa2f73e81065b6",
    "hearing_result": "54cf7eeb5f70f2bbfd74dde38d29d6a8769c23cf9fbf2977a99ca9b0374bb40a",
    "power_of_attorney": "c6337cc6e9bdb908f84ec52c01cc7068c27a59f126a846e184b2f200570060fe",
    "resolution_plan": "09701cf24a210edc2c65c06b21315f056d197ef65a8bd8bd1a4cad6b78751201",
    "responsibility_letter": "10eb0e966ad53e5cd8fd1fb061d550fb3ad70d1cf29bbbfc4779b537961bf1ea",
    "service_receipt": "aeb78a4bee510ab90e3e02aa2ad28aceec19d7c633f3dfe3f26348c305e00b4f",
    "settlement_agreement": "c94474de583334eeae230d8ac7164cfe115598abdf3fc5f3b4be729354ff90ab",
    "transfer_letter": "97b5a9910b9cc528144d81a17d466ba7ef663af5986582c6ed433619d2bb29ab",
}
"""The SHA-256 of each template docgen ships, which its tests check compile without a problem or
a warning (tests/test_memo.py): such a template, in strict mode, is not compiled to find that
out again, wherever it was copied. A template that differs by a byte is compiled."""


def known_clean(source: Source, memo: Memo | None) -> bool:
    """Whether the template `source` is known to compile without a problem or a warning: a
    built-in one, byte for byte, or one the memo remembers so."""
    _, blob, lenient = source
    if not lenient and hashlib.sha256(blob).hexdigest() in CLEAN_BUILT_INS.values():
        return True
    return memo is not None and memo.template_fine(template_key(*source))


def template_source(workspace: Workspace, kind: DocumentKind) -> Source:
    """The path shown in messages, the bytes of the template behind `kind`, and whether it is
    rendered leniently (a workspace template when docgen.yaml says `undefined: lenient`).

    Raises:
        WorkspaceError: the template is missing or unreadable.
    """
    path = workspace.template_path(kind.template)
    return str(display_path(path)), read_bytes(path), lenient_template(workspace, path)


def lenient_template(workspace: Workspace, path: Path) -> bool:
    """Whether docgen.yaml asks for lenient undefined names and `path` is the workspace's own:
    the built-in templates stay strict."""
    own = path.resolve().parent == workspace.templates_dir.resolve()
    builtin = path.resolve().parent == default_templates_dir().resolve()
    return workspace.settings.templates.undefined == "lenient" and own and not builtin


def check_templates(
    workspace: Workspace, kinds: Iterable[DocumentKind], memo: Memo | None = None
) -> list[DocgenError]:
    """Every problem of the templates behind `kinds`, all at once.

    A template `memo` remembers as clean (same path, bytes and mode) is not compiled again.
    """
    problems: list[DocgenError] = []
    for kind in kinds:
        try:
            source = template_source(workspace, kind)
        except DocgenError as err:
            problems.append(err)
            continue
        if known_clean(source, memo):
            continue
        found = check_template(*source)
        problems.extend(found)
        if memo is not None and not found:
            memo.keep_template(template_key(*source))
    return problems


def template_sources(
    workspace: Workspace, kinds: Sequence[str]
) -> tuple[dict[str, Source], list[DocgenError]]:
    """The template of each kind (path as shown, bytes, lenient), and those not found."""
    sources, problems = {}, []
    for name in kinds:
        try:
            sources[name] = template_source(workspace, KINDS[name])
        except DocgenError as err:
            problems.append(err)
    return sources, problems


def compilable(
    sources: Mapping[str, Source], memo: Memo, problems: list[DocgenError]
) -> dict[str, Source]:
    """The templates that compile: known from the memo, else compiled now (each failing one
    adds its first problem to `problems`)."""
    fine = {}
    for name, source in sources.items():
        if not known_clean(source, memo):
            try:
                compile_template(*source)
            except TemplateError as err:
                problems.append(err)
                continue
            if not check_template(*source):  # the same compilation, cached: its warnings too
                memo.keep_template(template_key(*source))
        fine[name] = source
    return fine


def template_digest(blob: bytes, lenient: bool) -> str:
    """What a render's record keeps of a template: its bytes' SHA-256 and its mode."""
    return f"{hashlib.sha256(blob).hexdigest()}:{lenient}"
