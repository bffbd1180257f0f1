"""`docgen notices`: every hearing in a window → numbered notices and receipts, and the batch.

The recipe: read every case file (in worker processes when there are many) and keep the
hearings in the window; refuse the notices that can no longer be served in time (unless the
clerk allows them late, with a reason); allocate every number in one transaction; render the
notices and receipts into temporaries as `render` does; build the print file, the 送达登记表
and the manifest from those documents; swap everything in after one sync.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Final

from docgen.batch import Workers, interruptible, uninterrupted
from docgen.case import notice_deadline_text
from docgen.docxio import CaseOutput, Swap, remove_run_temporaries, remove_stale_temporaries
from docgen.docxio import run_token as new_run_token
from docgen.engine import CompiledTemplate, compile_template
from docgen.errors import CaseError, DocgenError, Location
from docgen.kinds import KINDS, Job
from docgen.layout.combine import PrintFile, combine_documents, uses_even_and_odd
from docgen.layout.parts import ReadCache, Source
from docgen.layout.pieces import Piece, PieceCache, prepare
from docgen.lock import workspace_lock
from docgen.pipeline.cases import (
    Progress,
    Report,
    job_context,
    processes_for,
    settings_problems,
    swap_in,
    take_rendered,
    template_source,
)
from docgen.pipeline.intake import CaseRead, Intake, Reading, read_case
from docgen.pipeline.numbering import Numbers, allocate_numbers, job_requests
from docgen.pipeline.rendering import Rendered, Rendering, render_file
from docgen.register.store import NumberRequest
from docgen.workspace import Workspace, display_path, read_bytes
from docgen.xlsx import Cell, table_xlsx

NOTICE_KINDS: Final = ("hearing_notice", "service_receipt")
BATCH_DIR: Final = "批次"
PRINT_FILE: Final = "听证通知书及送达回证（打印）.docx"
PRINT_TITLE: Final = "听证通知书及送达回证"
DELIVERY_LIST: Final = "送达登记表.xlsx"
MANIFEST: Final = "manifest.json"
DELIVERY_HEADERS: Final = (
    *("序号", "文号", "案件编号", "案件名称", "受送达人", "送达地址", "听证日期"),
    *("最迟送达日", "送达方式", "签收日期", "送达人", "备注"),
)
_DELIVERY_WIDTHS: Final = (6, 18, 13, 26, 16, 24, 11, 11, 9, 11, 9, 18)


@dataclass(frozen=True)
class Served:
    """One recipient of a hearing's notice, as the 送达登记表 lists them."""

    name: str
    role: str  # recipient role: petitioner, panel, unit
    address: str  # the petitioner's address, else the unit or organisation


@dataclass(frozen=True)
class Hearing:
    """What the first pass found in one case file: its hearing, if any, and whom to notify."""

    read: CaseRead
    path: Path = Path()
    held_on: date | None = None  # None: no hearing (or the file could not be read)
    title: str = ""
    issued: date | None = None  # 成文日期 of the notices
    served: tuple[Served, ...] = ()
    requests: tuple[NumberRequest, ...] = ()  # one per notice, in recipient order
    case_sha256: str = ""
    where: Location | None = None  # of hearing.date in the case file
    latest: date | None = None  # the last day the notices can be served
    late_reason: str = ""  # allowed late, why

    @property
    def case_id(self) -> str:
        return self.read.case_id or ""


def plan_hearing(rendering: Rendering, path: Path) -> Hearing:
    """Worker task of the first pass: read one case; its hearing, recipients and numbers."""
    read, loaded = read_case(rendering.reading, path)
    hearing = loaded.case.hearing if loaded else None
    if loaded is None or hearing is None or loaded.case.example:  # an example is never sent
        return Hearing(read)
    case, settings = loaded.case, rendering.reading.workspace.settings
    kind = KINDS["hearing_notice"]
    jobs = kind.jobs(case, settings)
    requests = job_requests(case.id, kind, jobs, settings.numbering, rendering.render_date)
    addresses = {p.name: p.address or "" for p in case.petitioners}
    return Hearing(
        read,
        path,
        hearing.date,
        case.title,
        hearing.notice_date or rendering.render_date,
        tuple(_served(job, addresses) for job in jobs),
        tuple(request for request in requests if request is not None),
        hashlib.sha256(read_bytes(path)).hexdigest(),
        loaded.locations.get(("hearing", "date"), Location(read.file)),
    )


