"""听证周 and 归档: the hearing-week batch and the archive of signed scans, in the browser."""

from __future__ import annotations

import io
import secrets
import zipfile
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from docgen.docxio import write_atomically
from docgen.errors import UsageProblem
from docgen.kinds import KINDS
from docgen.pipeline import BatchRequest, produce_notices
from docgen.pipeline.archiving import (
    Signed,
    archive_signed,
    list_archived,
    missing_signed,
    recipient_name,
    verify_workspace_archive,
)
from docgen.users import record_change
from docgen.web.common import (
    checked_form,
    date_field,
    office_of,
    page,
    problem_records,
    text_field,
    user_of,
)
from docgen.web.jobs import Job, Show, started
from docgen.web.safety import MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES, child_named
from docgen.workspace import Workspace, read_bytes

BATCHES = "批次"
UPLOADS = Path(".docgen") / "uploads"


def _window(request: Request, start_text: str, end_text: str) -> tuple[date, date]:
    today = office_of(request).today()
    start = date_field(start_text, "起始日期", today)
    end = date_field(end_text, "结束日期", start + timedelta(days=14))
    if start > end:
        raise UsageProblem(
            f"起始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}",
            hint="请检查日期。",
        )
    return start, end


async def hearings_page(request: Request) -> Response:
    """听证周: the hearings of a window, and whether their notices can still be served."""
    here = office_of(request)
    args = request.query_params
    start, end = _window(request, args.get("from", ""), args.get("to", ""))
    workspace = here.workspace()
    today = here.today()
    rows, errors = await run_in_threadpool(
        here.ledger.rows, workspace, workspace.list_cases().files, today
    )
    hearings = [row for row in rows if row.hearing is not None and start <= row.hearing <= end]
    return page(
        request,
        "hearings.html",
        start=start,
        end=end,
        today=today,
        hearings=hearings,
        batches=_batches(workspace),
        problems=problem_records(errors),
        result=None,
    )


def _batches(workspace: Workspace) -> list[str]:
    folder = workspace.output_dir / BATCHES
    return (
        sorted((p.name for p in folder.iterdir() if p.is_dir()), reverse=True)
        if folder.is_dir()
        else []
    )


async def hearings_action(request: Request) -> Response:
    """Produce the notices of the window as `docgen notices --from --to` does, in the background."""
    form = await checked_form(request)
    here = office_of(request)
    start, end = _window(request, text_field(form, "from"), text_field(form, "to"))
    workspace, today, user = here.workspace(), here.today(), user_of(request)
    batch = BatchRequest(start, end, today, today, None, "web")

    def work(job: Job) -> Show:
        def planned(total: int) -> None:
            job.total = total

        report = produce_notices(
            workspace, workspace.list_cases().files, batch, planned=planned, progress=job.advance
        )
        batch_dir = report.batch_dir.name if report.batch_dir else ""
        record_change(workspace.root, user, "notices", batch_dir, f"{start}至{end}")
        return lambda shown: page(
            shown,
            "hearings.html",
            start=start,
            end=end,
            today=today,
            hearings=[],
            batches=_batches(workspace),
            problems=problem_records([*report.errors, *report.warnings]),
            result=report,
            batch=batch_dir,
        )

    return started(here.jobs.start(f"听证周 {start} 至 {end}：生成通知书", user, work))


def _batch_folder(workspace: Workspace, name: str) -> Path:
    folder = workspace.output_dir / BATCHES
    for entry in folder.iterdir() if folder.is_dir() else ():
        if entry.name == name and entry.is_dir():
            return entry
    raise UsageProblem("没有这个批次", hint="请从听证周页面选择。")


async def batch_page(request: Request) -> Response:
    workspace = office_of(request).workspace()
    folder = _batch_folder(workspace, request.path_params["batch"])
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    return page(request, "batch.html", batch=folder.name, files=files)


async def batch_file(request: Request) -> Response:
    """A file of a batch folder (print file, 送达登记表, manifest), chosen from its listing."""
    workspace = office_of(request).workspace()
    folder = _batch_folder(workspace, request.path_params["batch"])
    found = child_named(folder, request.path_params["name"], folder.iterdir())
    if found is None:
        raise UsageProblem("批次中没有这个文件", hint="请从批次页面下载。")
    return Response(
        read_bytes(found), media_type="application/octet-stream", headers=_attachment(found.name)
    )


