"""The recipes behind the commands: cases → kinds → templates → documents, as a library."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from docgen.case import LoadedCase, RuleViolation, check_case_id, parse_case
from docgen.docxio import write_atomically
from docgen.engine import CompiledTemplate, check_template, compile_template
from docgen.errors import (
    CaseError,
    CaseWarning,
    DocgenError,
    Location,
    Problems,
    SettingsError,
    TemplateError,
    UsageProblem,
    WorkspaceError,
)
from docgen.kinds import KINDS, DocumentKind, Job
from docgen.kinds.base import case_data
from docgen.skeletons import EXAMPLE_CASE_ID, case_skeleton, example_case, settings_skeleton
from docgen.workspace import (
    CASE_SUFFIXES,
    CASES_DIR,
    SETTINGS_FILE,
    Workspace,
    default_templates_dir,
    display_path,
    read_bytes,
)

BLANK_SERIAL: Final = "　　"  # two full-width spaces: the clerk writes the serial by hand

Progress = Callable[[str], None]


def _silent(_: str) -> None:
    pass


@dataclass
class Report:
    """What a run found and did; the CLI prints it, a library caller inspects it."""

    cases: list[LoadedCase] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # case id -> its file
    errors: list[DocgenError] = field(default_factory=list)
    warnings: list[CaseWarning] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failed_cases: list[str] = field(default_factory=list)
    idle_cases: list[str] = field(default_factory=list)  # valid, but no document has its data

    @property
    def ok(self) -> bool:
        return not self.errors


def load_cases(workspace: Workspace, files: Iterable[Path], today: date) -> Report:
    """Read and validate `files`; every problem of every file is collected, none raised."""
    report = Report()
    try:
        settings = workspace.settings
    except DocgenError as err:
        report.errors.extend(err.problems if isinstance(err, Problems) else [err])
        return report
    for path in files:
        shown = display_path(path)
        try:
            loaded = parse_case(read_bytes(path), shown, settings, today)
        except Problems as problems:
            report.errors.extend(problems.problems)
            continue
        except DocgenError as err:
            report.errors.append(err)
            continue
        case_id = loaded.case.id
        same = next(
            (other for other in report.files if other.casefold() == case_id.casefold()), None
        )
        if same is not None:  # XF1 and xf1 would share one output folder on Windows
            report.errors.append(
                CaseError(
                    f"案件编号“{case_id}”与“{report.files[same]}”中的“{same}”重复",
                    loaded.locations.get(("id",), Location(shown)),
                    hint="案件编号用作输出文件夹名，每个案件必须不同。",
                )
            )
            continue
        report.files[case_id] = shown
        report.cases.append(loaded)
        report.warnings.extend(loaded.warnings)
    return report


def _template_source(workspace: Workspace, kind: DocumentKind) -> tuple[str, bytes]:
    """The path shown in messages and the bytes of the template behind `kind`.

    Raises:
        WorkspaceError: the template is missing or unreadable.
    """
    path = workspace.template_path(kind.template)
    return str(display_path(path)), read_bytes(path)


def check_templates(workspace: Workspace, kinds: Iterable[DocumentKind]) -> list[DocgenError]:
    """Every problem of the templates behind `kinds`, all at once."""
    problems: list[DocgenError] = []
    for kind in kinds:
        try:
            problems.extend(check_template(*_template_source(workspace, kind)))
        except DocgenError as err:
            problems.append(err)
    return problems


def check_cases(workspace: Workspace, files: Iterable[Path], today: date) -> Report:
    """Validate cases, the numbering settings and the templates: what `docgen check` reports."""
    report = load_cases(workspace, files, today)
    with contextlib.suppress(DocgenError):  # a broken docgen.yaml is reported by load_cases
        report.errors.extend(_numbering_problems(workspace))
    report.errors.extend(check_templates(workspace, KINDS.values()))
    return report


def _numbering_problems(workspace: Workspace) -> list[DocgenError]:
    """A 文号 pattern under a name no numbered document uses is a typo that would go unseen."""
    numbered = sorted({kind.number_series for kind in KINDS.values() if kind.number_series})
    return [
        SettingsError(
            f"“{name}”不是需要文号的文书",
            Location(display_path(workspace.settings_file), field=f"numbering.{name}"),
            hint=f"需要文号的文书只有：{'、'.join(numbered)}。",
        )
        for name in workspace.settings.numbering
        if name not in numbered
    ]


def _document_number(workspace: Workspace, series: str | None, issued: date) -> str:
    """The 文号 a document carries; until the register exists, the serial is left blank."""
    pattern = workspace.settings.numbering.get(series) if series else None
    if pattern is None:
        return ""
    return pattern.replace("{year}", str(issued.year)).replace("{n}", BLANK_SERIAL)


def _office_context(workspace: Workspace) -> dict[str, Any]:
    """The names every template gets from docgen.yaml."""
    settings = workspace.settings
    return {"office": settings.office.model_dump(), "campaign": settings.campaign.model_dump()}


def _job_context(
    workspace: Workspace,
    common: Mapping[str, Any],
    kind: DocumentKind,
    job: Job,
    render_date: date,
) -> dict[str, Any]:
    """Everything one document's template receives (docs/templates.md)."""
    issued = job.issued or render_date
    context: dict[str, Any] = {
        **common,
        "doc_title": kind.title,
        "doc_number": _document_number(workspace, kind.number_series, issued),
        "issued": issued,
        **job.context,
    }
    return kind.visible_context(context)


