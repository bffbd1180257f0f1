"""Checking and rendering cases: files → cases → kinds → templates → documents.

Each case file is read (and rendered) on its own, in worker processes when there are many
(`docgen.batch`); this process takes the results in file order, checks case ids for duplicates
and collects what the clerk is told, so a run with one process or many gives the same report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from docgen.batch import Interrupted as Interrupted  # raised by render_cases
from docgen.batch import Workers, available_cores, interruptible, run_ordered, uninterrupted
from docgen.case import LoadedCase
from docgen.case.law import citations
from docgen.docxio import (
    CaseOutput,
    Swap,
    commit,
    remove_run_temporaries,
    remove_stale_temporaries,
    run_token,
)
from docgen.errors import DocgenError, Location, Problems, SettingsError
from docgen.kinds import KINDS, DocumentKind, Job
from docgen.lock import workspace_lock
from docgen.pipeline.intake import CaseRead, Intake, Reading, read_case, read_file
from docgen.pipeline.memo import Memo, memo_context
from docgen.pipeline.numbering import Numbers, allocate_numbers
from docgen.pipeline.rendering import (
    LazyTemplates,
    NumberNeeds,
    Rendered,
    Rendering,
    kept,
    render_file,
    request_numbers,
)
from docgen.pipeline.templates import check_templates as check_templates  # the interface's
from docgen.pipeline.templates import compilable, template_digest, template_sources
from docgen.pipeline.templates import template_source as template_source  # notices' too
from docgen.pipeline.unchanged import RenderRecord, case_inputs, run_digest
from docgen.workspace import (
    Workspace,
    display_path,
)

PARALLEL_FROM: Final = {"check": 200, "summarize": 200, "render": 32, "notices": 32}
"""Files from which a command starts worker processes; for fewer, starting them costs more."""
_READS_PER_TASK: Final = 64
"""Case files a worker of `check` reads per task: a file takes about a millisecond."""
Progress = Callable[[str], None]
T = TypeVar("T")


def _silent(_: str) -> None:
    pass


@dataclass
class Report:
    """What a run found and did; the CLI prints it, a library caller inspects it.

    Only `load_cases` keeps the cases themselves; `check_cases` and `render_cases` stream them.
    """

    cases: list[LoadedCase] = field(default_factory=list)
    errors: list[DocgenError] = field(default_factory=list)
    warnings: list[DocgenError] = field(default_factory=list)  # none of them fatal
    written: list[Path] = field(default_factory=list)
    failed_cases: list[str] = field(default_factory=list)
    idle_cases: list[str] = field(default_factory=list)  # valid, but no document has its data
    diverted_cases: list[str] = field(default_factory=list)  # 涉法涉诉, handed to the courts

    @property
    def ok(self) -> bool:
        return not self.errors


def settings_problems(workspace: Workspace) -> list[DocgenError]:
    """The problems of docgen.yaml, which stop every case."""
    try:
        workspace.settings  # noqa: B018 (read and validated once, then cached)
    except DocgenError as err:
        return list(err.problems) if isinstance(err, Problems) else [err]
    return []


def processes_for(command: str, files: Sequence[Path], jobs: int | None) -> int:
    """How many processes to use: 1 for a few files, else `jobs` or every core."""
    if len(files) < PARALLEL_FROM[command]:
        return 1
    return jobs or available_cores()


def load_cases(workspace: Workspace, files: Iterable[Path], today: date) -> Report:
    """Read and validate `files`, keeping every valid case; every problem is collected."""
    cases, report = summarize_cases(workspace, files, today, _whole, jobs=1)
    report.cases = cases
    return report


def _whole(loaded: LoadedCase, _: Reading) -> LoadedCase:
    return loaded


@dataclass(frozen=True)
class _Summarizing(Generic[T]):
    """What summarizing a case file needs; sent once to each worker process."""

    reading: Reading
    summarize: Callable[[LoadedCase, Reading], T]  # a module-level function: pickled by name


def _summarize_file(task: _Summarizing[T], path: Path) -> tuple[CaseRead, T | None]:
    """Worker task of `summarize_cases`: the case stays in the worker, its summary returns."""
    read, loaded = read_case(task.reading, path)
    return read, None if loaded is None else task.summarize(loaded, task.reading)


def summarize_cases(
    workspace: Workspace,
    files: Iterable[Path],
    today: date,
    summarize: Callable[[LoadedCase, Reading], T],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> tuple[list[T], Report]:
    """`summarize` of every valid case, in file order, with the report of every problem.

    `progress` gets each file's case id (or its path, when it has none) as it is read.

    Why:
        Only the summaries are kept (a row of the 台账, say), never all the cases, so memory
        stays flat however many cases a province holds; many cases are read in `jobs`
        processes (default: one per core).
    """
    report = Report(errors=settings_problems(workspace))
    if report.errors:
        return [], report
    files = list(files)
    task = _Summarizing(Reading(workspace, today), summarize)
    intake, summaries = Intake(), []
    for read, summary in run_ordered(
        _summarize_file, task, files, processes_for("summarize", files, jobs)
    ):
        if intake.accept(read) and summary is not None:
            summaries.append(summary)
        if progress is not None:
            progress(read.case_id or str(read.file))
    report.errors, report.warnings = intake.errors, list(intake.warnings)
    return summaries, report


def check_cases(
    workspace: Workspace,
    files: Iterable[Path],
    today: date,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Report:
    """Validate cases, the numbering settings and the templates: what `docgen check` reports.

    The cases are read in `jobs` processes (default: one per core) when there are many;
    `progress` gets each file's case id (or its path, when it has none) as it is read. A file
    unchanged since a check with the same settings, code and `today` is not read again
    (`docgen.pipeline.memo`).
    """
    report = Report(errors=settings_problems(workspace))
    if report.errors:
        templates = check_templates(workspace, KINDS.values())
    else:
        files = list(files)
        memo = Memo(workspace, "check", memo_context(workspace, today))
        recalled = [memo.recall(path) for path in files]
        unread = [path for path, known in zip(files, recalled, strict=True) if known is None]
        intake = Intake()
        with Workers(Reading(workspace, today), processes_for("check", unread, jobs)) as workers:
            fresh = workers.ordered(read_file, unread, chunk=_READS_PER_TASK)
            templates = check_templates(workspace, KINDS.values(), memo)  # meanwhile, they read
            for known in recalled:
                read = next(fresh) if known is None else known.read
                if known is None:
                    memo.keep(read)
                intake.accept(read)
                if progress is not None:
                    progress(read.case_id or str(read.file))
        memo.save()
        report.errors, report.warnings = intake.errors, list(intake.warnings)
        report.errors.extend(_numbering_problems(workspace))
    for problem in templates:
        (report.errors if problem.fatal else report.warnings).append(problem)
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


def render_cases(
    workspace: Workspace,
    files: Iterable[Path],
    kinds: Sequence[str] = (),
    *,
    render_date: date,
    today: date,
    progress: Progress = _silent,
    notify: Progress = _silent,
    jobs: int | None = None,
) -> Report:
    """Render the documents of every valid case; a case with any problem writes nothing.

    `progress` gets each case id as its documents are ready, `notify` what the clerk should
    know meanwhile (e.g. that another docgen holds the workspace). The cases are rendered in
    `jobs` processes (default: one per core) when there are many.

    Why:
        A clerk must never find some of a case's documents refreshed and others failed, so
        each case's documents are written to temporaries and swapped in only when all of them
        succeeded; a broken template holds back only the cases that need it. The data is
        made durable once for the run, not once per file.

    Raises:
        WorkspaceError: another docgen kept the workspace locked.
        Interrupted: SIGTERM or SIGINT; the run's temporaries are removed first.
    """
    report = Report(errors=settings_problems(workspace))
    if report.errors:
        return report
    files = list(files)
    chosen = tuple(kinds) or tuple(KINDS)
    sources, template_errors = template_sources(workspace, chosen)
    digests = {name: template_digest(blob, lenient) for name, (_, blob, lenient) in sources.items()}
    run = run_digest(workspace, digests, chosen, render_date)
    memo = Memo(workspace, "render", memo_context(workspace, run, today))
    templates = LazyTemplates(compilable(sources, memo, template_errors))
    reading = Reading(workspace, today)
    rendering = Rendering(reading, chosen, templates, render_date, run_token(), job_context)
    with workspace_lock(workspace.root, "render", notify=notify), interruptible():
        remove_stale_temporaries(workspace.output_dir)
        record = RenderRecord(workspace)
        try:
            # Leaving this block waits for the workers: none writes after the clean-up below.
            processes = processes_for("render", files, jobs)
            with Workers(rendering, processes, start_from=PARALLEL_FROM["render"]) as workers:
                plans = _planned(report, workers, files, record, run, memo)
                todo = [(plan.path, plan.numbers) for plan in plans if plan.kept is None]
                with closing(workers.ordered(render_file, todo)) as fresh:
                    results = (plan.kept or next(fresh) for plan in plans)
                    intake, pending = take_rendered(report, results, progress)
            with uninterrupted():
                swap_in(report, pending)
        except BaseException:
            remove_run_temporaries(workspace.output_dir, rendering.token)
            raise
        inputs = {plan.case_id: plan.inputs for plan in plans if plan.inputs}
        failed = set(report.failed_cases)
        record.update(
            {
                case_id: (inputs[case_id], (target for _, target in swaps))
                for case_id, swaps in pending
                if case_id not in failed
            },
            failed,
        )
        memo.save()
    if not intake.seen:
        template_errors = []  # no case to render: the templates are `check`'s business
    report.errors = [*intake.errors, *template_errors, *report.errors]
    report.warnings = [*intake.warnings, *report.warnings]
    return report


@dataclass(frozen=True)
class _Plan:
    """What the first pass decided for one case file."""

    path: Path
    numbers: Numbers | None  # None: refused (unreadable, invalid, a duplicate id)
    case_id: str = ""
    inputs: str = ""  # digest of everything its documents are made from
    kept: Rendered | None = None  # its documents on disk are what a render would write


def _planned(
    report: Report,
    workers: Workers[Rendering],
    files: Sequence[Path],
    record: RenderRecord,
    run: str,
    memo: Memo,
) -> list[_Plan]:
    """Each file with the 文号 of its documents, allocated in file order before any rendering,
    and whether its documents on disk can stay as they are.

    Raises:
        RegisterError: the register cannot be used; nothing is allocated, nothing rendered.
    """
    rendering = workers.shared
    workspace = rendering.reading.workspace
    intake = Intake()  # this pass's problems are reported by the rendering pass
    accepted = [
        (path, need if intake.accept(need.read) else None)
        for path, need in zip(files, _number_needs(workers, files, memo), strict=True)
    ]
    numbers, renumbered = allocate_numbers(
        workspace, [(need.read.file, need.requests) for _, need in accepted if need]
    )
    report.warnings.extend(renumbered)
    kinds = [KINDS[name] for name in rendering.kinds]
    found = iter(numbers)
    plans = []
    for path, need in accepted:
        if need is None or need.read.case_id is None:
            plans.append(_Plan(path, None))
            continue
        case_id, allocated = need.read.case_id, next(found)
        inputs = case_inputs(run, need.read.digest, allocated)
        documents = record.unchanged(case_id, inputs)
        folder = workspace.case_output_dir(case_id)
        still = None if documents is None else kept(need, folder, documents, kinds)
        plans.append(_Plan(path, allocated, case_id, inputs, still))
    return plans


def _number_needs(
    workers: Workers[Rendering], files: Sequence[Path], memo: Memo
) -> Iterator[NumberNeeds]:
    """What each file's documents need, in file order: remembered, or read by the workers."""
    recalled = [memo.recall(path) for path in files]
    known = [None if found is None else NumberNeeds.recalled(found) for found in recalled]
    unread = [path for path, need in zip(files, known, strict=True) if need is None]
    fresh = workers.ordered(request_numbers, unread)
    for need in known:
        if need is None:
            need = next(fresh)
            memo.keep(need.read, need.remembered())
        yield need