def _served(job: Job, addresses: dict[str, str]) -> Served:
    assert job.recipient is not None, "a notice is addressed to someone"
    person = job.recipient
    if person.role == "petitioner":
        address = addresses.get(person.name, "")
    else:
        address = person.org or (person.name if person.role == "unit" else "")
    return Served(person.name, person.role, address)


@dataclass
class NoticesReport(Report):
    """A `Report`, and what the batch held."""

    hearings: int = 0  # hearings in the window
    refused: list[str] = field(default_factory=list)  # cases whose notices were too late
    batch_dir: Path | None = None  # written only when some notice was produced
    notices: int = 0


@dataclass(frozen=True)
class BatchRequest:
    """What the clerk asked for: the window, the 成文日期, and whether late notices may go."""

    start: date
    end: date
    render_date: date  # 成文日期 of a hearing without `notice_date`
    today: date
    late_reason: str | None = None  # `--allow-late --reason`
    version: str = ""  # docgen's version, for the manifest


def batch_name(start: date, end: date) -> str:
    """`2020-06-01至2020-06-15-听证通知`: the batch folder under output/批次/."""
    return f"{start.isoformat()}至{end.isoformat()}-听证通知"


def produce_notices(
    workspace: Workspace,
    files: Sequence[Path],
    request: BatchRequest,
    *,
    planned: Callable[[int], None] = lambda _: None,
    progress: Progress = lambda _: None,
    notify: Progress = lambda _: None,
    jobs: int | None = None,
) -> NoticesReport:
    """Every notice and receipt of the hearings in the window, numbered, and the batch files.

    `planned` gets the number of hearings to render once known, `progress` each case id as
    its documents are ready.

    Why:
        A notice served too late is refused (nothing of its hearing is written) unless the
        clerk allows it with a reason, which the register and the manifest keep. The batch
        files are built from the very documents written, and swapped in with them, so a
        killed run leaves old or new files, never a half-written one; numbers are committed
        before any rendering, so a rerun reuses them.

    Raises:
        RegisterError: the register cannot be used; nothing is allocated or written.
        WorkspaceError: another docgen kept the workspace locked.
        Interrupted: SIGTERM or SIGINT; the run's temporaries are removed first.
    """
    report = NoticesReport(errors=settings_problems(workspace))
    if report.errors:
        return report
    templates, template_hashes, even_and_odd = _compiled_templates(workspace, report)
    reading = Reading(workspace, request.today)
    rendering = Rendering(
        reading, NOTICE_KINDS, templates, request.render_date, new_run_token(), job_context
    )
    processes = processes_for("notices", files, jobs)
    with workspace_lock(workspace.root, "notices", notify=notify), interruptible():
        remove_stale_temporaries(workspace.output_dir)
        try:
            # Leaving this block waits for the workers: none writes after the clean-up below.
            with Workers(rendering, processes) as workers:
                hearings = _hearings_in_window(report, workers, files, request)
                report.hearings = len(hearings)
                ready = _in_time(report, workspace, hearings, request)
                if not ready or len(templates) < len(NOTICE_KINDS):
                    return report
                planned(len(ready))
                numbers, renumbered = allocate_numbers(
                    workspace, [(h.read.file, h.requests) for h in ready]
                )
                report.warnings.extend(renumbered)
                batch = Batch(workspace, request, template_hashes, rendering.token, even_and_odd)
                tasks: list[RenderTask | DeliveryTable] = [batch.expect(ready, numbers)]
                tasks += [(h.path, n, even_and_odd) for h, n in zip(ready, numbers, strict=True)]
                with closing(workers.ordered(render_notices, tasks)) as results:
                    _, pending = take_rendered(report, batch.unpack(results), progress, batch.take)
            written = batch.output(report)
            with uninterrupted():
                swap_in(report, [*pending, *written])
        except BaseException:
            remove_run_temporaries(workspace.output_dir, rendering.token)
            raise
    return report