def render_cases(
    workspace: Workspace,
    files: Iterable[Path],
    kinds: Sequence[str] = (),
    *,
    render_date: date,
    today: date,
    progress: Progress = _silent,
) -> Report:
    """Render the documents of every valid case; a case with any problem writes nothing.

    Why:
        A clerk must never find some of a case's documents refreshed and others failed, so
        each case is rendered in memory first and written only when all its documents
        succeeded. A broken template holds back only the cases that need it.
    """
    report = load_cases(workspace, files, today)
    if not report.cases:
        return report
    chosen = [KINDS[name] for name in kinds] if kinds else list(KINDS.values())
    templates: dict[str, CompiledTemplate] = {}
    for kind in chosen:
        try:
            templates[kind.name] = compile_template(*_template_source(workspace, kind))
        except DocgenError as err:
            report.errors.append(err)
    office = _office_context(workspace)
    for loaded in report.cases:
        case_id = loaded.case.id
        progress(case_id)
        folder = workspace.case_output_dir(case_id)
        documents, problems = _render_case(
            workspace, loaded, report.files[case_id], chosen, templates, office, render_date
        )
        if problems:
            report.errors.extend(problems)
            report.failed_cases.append(case_id)
            continue
        if not documents:
            report.idle_cases.append(case_id)
        try:
            for target, data in documents.items():
                write_atomically(data, target)
                report.written.append(target)
        except DocgenError as err:
            report.errors.append(err)
            report.failed_cases.append(case_id)
            continue
        report.warnings.extend(_stale_documents(folder, chosen, documents.keys()))
    return report


def _render_case(
    workspace: Workspace,
    loaded: LoadedCase,
    file: Path,
    kinds: Sequence[DocumentKind],
    templates: Mapping[str, CompiledTemplate],
    office: Mapping[str, Any],
    render_date: date,
) -> tuple[dict[Path, bytes], list[DocgenError]]:
    """Every document of one case as output path → bytes, and the problems that stop it."""
    case = loaded.case
    folder = workspace.case_output_dir(case.id)
    common = {**office, "case": case_data(case)}
    documents: dict[Path, bytes] = {}
    problems: list[DocgenError] = []
    for kind in kinds:
        jobs = kind.jobs(case, workspace.settings)
        if jobs and kind.name not in templates:
            problems.append(
                CaseError(
                    f"模板“{kind.template}”有问题，本案的{kind.title}无法生成",
                    Location(file),
                    hint="请先改正上面列出的模板问题。",
                )
            )
            continue
        for job in jobs:
            context = _job_context(workspace, common, kind, job, render_date)
            try:
                data = templates[kind.name].render(context)
            except TemplateError as err:
                problems.append(err)
                continue
            documents[_unused_path(folder / kind.output_name(job), documents)] = data
    return documents, problems