def _no_use(case_id: str, swaps: Sequence[Swap]) -> None:
    pass


def take_rendered(
    report: Report,
    results: Iterable[Rendered],
    progress: Progress,
    ready: Callable[[str, Sequence[Swap]], None] = _no_use,
) -> tuple[Intake, list[tuple[str, Sequence[Swap]]]]:
    """Take each case's outcome in file order; return the cases ready to swap in.

    `ready` gets each of them as it comes, while the workers render the next ones.
    """
    intake = Intake()
    pending: list[tuple[str, Sequence[Swap]]] = []
    for rendered in results:
        case_id = rendered.read.case_id
        if not intake.accept(rendered.read) or case_id is None:
            CaseOutput("", list(rendered.swaps)).discard()  # a duplicate's documents
            continue
        progress(case_id)
        if rendered.errors:
            report.errors.extend(rendered.errors)
            report.failed_cases.append(case_id)
            continue
        if not rendered.swaps:
            report.idle_cases.append(case_id)
        if rendered.diverted:
            report.diverted_cases.append(case_id)
        pending.append((case_id, rendered.swaps))
        report.warnings.extend(rendered.stale)
        ready(case_id, rendered.swaps)
    return intake, pending


def swap_in(report: Report, pending: Sequence[tuple[str, Sequence[Swap]]]) -> None:
    """Swap every ready case's documents in after one sync; a failed swap fails its case."""
    failed: set[int] = set()

    def fail(index: int, err: DocgenError) -> None:
        failed.add(index)
        report.errors.append(err)
        report.failed_cases.append(pending[index][0])

    commit([swaps for _, swaps in pending], fail)
    for index, (_, swaps) in enumerate(pending):
        if index not in failed:
            report.written.extend(target for _, target in swaps)


def job_context(
    workspace: Workspace,
    common: Mapping[str, Any],
    kind: DocumentKind,
    job: Job,
    render_date: date,
    doc_number: str,
) -> dict[str, Any]:
    """Everything one document's template receives (docs/templates.md)."""
    issued = job.issued or render_date
    context: dict[str, Any] = {
        **common,
        "doc_title": kind.title,
        "doc_number": doc_number,
        "issued": issued,
        "law": citations(issued),
        **job.context,
    }
    return kind.visible_context(context)