def _hearings_in_window(
    report: Report, workers: Workers[Rendering], files: Sequence[Path], request: BatchRequest
) -> list[Hearing]:
    """The hearings in the window, by date then file order; every file's problems reported."""
    intake = Intake()
    found: list[tuple[date, int, Hearing]] = []
    for index, hearing in enumerate(workers.ordered(plan_hearing, files)):
        if not intake.accept(hearing.read) or hearing.held_on is None:
            continue
        if request.start <= hearing.held_on <= request.end:
            found.append((hearing.held_on, index, hearing))
    report.errors.extend(intake.errors)
    report.warnings.extend(intake.warnings)
    return [hearing for _, _, hearing in sorted(found, key=lambda entry: entry[:2])]


_PIECES: Final = PieceCache()
"""What preparing print-file pieces keeps from one document to the next in this process."""

Prepared = tuple[str, Piece | None]  # a document's SHA-256, and its print-file piece
RenderTask = tuple[Path, Numbers | None, bool]  # case file, its numbers, print even pages apart


@dataclass(frozen=True)
class DeliveryTable:
    """The 送达登记表 of the hearings expected: its title and rows."""

    title: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class NoticesRendered:
    """A case rendered, and each of its documents' SHA-256 and print-file piece."""

    rendered: Rendered
    prepared: tuple[Prepared, ...] = ()


def render_notices(
    rendering: Rendering, task: RenderTask | DeliveryTable
) -> NoticesRendered | bytes:
    """Worker task of the rendering pass: a case's notices and receipts, written as `render`
    writes them, each hashed and prepared for the print file (`pieces.prepare`); or the
    送达登记表, built first, while the other workers render.

    Why here:
        The process that builds the print file and the manifest used to read, hash, parse and
        serialize every document, and to build the table at the end, while the workers waited.
    """
    if isinstance(task, DeliveryTable):
        return table_xlsx(task.title, DELIVERY_HEADERS, task.rows, _DELIVERY_WIDTHS)
    path, numbers, even_and_odd = task
    rendered = render_file(rendering, (path, numbers))
    prepared = []
    for tmp, target in rendered.swaps:
        data = tmp.read_bytes()
        piece = prepare(target.name, data, _PIECES, even_and_odd)
        prepared.append((hashlib.sha256(data).hexdigest(), piece))
    return NoticesRendered(rendered, tuple(prepared))


def _rows(hearing: Hearing, numbers: Numbers, before: int) -> list[tuple[Cell, ...]]:
    """The 送达登记表 rows of a hearing's recipients, after `before` rows."""
    return [
        (
            *(before + index + 1, numbers[request.key], hearing.case_id, hearing.title),
            *(served.name, served.address, hearing.held_on, hearing.latest),
            *("", "", "", hearing.late_reason),
        )
        for index, (served, request) in enumerate(
            zip(hearing.served, hearing.requests, strict=True)
        )
    ]


def _compiled_templates(
    workspace: Workspace, report: Report
) -> tuple[dict[str, CompiledTemplate], dict[str, tuple[str, str]], bool]:
    """The notice and receipt templates compiled, each one's path and SHA-256, and whether
    any prints even and odd pages apart (so will the documents rendered from it)."""
    templates: dict[str, CompiledTemplate] = {}
    hashes: dict[str, tuple[str, str]] = {}
    even_and_odd = False
    for name in NOTICE_KINDS:
        try:
            shown, blob, lenient = template_source(workspace, KINDS[name])
            templates[name] = compile_template(shown, blob, lenient)
            even_and_odd |= uses_even_and_odd(Source(shown, blob, ReadCache()))
        except DocgenError as err:
            report.errors.append(err)
            continue
        hashes[name] = (shown, hashlib.sha256(blob).hexdigest())
    return templates, hashes, even_and_odd


