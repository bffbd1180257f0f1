"""The pages that only show: the 台账, one case, the reminders, the campaign's progress."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen.due import due_items
from docgen.errors import DocgenError, UsageProblem
from docgen.pipeline import Reading
from docgen.pipeline.archiving import list_archived, missing_signed, recipient_name
from docgen.pipeline.intake import read_case
from docgen.status import LEDGER_FILE, CaseStatus, ledger_xlsx
from docgen.web.charts import progress_figures
from docgen.web.common import office_of, page, problem_records
from docgen.web.safety import child_named
from docgen.workspace import Workspace, read_bytes

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def case_file(workspace: Workspace, case_id: str) -> Path:
    """The case file of `case_id`, found among cases/, never built from the request.

    Raises:
        UsageProblem: no case file has that name.
    """
    for path in workspace.list_cases().files:
        if path.stem == case_id:
            return path
    raise UsageProblem(f"没有案件“{case_id}”", hint="请从案件列表中选择。")


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _matches(row: CaseStatus, stage: str, leader: str, query: str, overdue: bool) -> bool:
    text = f"{row.id} {row.title} {row.leaders} {row.stage}"
    return (
        (not stage or row.stage.startswith(stage))
        and (not leader or leader in row.leaders)
        and (not query or query.casefold() in text.casefold())
        and (not overdue or row.overdue)
    )


async def cases_page(request: Request) -> Response:
    """案件: the 台账 of `docgen status`, filtered by stage, leader, words and overdue."""
    here = office_of(request)
    workspace = here.workspace()
    listing = workspace.list_cases()
    rows, errors = await run_in_threadpool(here.ledger.rows, workspace, listing.files, here.today())
    args = request.query_params
    stage, leader = args.get("stage", ""), args.get("leader", "")
    query, overdue = args.get("q", "").strip(), args.get("overdue") == "1"
    shown = [row for row in rows if _matches(row, stage, leader, query, overdue)]
    return page(
        request,
        "cases.html",
        rows=shown,
        total=len(rows),
        stages=sorted({row.stage for row in rows}),
        leaders=sorted({name for row in rows for name in _leader_names(row)}),
        stage=stage,
        leader=leader,
        q=query,
        overdue=overdue,
        problems=problem_records([*listing.skipped, *errors]),
    )


def _leader_names(row: CaseStatus) -> list[str]:
    return [part.split("（")[0] for part in row.leaders.split("、") if part]


async def ledger_download(request: Request) -> Response:
    """台账.xlsx, the same table as `docgen status --format xlsx`, sent without being saved."""
    here = office_of(request)
    workspace = here.workspace()

    def table() -> bytes:
        rows, _ = here.ledger.rows(workspace, workspace.list_cases().files, here.today())
        return ledger_xlsx(rows)

    return Response(
        await run_in_threadpool(table),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers=_attachment(LEDGER_FILE),
    )


async def case_page(request: Request) -> Response:
    """案件详情: the data, the problems by line, the documents, the archive status."""
    here = office_of(request)
    workspace = here.workspace()
    path = case_file(workspace, request.path_params["case_id"])
    read, loaded = read_case(Reading(workspace, here.today()), path)
    folder = workspace.case_output_dir(path.stem)
    documents = sorted(folder.glob("*.docx")) if folder.is_dir() else []
    archived, missing = _archive_status(workspace, loaded.case.id if loaded else path.stem)
    return page(
        request,
        "case.html",
        case_id=path.stem,
        case=loaded.case if loaded else None,
        problems=problem_records([*read.errors, *read.warnings]),
        documents=[p.name for p in documents],
        archived=archived,
        missing=missing,
        message=request.query_params.get("message", ""),
    )


def _archive_status(workspace: Workspace, case_id: str) -> tuple[list[Any], list[str]]:
    try:
        archived = list_archived(workspace, case_id)
        missing = [
            n.text + (f"（{recipient_name(n.recipient_key)}）" if n.recipient_key else "")
            for n in missing_signed(workspace)
            if n.case_id == case_id
        ]
    except DocgenError:
        return [], []
    return archived, missing


async def document_download(request: Request) -> Response:
    """One rendered document of a case; only a name listed in its output folder is served."""
    workspace = office_of(request).workspace()
    case_id = case_file(workspace, request.path_params["case_id"]).stem
    folder = workspace.case_output_dir(case_id)
    entries = folder.glob("*.docx") if folder.is_dir() else iter(())
    found = child_named(folder, request.path_params["name"], entries)
    if found is None:
        raise UsageProblem("没有这份文书", hint="请从案件页面的文书列表下载。")
    return Response(read_bytes(found), media_type=DOCX_TYPE, headers=_attachment(found.name))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


async def due_page(request: Request) -> Response:
    """提醒: `docgen due` in the browser."""
    here = office_of(request)
    workspace = here.workspace()
    text = request.query_params.get("days", "7")
    days = int(text) if text.isdigit() else 7
    listing = workspace.list_cases()
    items, report = await run_in_threadpool(due_items, workspace, listing.files, here.today(), days)
    return page(
        request,
        "due.html",
        items=items,
        days=days,
        overdue=sum(item.overdue for item in items),
        problems=problem_records([*listing.skipped, *report.errors]),
    )


async def progress_page(request: Request) -> Response:
    """攻坚进度: the burn-down, the cases by stage and by leader, the overdue measures."""
    here = office_of(request)
    workspace, today = here.workspace(), here.today()
    files = workspace.list_cases().files
    rows, _ = await run_in_threadpool(here.ledger.rows, workspace, files, today)
    figures = await run_in_threadpool(progress_figures, workspace, today, files, rows)
    return page(request, "progress.html", figures=figures)


ROUTES = [
    Route("/", cases_page),
    Route("/台账.xlsx", ledger_download),
    Route("/case/{case_id}", case_page),
    Route("/case/{case_id}/doc/{name}", document_download),
    Route("/due", due_page),
    Route("/progress", progress_page),
]
