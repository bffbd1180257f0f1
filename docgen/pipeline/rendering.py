"""Rendering one case file into temporaries, the task each worker process of a render runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docgen.case import LoadedCase
from docgen.docxio import CaseOutput, Swaps, stale_outputs
from docgen.engine import CompiledTemplate, compile_template
from docgen.errors import CaseError, CaseWarning, DocgenError, Location, TemplateError
from docgen.kinds import KINDS, DocumentKind, Job
from docgen.kinds.base import case_data
from docgen.pipeline.intake import CaseRead, Reading, read_case
from docgen.pipeline.memo import Json, Recalled, json_int, json_text
from docgen.pipeline.numbering import Numbers, job_requests
from docgen.register.store import NumberRequest
from docgen.workspace import Workspace, display_path

# (workspace, office and case data, kind, job, render date, 文号) -> what the template receives
JobContext = Callable[[Workspace, Mapping[str, Any], DocumentKind, Job, date, str], dict[str, Any]]


class LazyTemplates(Mapping[str, CompiledTemplate]):
    """A run's templates by kind, each compiled in the process that first renders with it.

    Why:
        A render whose cases are all unchanged needs no template, and one edited case only
        the templates of its documents; compiling the eleven took longer than the rest of
        such a run. Only templates known to compile are given (compiled just now, built in,
        or remembered by the memo), and `docgen.engine` compiles each content once per process.
    """

    def __init__(self, sources: Mapping[str, tuple[str, bytes, bool]]) -> None:
        self._sources = dict(sources)  # kind -> (path as shown, bytes, lenient)

    def __getitem__(self, kind: str) -> CompiledTemplate:
        try:
            return compile_template(*self._sources[kind])
        except TemplateError:  # a memo that was wrong: the case says its template failed
            raise KeyError(kind) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@dataclass(frozen=True)
class Rendering:
    """What rendering a case file needs; sent once to each worker, templates compiled there."""

    reading: Reading
    kinds: tuple[str, ...]
    templates: Mapping[str, CompiledTemplate]  # kinds whose template compiled
    render_date: date
    token: str  # names this run's temporaries
    job_context: JobContext  # a module-level function: pickled by name


@dataclass(frozen=True)
class Rendered:
    """What rendering one case file did: its temporaries, ready to swap in, or its problems."""

    read: CaseRead
    diverted: bool = False
    swaps: Swaps = field(default_factory=Swaps)
    errors: tuple[DocgenError, ...] = ()
    stale: tuple[CaseWarning, ...] = ()


@dataclass(frozen=True)
class NumberNeeds:
    """What the first pass of a render found in one case file: the 文号 its documents need."""

    read: CaseRead
    requests: tuple[NumberRequest, ...] = ()
    diverted: bool = False  # 涉法涉诉: handed to the courts

    def remembered(self) -> Json:
        """What the memo keeps of these needs besides the read (see `recalled`)."""
        requests = [
            [r.series, r.recipient_key, r.year, r.pattern, r.issued and r.issued.isoformat()]
            for r in self.requests
        ]
        return {"requests": requests, "diverted": self.diverted}

    @classmethod
    def recalled(cls, found: Recalled) -> NumberNeeds | None:
        """The needs the memo remembered for a file; None when its entry is damaged."""
        try:
            extra, case_id = found.extra, found.read.case_id
            assert case_id is not None
            requests = tuple(
                NumberRequest(
                    case_id,
                    json_text(series),
                    json_text(key),
                    json_int(year),
                    json_text(pattern),
                    None if issued is None else date.fromisoformat(issued),
                )
                for series, key, year, pattern, issued in extra["requests"]
            )
            if type(extra["diverted"]) is not bool:
                return None
            return cls(found.read, requests, extra["diverted"])
        except (KeyError, TypeError, ValueError):
            return None


def numbered_kinds(rendering: Rendering) -> tuple[str, ...]:
    """The kinds this run renders (their template compiled), whose documents get a 文号."""
    return tuple(name for name in rendering.kinds if name in rendering.templates)


def request_numbers(rendering: Rendering, path: Path) -> NumberNeeds:
    """Worker task of the first pass: read one case and list the numbers its documents need."""
    read, loaded = read_case(rendering.reading, path)
    if loaded is None:
        return NumberNeeds(read)
    case, settings = loaded.case, rendering.reading.workspace.settings
    requests = [
        request
        for kind in (KINDS[name] for name in numbered_kinds(rendering))
        for request in job_requests(
            case.id,
            kind,
            kind.jobs(case, settings),
            settings.numbering,
            rendering.render_date,
            example=case.example,
        )
        if request is not None
    ]
    return NumberNeeds(read, tuple(requests), case.legal_track)


def render_file(rendering: Rendering, item: tuple[Path, Numbers | None]) -> Rendered:
    """Worker task of `render_cases`: read one case and write its documents to temporaries.

    `item` is the case file and the 文号 allocated to its documents by the first pass, None
    for a file that pass refused (a duplicate id): it is read again only for its report.
    """
    path, numbers = item
    read, loaded = read_case(rendering.reading, path)
    if loaded is None or numbers is None:
        return Rendered(read)
    case = loaded.case
    workspace = rendering.reading.workspace
    folder = workspace.case_output_dir(case.id)
    kinds = [KINDS[name] for name in rendering.kinds]
    output = CaseOutput(rendering.token)
    try:
        problems = _render_case(workspace, loaded, read.file, kinds, rendering, numbers, output)
    except BaseException:
        output.discard()  # a bug or an interrupt: nothing of this case stays behind
        raise
    if problems:
        output.discard()
        return Rendered(read, errors=tuple(problems))
    stale = stale_warnings(folder, kinds, [target for _, target in output.swaps])
    return Rendered(read, case.legal_track, Swaps(output.swaps), stale=stale)


def kept(
    need: NumberNeeds, folder: Path, documents: Sequence[Path], kinds: Sequence[DocumentKind]
) -> Rendered:
    """The outcome of a case left as it is on disk: its `documents` in `folder` in place."""
    swaps = Swaps((document, document) for document in documents)
    return Rendered(need.read, need.diverted, swaps, stale=stale_warnings(folder, kinds, documents))


def stale_warnings(
    folder: Path, kinds: Sequence[DocumentKind], written: Sequence[Path]
) -> tuple[CaseWarning, ...]:
    """A warning for each document of `kinds` in `folder` that this render did not write."""
    return tuple(
        CaseWarning(
            "这是以前生成的文书，本次没有再生成（收件人可能已改名或删除，或案件已无此项内容）",
            Location(display_path(old)),
            hint="请核对后删除，以免误发。",
        )
        for old in stale_outputs(folder, lambda name: any(k.owns(name) for k in kinds), written)
    )


def _render_case(
    workspace: Workspace,
    loaded: LoadedCase,
    file: Path,
    kinds: Sequence[DocumentKind],
    rendering: Rendering,
    numbers: Numbers,
    output: CaseOutput,
) -> list[DocgenError]:
    """Render every document of one case into `output`; the problems that stop the case.

    Why:
        Each document is written as soon as it is rendered, so no more than one document's
        bytes are held; once a problem is found, the rest are only rendered, to list theirs.
    """
    case = loaded.case
    folder = workspace.case_output_dir(case.id)
    common = {**office_context(workspace), "case": case_data(case)}
    problems: list[DocgenError] = []
    taken: set[Path] = set()
    for kind in kinds:
        jobs = kind.jobs(case, workspace.settings)
        template = rendering.templates.get(kind.name)
        if template is None:
            if jobs:
                problems.append(
                    CaseError(
                        f"模板“{kind.template}”有问题，本案的{kind.title}无法生成",
                        Location(file),
                        hint="请先改正上面列出的模板问题。",
                    )
                )
            continue
        requests = job_requests(
            case.id,
            kind,
            jobs,
            workspace.settings.numbering,
            rendering.render_date,
            example=case.example,
        )
        for job, request in zip(jobs, requests, strict=True):
            number = numbers[request.key] if request else ""
            context = rendering.job_context(
                workspace, common, kind, job, rendering.render_date, number
            )
            try:
                data = template.render(context)
            except TemplateError as err:  # the same tag failing for each recipient: said once
                if all(str(err) != str(problem) for problem in problems):
                    problems.append(err)
                continue
            target = _unused_path(folder / kind.output_name(job), taken)
            taken.add(target)
            if not problems:
                try:
                    output.write(target, data)
                except DocgenError as err:  # the disk is full: the case stops here
                    return [err]
    return problems


def _unused_path(path: Path, taken: set[Path]) -> Path:
    """`path`, or `…-2.docx`, `…-3.docx` when two recipients share a name."""
    candidate, n = path, 1
    while candidate in taken:
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def office_context(workspace: Workspace) -> dict[str, Any]:
    """The names every template gets from docgen.yaml."""
    settings = workspace.settings
    return {"office": settings.office.model_dump(), "campaign": settings.campaign.model_dump()}