def _in_time(
    report: NoticesReport, workspace: Workspace, hearings: Sequence[Hearing], request: BatchRequest
) -> list[Hearing]:
    """The hearings whose notices can still be served, or are allowed late; the others refused."""
    rules = workspace.settings.hearing
    lead, unit = rules.notice_lead, rules.notice_lead_unit
    calendar = workspace.settings.work_calendar()
    ready: list[Hearing] = []
    for hearing in hearings:
        held_on, issued = hearing.held_on, hearing.issued
        assert held_on is not None and issued is not None
        latest = calendar.latest_notice_day(held_on, lead, unit).day
        hearing = replace(hearing, latest=latest)
        if issued <= latest:
            ready.append(hearing)
        elif request.late_reason:
            reason = request.late_reason.strip()
            requests = tuple(replace(r, late_reason=reason) for r in hearing.requests)
            ready.append(replace(hearing, requests=requests, late_reason=reason))
        else:
            report.refused.append(hearing.case_id)
            report.errors.append(
                CaseError(
                    f"案件 {hearing.case_id}："
                    f"{notice_deadline_text(held_on, lead, unit, latest)}，"
                    f"成文日期 {issued.isoformat()} 已来不及，"
                    "本次不生成该听证的通知书和送达回证",
                    hearing.where,
                    hint="请将听证改期；如确需照发，请加 --allow-late --reason 说明原因。",
                )
            )
    return ready


