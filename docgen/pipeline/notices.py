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
from collections.abc import Callable, Sequence
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
from docgen.layout.combine import combine_documents
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
from docgen.pipeline.rendering import Rendering, render_file
from docgen.register.store import NumberRequest
from docgen.workspace import Workspace, display_path, read_bytes
from docgen.xlsx import Cell, table_xlsx

NOTICE_KINDS: Final = ("hearing_notice", "service_receipt")
BATCH_DIR: Final = "批次"
PRINT_FILE: Final = "听证通知书及送达回证（打印）.docx"
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
    templates, template_hashes = _compiled_templates(workspace, report)
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
                items: list[tuple[Path, Numbers | None]] = [
                    (h.path, found) for h, found in zip(ready, numbers, strict=True)
                ]
                with closing(workers.ordered(render_file, items)) as results:
                    _, pending = take_rendered(report, results, progress)
            batch = Batch(workspace, request, template_hashes, rendering.token)
            for hearing, found in zip(ready, numbers, strict=True):
                batch.add(hearing, found, dict(pending).get(hearing.case_id))
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


def _compiled_templates(
    workspace: Workspace, report: Report
) -> tuple[dict[str, CompiledTemplate], dict[str, tuple[str, str]]]:
    """The notice and receipt templates compiled, and each one's path and SHA-256."""
    templates: dict[str, CompiledTemplate] = {}
    hashes: dict[str, tuple[str, str]] = {}
    for name in NOTICE_KINDS:
        try:
            shown, blob, lenient = template_source(workspace, KINDS[name])
            templates[name] = compile_template(shown, blob, lenient)
        except DocgenError as err:
            report.errors.append(err)
            continue
        hashes[name] = (shown, hashlib.sha256(blob).hexdigest())
    return templates, hashes


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
    ) -> None:
        self.workspace, self.request, self.templates, self.token = (
            workspace,
            request,
            templates,
            token,
        )
        self.parts: list[tuple[str, bytes]] = []
        self.rows: list[list[Cell]] = []
        self.documents: list[dict[str, str]] = []

    @property
    def folder(self) -> Path:
        name = batch_name(self.request.start, self.request.end)
        return self.workspace.output_dir / BATCH_DIR / name

    def add(self, hearing: Hearing, numbers: Numbers, swaps: Sequence[Swap] | None) -> None:
        """Add a hearing's documents (its temporaries `swaps`; None when the case failed)."""
        if swaps is None:
            return
        count = len(hearing.served)
        assert len(swaps) == 2 * count, "a notice and a receipt per recipient"
        for index, served in enumerate(hearing.served):
            number = numbers[hearing.requests[index].key]
            for kind, (tmp, target) in zip(
                NOTICE_KINDS, (swaps[index], swaps[count + index]), strict=True
            ):
                data = tmp.read_bytes()
                self.parts.append((target.name, data))
                self.documents.append(self._entry(hearing, served, number, kind, target, data))
            self.rows.append(
                [
                    *(len(self.rows) + 1, number, hearing.case_id, hearing.title),
                    *(served.name, served.address, hearing.held_on, hearing.latest),
                    *("", "", "", hearing.late_reason),
                ]
            )

    def _entry(
        self, hearing: Hearing, served: Served, number: str, kind: str, target: Path, data: bytes
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
            "sha256": hashlib.sha256(data).hexdigest(),
            "template": template,
            "template_sha256": template_sha256,
        }

    def _shown(self, path: Path) -> str:
        return path.relative_to(self.workspace.root).as_posix()

    def output(self, report: NoticesReport) -> list[tuple[str, tuple[Swap, ...]]]:
        """The batch files as temporaries, ready to swap in; none when no notice was made."""
        if not self.parts:
            return []
        print_file = combine_documents(self.parts, "听证通知书及送达回证")
        title = f"听证通知书送达登记表（{self.request.start}至{self.request.end}）"
        delivery = table_xlsx(title, DELIVERY_HEADERS, self.rows, _DELIVERY_WIDTHS)
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