async def batch_zip(request: Request) -> Response:
    """Every file of the batch, and the notices of its cases, in one zip made in memory."""
    workspace = office_of(request).workspace()
    folder = _batch_folder(workspace, request.path_params["batch"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(path.relative_to(folder)), (2020, 1, 1, 0, 0, 0))
                package.writestr(info, read_bytes(path), zipfile.ZIP_DEFLATED)
    return Response(
        buffer.getvalue(), media_type="application/zip", headers=_attachment(f"{folder.name}.zip")
    )


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


async def archive_page(request: Request) -> Response:
    """归档: what is still missing, what is archived, the upload form and verify."""
    workspace = office_of(request).workspace()
    return _archive_view(request, workspace, None, "")


def _archive_view(
    request: Request, workspace: Workspace, verified: object, message: str, status_code: int = 200
) -> Response:
    missing = [
        {"number": n.text, "case": n.case_id, "recipient": recipient_name(n.recipient_key)}
        for n in missing_signed(workspace)
    ]
    return page(
        request,
        "archive.html",
        status_code,
        missing=missing,
        archived=list_archived(workspace),
        kinds=[(name, kind.title) for name, kind in KINDS.items()],
        verified=verified,
        message=message,
    )


async def archive_add(request: Request) -> Response:
    """Archive uploaded scans: kept in .docgen/uploads/ only while `archive_signed` copies them."""
    form = await checked_form(request)
    try:
        return await _archive_uploads(request, form)
    finally:
        await form.close()


async def _archive_uploads(request: Request, form: FormData) -> Response:
    workspace = office_of(request).workspace()
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not uploads:
        raise UsageProblem("没有选择要归档的文件", hint="请选择签收件的扫描件或 PDF。")
    signed = Signed(
        number=text_field(form, "number") or None,
        case_id=text_field(form, "case") or None,
        kind=text_field(form, "kind") or None,
        recipient=text_field(form, "recipient"),
    )
    folder = workspace.root / UPLOADS / secrets.token_hex(8)
    saved: list[Path] = []
    try:
        for index, upload in enumerate(uploads, 1):
            saved.append(await _kept(upload, folder / f"{index:02d}"))
        item = await run_in_threadpool(
            lambda: archive_signed(
                workspace,
                saved,
                signed,
                by=_archivist(request, form),
                note=text_field(form, "note"),
            )
        )
    finally:
        for path in saved:
            path.unlink(missing_ok=True)
        if folder.is_dir():
            folder.rmdir()
    message = f"已归档：{item.year} 年第 {item.piece:04d} 件 {item.title}。"
    return _archive_view(request, workspace, None, message)


def _archivist(request: Request, form: FormData) -> str:
    """The logged-in user; without login, the 归档人 typed in the form, else `网页`."""
    if getattr(request.state, "user", None):
        return user_of(request)
    return text_field(form, "by") or "网页"


async def _kept(upload: UploadFile, stem: Path) -> Path:
    """The upload written atomically as `stem` plus its checked suffix; its content is checked
    later by the archive itself (a JPEG named .pdf is refused there).

    Raises:
        UsageProblem: the type is not one the archive keeps, or the file is too large.
    """
    name = upload.filename or ""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise UsageProblem(
            f"“{name}”不是可归档的文件类型",
            hint=f"可以归档：{'、'.join(sorted(UPLOAD_SUFFIXES))}。",
        )
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UsageProblem(f"“{name}”太大", hint=f"一次最多 {MAX_UPLOAD_BYTES // 2**20} MB。")
    target = stem.with_name(f"{stem.name}-{Path(name).stem[:40]}{suffix}")
    write_atomically(data, target)
    return target


async def archive_verify(request: Request) -> Response:
    """Run `docgen archive verify` in the background and show its result."""
    await checked_form(request)
    here = office_of(request)
    workspace = here.workspace()

    def work(job: Job) -> Show:
        def hashed(done: int, total: int) -> None:
            job.done, job.total = done, total

        result = verify_workspace_archive(workspace, None, hashed)
        verified = {
            "ok": result.ok,
            "summary": f"{result.items} 件、{result.files} 个文件、日志 {result.entries} 条",
            "problems": problem_records(list(result.problems)),
        }
        return lambda shown: _archive_view(shown, workspace, verified, "")

    return started(here.jobs.start("核验归档", user_of(request), work))


ROUTES = [
    Route("/hearings", hearings_page),
    Route("/hearings", hearings_action, methods=["POST"]),
    Route("/batch/{batch}", batch_page),
    Route("/batch/{batch}/zip", batch_zip),
    Route("/batch/{batch}/file/{name}", batch_file),
    Route("/archive", archive_page),
    Route("/archive/add", archive_add, methods=["POST"]),
    Route("/archive/verify", archive_verify, methods=["POST"]),
]