def _unused_path(path: Path, taken: Mapping[Path, object]) -> Path:
    """`path`, or `…-2.docx`, `…-3.docx` when two recipients share a name."""
    candidate, n = path, 1
    while candidate in taken:
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _stale_documents(
    folder: Path, kinds: Iterable[DocumentKind], written: Iterable[Path]
) -> list[CaseWarning]:
    """Earlier outputs of `kinds` in `folder` that this run did not produce again.

    Why:
        A renamed recipient or a dropped hearing leaves the old notice behind, where it could
        be printed and served. Deleting it could lose a clerk's own file, so it is reported.
    """
    if not folder.is_dir():
        return []
    fresh = set(written)
    return [
        CaseWarning(
            "这是以前生成的文书，本次没有再生成（收件人可能已改名或删除，或案件已无此项内容）",
            Location(display_path(path)),
            hint="请核对后删除，以免误发。",
        )
        for path in sorted(folder.glob("*.docx"))
        if path not in fresh and any(kind.owns(path.name) for kind in kinds)
    ]


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
    for kind in KINDS.values():
        target = workspace.templates_dir / kind.template
        same = target.resolve() == (source / kind.template).resolve()
        if same or (target.exists() and not force):
            result.kept.append(kind.template)
            continue
        write_atomically(read_bytes(source / kind.template), target)
        result.copied.append(kind.template)
    return result


def init_workspace(directory: Path) -> list[Path]:
    """Create a workspace in `directory`: a commented docgen.yaml and one example case.

    Returns the files written.

    Raises:
        WorkspaceError: `directory` already holds a docgen.yaml, or cannot be written.
    """
    settings = directory / SETTINGS_FILE
    if settings.exists():
        raise WorkspaceError(
            f"“{display_path(settings)}”已存在，这里已经是一个工作区",
            hint="如要重新开始，请换一个空文件夹。",
        )
    write_atomically(settings_skeleton().encode("utf-8"), settings)
    written = [settings]
    case = directory / CASES_DIR / f"{EXAMPLE_CASE_ID}.yaml"
    if not case.exists():
        write_atomically(example_case().encode("utf-8"), case)
        written.append(case)
    return written


def new_case(workspace: Workspace, case_id: str) -> Path:
    """Write a commented case skeleton for `case_id` into cases/ and return its path.

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
    write_atomically(case_skeleton(case_id).encode("utf-8"), target)
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


# ── The 文号 register: list, void, export ──────────────────────────────────────────────────
# Imports kept with the section while the rest of this module is being rewritten. Each
# function raises RegisterError when the register file cannot be used (docgen.register).
from docgen.register.listing import REGISTER_HEADERS as REGISTER_HEADERS  # noqa: E402
from docgen.register.listing import REGISTER_WIDTHS  # noqa: E402
from docgen.register.listing import register_rows as register_rows  # noqa: E402
from docgen.register.store import IssuedNumber, Register, open_register  # noqa: E402
from docgen.xlsx import table_xlsx  # noqa: E402

REGISTER_FILE: Final = Path(".docgen") / "register.db"


def open_workspace_register(workspace: Workspace, *, create: bool = True) -> Register:
    """The workspace's `.docgen/register.db` (RegisterError when it cannot be used)."""
    path = workspace.root / REGISTER_FILE
    return open_register(path, shown=display_path(path), create=create)


def list_numbers(
    workspace: Workspace, year: int | None = None, series: str | None = None
) -> list[IssuedNumber]:
    """The 文号 of `year` and `series` (all when None); a missing register is not created."""
    if not (workspace.root / REGISTER_FILE).exists():
        return []
    with open_workspace_register(workspace) as register:
        return register.list(year, series)


def void_number(workspace: Workspace, text: str, reason: str) -> IssuedNumber:
    """Void `text` for `reason`: it stays in the register and is never issued again."""
    with open_workspace_register(workspace, create=False) as register:
        return register.void(text, reason)


def export_register(
    workspace: Workspace, year: int | None, series: str | None, target: Path | None = None
) -> tuple[Path, int]:
    """Write the register as a printable table (default `register-<year|all>.xlsx`); its count."""
    numbers = list_numbers(workspace, year, series)
    title = f"文号登记簿（{year} 年）" if year else "文号登记簿（全部）"
    target = target or workspace.root / f"register-{year or 'all'}.xlsx"
    write_atomically(
        table_xlsx(title, REGISTER_HEADERS, register_rows(numbers), REGISTER_WIDTHS), target
    )
    return target, len(numbers)
