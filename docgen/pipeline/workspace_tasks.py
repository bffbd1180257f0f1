"""The workspace's upkeep: new workspaces and cases, the templates, reports of docgen's bugs."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from docgen.case import RuleViolation, check_case_id
from docgen.deadlines import WorkCalendar
from docgen.docxio import write_atomically
from docgen.engine import check_template, compile_template
from docgen.errors import (
    DocgenError,
    Location,
    TemplateWarning,
    UsageProblem,
    WorkspaceError,
    describe_os_error,
)
from docgen.kinds import KINDS, DocumentKind
from docgen.layout.check import template_findings
from docgen.lock import workspace_lock
from docgen.pipeline.templates import lenient_template
from docgen.skeletons import (
    case_skeleton,
    example_case,
    example_case_id,
    fill_skeleton,
    settings_skeleton,
)
from docgen.workspace import (
    CASE_SUFFIXES,
    CASES_DIR,
    SETTINGS_FILE,
    Workspace,
    default_templates_dir,
    display_path,
    read_bytes,
)

COMMON_NAMES: Final = frozenset(
    {"office", "campaign", "doc_title", "doc_number", "issued", "law", "case"}
)
"""What every kind's template receives (docs/templates.md); a public kind lacks `case`."""
KIND_NAMES: Final[Mapping[str, frozenset[str]]] = {
    "hearing_notice": frozenset({"recipient", "hearing"}),
    "service_receipt": frozenset({"recipient", "served", "hearing"}),
    "hearing_announcement": frozenset({"public", "hearing"}),
    "hearing_result": frozenset({"public", "hearing", "result"}),
    "transfer_letter": frozenset({"transfer"}),
    "resolution_plan": frozenset({"plan", "relief_total", "history_levels"}),
    "responsibility_letter": frozenset({"leader", "plan", "copies"}),
    "closure_notice": frozenset({"recipient", "closure"}),
    "settlement_agreement": frozenset({"closure", "agreement"}),
    "closure_approval": frozenset(
        {"closure", "plan", "measures", "more_measures", "undone", "township"}
    ),
    "power_of_attorney": frozenset({"agent", "principal"}),
}
"""The names each kind adds (docs/templates.md, "Per kind"); tests compare with the jobs."""
_HINT_LAYOUT: Final = (
    "公文格式见 GB/T 9704-2012；可用 docgen templates export --force 导出默认模板对照修改。"
)


def provided_names(kind: DocumentKind) -> frozenset[str]:
    """The top-level names a template of `kind` receives."""
    names = COMMON_NAMES | KIND_NAMES.get(kind.name, frozenset())
    return names - {"case"} if kind.public else names


@dataclass(frozen=True)
class CheckedTemplate:
    """One template as `docgen templates check` found it."""

    path: Path  # as shown to the clerk
    problems: list[DocgenError]
    variables: list[str] | None  # the names it uses; None when it does not compile
    unprovided: list[str] = field(default_factory=list)  # used, but not given by its kind
    lenient: bool = False  # undefined names print as nothing


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
    """Check `files`, or when none are given the template of every kind, all at once: tags,
    names the kind does not provide, and the GB/T 9704 layout (as warnings)."""
    paths, missing = list(files), []
    for kind in () if files else KINDS.values():
        try:
            paths.append(workspace.template_path(kind.template))
        except DocgenError as err:
            missing.append(err)
    return TemplateCheck([_check_one(workspace, path) for path in paths], missing)


def _check_one(workspace: Workspace, path: Path) -> CheckedTemplate:
    shown = display_path(path)
    try:
        blob = read_bytes(path)
        lenient = lenient_template(workspace, path)
    except DocgenError as err:
        return CheckedTemplate(shown, [err], None)
    found: list[DocgenError] = list(check_template(str(shown), blob, lenient))
    try:
        compiled = compile_template(str(shown), blob, lenient)
    except DocgenError:
        return CheckedTemplate(shown, found, None, lenient=lenient)
    kind = next((k for k in KINDS.values() if k.template == path.name), None)
    unprovided = sorted(compiled.variables - provided_names(kind)) if kind else []
    if unprovided and kind is not None:
        found.append(_unprovided_warning(shown, kind, unprovided, compiled.lenient))
    for finding in template_findings(blob):
        where = Location(shown, line=finding.paragraph, field=finding.part)
        found.append(TemplateWarning(finding.message, where, _HINT_LAYOUT))
    return CheckedTemplate(
        shown, found, sorted(compiled.variables), unprovided, lenient=compiled.lenient
    )


def _unprovided_warning(
    shown: Path, kind: DocumentKind, names: list[str], lenient: bool
) -> TemplateWarning:
    listed = "、".join(names)
    effect = "宽松模式下输出为空" if lenient else "生成时会报“模板变量未定义”"
    message = f"模板用到了{kind.title}不提供的变量：{listed}（{effect}）"
    return TemplateWarning(message, Location(shown), "可用的变量见 docs/templates.md。")


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


def new_case(workspace: Workspace, case_id: str, today: date, text: str | None = None) -> Path:
    """Write a commented case skeleton for `case_id`, dated `today`, into cases/; its path.

    `text` is that skeleton already filled in (the web page's 新建案件 form), written instead.

    Raises:
        UsageProblem: `case_id` is not a valid 案件编号 (checked before anything is written).
        WorkspaceError: a case file of that id exists, whatever its letter case.
    """
    check_new_case_id(workspace, case_id)
    target = workspace.cases_dir / f"{case_id}.yaml"
    with workspace_lock(workspace.root, "new"):
        check_new_case_id(workspace, case_id)  # again under the lock: no two pages race
        written = case_skeleton(case_id, today) if text is None else text
        write_atomically(written.encode("utf-8"), target)
    return target


def filled_case(case_id: str, today: date, values: Mapping[str, str | date | None]) -> str:
    """The skeleton `docgen new` writes for `case_id`, its blanks filled from `values`
    (see `fill_skeleton`): what the web page's 新建案件 form checks, then writes."""
    return fill_skeleton(case_skeleton(case_id, today), values)


def check_new_case_id(workspace: Workspace, case_id: str) -> None:
    """Refuse `case_id` for a new case: not a 案件编号, or the id of a case file already there.

    Why:
        The id names the case's file and output folder; Windows does not tell XF1 from xf1,
        so an id differing from an existing case file only in case would share its folder.

    Raises:
        UsageProblem: `case_id` is not a valid 案件编号.
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