class Batch:
    """The print file, the 送达登记表 and the manifest of a run, built from its documents."""

    def __init__(
        self,
        workspace: Workspace,
        request: BatchRequest,
        templates: dict[str, tuple[str, str]],
        token: str,
        even_and_odd: bool = False,
    ) -> None:
        self.workspace, self.request, self.templates, self.token = (
            workspace,
            request,
            templates,
            token,
        )
        self.even_and_odd = even_and_odd
        self.print_file = PrintFile(PRINT_TITLE, even_and_odd)
        self.expected: dict[str, tuple[Hearing, Numbers]] = {}
        self.parts: list[tuple[str, Path]] = []  # each document's name and temporary
        self.rows: list[tuple[Cell, ...]] = []
        self.documents: list[dict[str, str]] = []
        self.prepared: dict[Path, Prepared] = {}  # by temporary, as the workers sent them
        self.table: DeliveryTable | None = None  # of the rows expected
        self.table_xlsx: bytes | None = None  # its bytes, built by a worker

    @property
    def folder(self) -> Path:
        name = batch_name(self.request.start, self.request.end)
        return self.workspace.output_dir / BATCH_DIR / name

    @property
    def title(self) -> str:
        return f"听证通知书送达登记表（{self.request.start}至{self.request.end}）"

    def expect(self, hearings: Sequence[Hearing], numbers: Sequence[Numbers]) -> DeliveryTable:
        """The hearings whose documents `take` will be given, and their numbers; the
        送达登记表 they make when all are rendered, for a worker to build meanwhile."""
        self.expected = {h.case_id: (h, found) for h, found in zip(hearings, numbers, strict=True)}
        rows: list[tuple[Cell, ...]] = []
        for hearing, found in zip(hearings, numbers, strict=True):
            rows += _rows(hearing, found, len(rows))
        self.table = DeliveryTable(self.title, tuple(rows))
        return self.table

    def unpack(self, results: Iterable[NoticesRendered | bytes]) -> Iterator[Rendered]:
        """What the workers rendered, in order; their pieces and the table kept for `take`."""
        for result in results:
            if isinstance(result, bytes):
                self.table_xlsx = result
                continue
            for (tmp, _), prepared in zip(result.rendered.swaps, result.prepared, strict=True):
                self.prepared[tmp] = prepared
            yield result.rendered

    def take(self, case_id: str, swaps: Sequence[Swap]) -> None:
        """Add a case's documents as soon as they are rendered (in the order expected)."""
        if case_id in self.expected:  # else its file was edited since it was planned
            self.add(*self.expected[case_id], swaps)

    def add(self, hearing: Hearing, numbers: Numbers, swaps: Sequence[Swap]) -> None:
        """Add a hearing's documents (its temporaries `swaps`) to the batch files."""
        count = len(hearing.served)
        assert len(swaps) == 2 * count, "a notice and a receipt per recipient"
        for index, served in enumerate(hearing.served):
            number = numbers[hearing.requests[index].key]
            for kind, (tmp, target) in zip(
                NOTICE_KINDS, (swaps[index], swaps[count + index]), strict=True
            ):
                found = self.prepared.pop(tmp) if tmp in self.prepared else self._read(tmp)
                sha256, piece = found
                self.print_file.add_piece(target.name, piece, tmp.read_bytes)
                self.parts.append((target.name, tmp))
                self.documents.append(self._entry(hearing, served, number, kind, target, sha256))
        self.rows += _rows(hearing, numbers, len(self.rows))

    def _read(self, tmp: Path) -> Prepared:
        """A document the workers did not prepare (rendered in this process): prepared here."""
        data = tmp.read_bytes()
        return hashlib.sha256(data).hexdigest(), prepare(tmp.name, data, _PIECES, self.even_and_odd)

    def _entry(
        self, hearing: Hearing, served: Served, number: str, kind: str, target: Path, sha256: str
    ) -> dict[str, str]:
        template, template_sha256 = self.templates[kind]
        return {
            "case_file": hearing.read.file.as_posix(),
            "case_file_sha256": hearing.case_sha256,
            "case_id": hearing.case_id,
            "doc_number": number,
            "file": self._shown(target),
            "kind": kind,
            "late_reason": hearing.late_reason,
            "recipient": served.name,
            "recipient_role": served.role,
            "sha256": sha256,
            "template": template,
            "template_sha256": template_sha256,
        }

    def _shown(self, path: Path) -> str:
        return path.relative_to(self.workspace.root).as_posix()

    def output(self, report: NoticesReport) -> list[tuple[str, tuple[Swap, ...]]]:
        """The batch files as temporaries, ready to swap in; none when no notice was made."""
        if not self.parts:
            return []
        if self.print_file.matches:
            print_file = self.print_file.finish()
        else:  # a document prints even and odd pages otherwise than its template: again
            parts = [(name, tmp.read_bytes()) for name, tmp in self.parts]
            print_file = combine_documents(parts, PRINT_TITLE)
        if self.table is not None and self.table.rows == tuple(self.rows) and self.table_xlsx:
            delivery = self.table_xlsx  # every hearing expected was rendered
        else:
            delivery = table_xlsx(self.title, DELIVERY_HEADERS, self.rows, _DELIVERY_WIDTHS)
        files = {PRINT_FILE: print_file, DELIVERY_LIST: delivery}
        manifest = {
            "batch": {"from": self.request.start.isoformat(), "to": self.request.end.isoformat()},
            "docgen_version": self.request.version,
            "documents": self.documents,
            "files": [
                {
                    "file": self._shown(self.folder / name),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                for name, data in files.items()
            ],
        }
        text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        files[MANIFEST] = text.encode("utf-8")
        output = CaseOutput(self.token)
        try:
            for name, data in files.items():
                output.write(self.folder / name, data)
        except DocgenError as err:
            report.errors.append(err)
            return []
        report.batch_dir = self.folder
        report.notices = len(self.rows)
        return [(display_path(self.folder).as_posix(), tuple(output.swaps))]
