"""The workspace's upkeep: new workspaces and cases, the templates, reports of docgen's bugs."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from docgen.case import RuleViolation, check_case_id
from docgen.deadlines import WorkCalendar
from docgen.docxio import write_atomically
from docgen.engine import check_template, compile_template
from docgen.errors import DocgenError, UsageProblem, WorkspaceError, describe_os_error
from docgen.kinds import KINDS
from docgen.lock import workspace_lock
from docgen.skeletons import case_skeleton, example_case, example_case_id, settings_skeleton
from docgen.workspace import (
    CASE_SUFFIXES,
    CASES_DIR,
    SETTINGS_FILE,
    Workspace,
    default_templates_dir,
    display_path,
    read_bytes,
)


@dataclass(frozen=True)
class CheckedTemplate:
    """One template as `docgen templates check` found it."""

    path: Path  # as shown to the clerk
    problems: list[DocgenError]
    variables: list[str] | None  # the names it uses; None when it does not compile


@dataclass(frozen=True)
class TemplateCheck:
    """Every template checked, and the templates that could not even be found."""

    templates: list[CheckedTemplate]
    missing: list[DocgenError]

    @property
    def problems(self) -> list[DocgenError]:
        return [*self.missing, *(p for t in self.templates for p in t.problems)]

    @property
    def ok(self) -> bool:
        """No problem stops rendering: warnings alone are fine."""
        return not any(problem.fatal for problem in self.problems)


def check_template_files(workspace: Workspace, files: Sequence[Path] = ()) -> TemplateCheck:
    """Check `files`, or when none are given the template of every kind, all at once."""
    paths, missing = list(files), []
    for kind in () if files else KINDS.values():
        try:
            paths.append(workspace.template_path(kind.template))
        except DocgenError as err:
            missing.append(err)
    checked = []
    for path in paths:
        shown = display_path(path)
        try:
            blob = read_bytes(path)
        except DocgenError as err:
            checked.append(CheckedTemplate(shown, [err], None))
            continue
        found: list[DocgenError] = list(check_template(str(shown), blob))
        try:
            variables: list[str] | None = sorted(compile_template(str(shown), blob).variables)
        except DocgenError:
            variables = None
        checked.append(CheckedTemplate(shown, found, variables))
    return TemplateCheck(checked, missing)


@dataclass(frozen=True)
class TemplateExport:
    """What `docgen templates export` did: templates copied, and those left as they were."""

    copied: list[str]
    kept: list[str]


def export_templates(workspace: Workspace, *, force: bool = False) -> TemplateExport:
    """Copy the default templates into the workspace's templates/ for editing.

    A template already there is kept unless `force`; a workspace whose templates/ is the
    default folder itself (the repository) is left alone.

    Raises:
        WorkspaceError: a default template cannot be read or a copy cannot be written.
    """
    source = default_templates_dir()
    result = TemplateExport([], [])
    with workspace_lock(workspace.root, "templates export"):
        for kind in KINDS.values():
            target = workspace.templates_dir / kind.template
            same = target.resolve() == (source / kind.template).resolve()
            if same or (target.exists() and not force):
                result.kept.append(kind.template)
                continue
            write_atomically(read_bytes(source / kind.template), target)
            result.copied.append(kind.template)
    return result


def init_workspace(directory: Path, today: date, *, example: bool = True) -> list[Path]:
    """Create a workspace in `directory` for the year of `today`: a commented docgen.yaml
    (that year's campaign, its holidays block) and, if `example`, one example case.

    Returns the files written; cases/ is created even when empty.

    Why:
        A workspace started with last year's campaign would show every case overdue, and an
        example counted as a case would too; the example is marked `example: true` instead.

    Raises:
        WorkspaceError: `directory` already holds a docgen.yaml, or cannot be written.
    """
    settings = directory / SETTINGS_FILE
    if settings.exists():
        raise WorkspaceError(
            f"“{display_path(settings)}”已存在，这里已经是一个工作区",
            hint="如要重新开始，请换一个空文件夹。",
        )
    year, written = today.year, []
    cases = directory / CASES_DIR
    try:
        cases.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorkspaceError(
            f"无法建立文件夹“{display_path(cases)}”：{describe_os_error(err)}",
            hint="请检查路径和文件夹权限。",
        ) from err
    case = cases / f"{example_case_id(year)}.yaml"
    if example and not case.exists():
        write_atomically(example_case(year).encode("utf-8"), case)
        written.append(case)
    # docgen.yaml last: until it exists, `init` can simply be run again
    built_in = not WorkCalendar().is_assumed(date(year, 1, 1))
    write_atomically(settings_skeleton(year, built_in).encode("utf-8"), settings)
    return [settings, *written]


def new_case(workspace: Workspace, case_id: str, today: date) -> Path:
    """Write a commented case skeleton for `case_id`, dated `today`, into cases/; its path.

    Why:
        The id names the case's file and output folder; Windows does not tell XF1 from xf1,
        so an id differing from an existing case file only in case would share its folder.

    Raises:
        UsageProblem: `case_id` is not a valid 案件编号 (checked before anything is written).
        WorkspaceError: a case file of that id exists, whatever its letter case.
    """
    try:
        check_case_id(case_id)
    except RuleViolation as err:
        raise UsageProblem(err.message, hint=err.hint) from err
    existing = workspace.cases_dir.glob("*") if workspace.cases_dir.is_dir() else ()
    for path in sorted(existing):
        if path.suffix in CASE_SUFFIXES and path.stem.casefold() == case_id.casefold():
            raise WorkspaceError(
                f"案件“{case_id}”已有案件文件“{display_path(path)}”（案件编号不区分大小写）",
                hint="请直接编辑它，或换一个案件编号。",
            )
    target = workspace.cases_dir / f"{case_id}.yaml"
    with workspace_lock(workspace.root, "new"):
        write_atomically(case_skeleton(case_id, today).encode("utf-8"), target)
    return target


INTERNAL_REPORTS: Final = Path(".docgen") / "reports"


def save_internal_report(workspace: Workspace | None, text: str, name: str) -> Path | None:
    """Keep the report of a bug in docgen as `name`, where the clerk can send it on.

    The workspace's `.docgen/reports/` when it can be written, else the system's temporary
    folder; None when neither can.
    """
    folders = [workspace.root / INTERNAL_REPORTS] if workspace else []
    for folder in [*folders, Path(tempfile.gettempdir())]:
        try:
            write_atomically(text.encode("utf-8"), folder / name)
        except DocgenError:
            continue
        return folder / name
    return None
