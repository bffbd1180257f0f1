"""The templates of a run: where each kind's template is, whether it compiles, and its problems.

A template the memo of a command (`docgen.pipeline.memo`) remembers as compiling without a
problem or a warning is not compiled to find out again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from docgen.engine import check_template, compile_template
from docgen.errors import DocgenError, TemplateError
from docgen.kinds import KINDS, DocumentKind
from docgen.pipeline.memo import Memo, template_key
from docgen.workspace import Workspace, default_templates_dir, display_path, read_bytes

Source = tuple[str, bytes, bool]  # the path shown in messages, the bytes, lenient


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
        key = template_key(*source)
        if memo is not None and memo.template_fine(key):
            continue
        found = check_template(*source)
        problems.extend(found)
        if memo is not None and not found:
            memo.keep_template(key)
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
        key = template_key(*source)
        if not memo.template_fine(key):
            try:
                compile_template(*source)
            except TemplateError as err:
                problems.append(err)
                continue
            if not check_template(*source):  # the same compilation, cached: its warnings too
                memo.keep_template(key)
        fine[name] = source
    return fine


def template_digest(blob: bytes, lenient: bool) -> str:
    """What a render's record keeps of a template: its bytes' SHA-256 and its mode."""
    return f"{hashlib.sha256(blob).hexdigest()}:{lenient}"
