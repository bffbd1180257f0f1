"""The pages that change the workspace: edit and save a case, render documents.

Every write goes through the pipeline's own functions or, for a save, the workspace lock and
the atomic writer, as the command line does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from docgen.case import parse_case
from docgen.docxio import write_atomically
from docgen.errors import DocgenError, Problems, WorkspaceError
from docgen.lock import workspace_lock
from docgen.pipeline import render_cases
from docgen.users import last_change, record_change
from docgen.web.common import (
    check_token_header,
    checked_form,
    office_of,
    page,
    problem_records,
    text_field,
    user_of,
)
from docgen.web.pages import case_file, file_hash
from docgen.workspace import display_path, read_bytes

MAX_CASE_BYTES = 1024 * 1024


async def edit_page(request: Request) -> Response:
    """编辑: the case file's text, with the hash of what was opened."""
    workspace = office_of(request).workspace()
    path = case_file(workspace, request.path_params["case_id"])
    data = read_bytes(path)
    return page(
        request,
        "edit.html",
        case_id=path.stem,
        text=data.decode("utf-8", errors="replace"),
        opened=file_hash(data),
        file=str(display_path(path)),
        message=request.query_params.get("message", ""),
        problems=[],
    )


def check_text(request: Request, text: str, shown: str) -> list[DocgenError]:
    """The problems `docgen check` would report for a case file holding `text`."""
    here = office_of(request)
    workspace = here.workspace()
    try:
        loaded = parse_case(text.encode("utf-8"), Path(shown), workspace.settings, here.today())
    except Problems as problems:
        return list(problems.problems)
    except DocgenError as err:
        return [err]
    return list(loaded.warnings)


async def check_endpoint(request: Request) -> Response:
    """The editor's check as you type: JSON in ({case, text}), located problems out."""
    check_token_header(request)
    body = await request.body()
    if len(body) > MAX_CASE_BYTES:
        return JSONResponse({"problems": [], "error": "文件太大"}, 413)
    try:
        sent = (await request.json()) if body else {}
    except ValueError:
        sent = {}
    workspace = office_of(request).workspace()
    path = case_file(workspace, str(sent.get("case", "")))
    text = str(sent.get("text", ""))
    problems = await run_in_threadpool(check_text, request, text, str(display_path(path)))
    return JSONResponse({"problems": problem_records(problems)})


async def save_action(request: Request) -> Response:
    """Save the edited text, refused when the file changed on disk since it was opened."""
    form = await checked_form(request)
    workspace = office_of(request).workspace()
    path = case_file(workspace, request.path_params["case_id"])
    raw = form.get("text")
    text = (raw if isinstance(raw, str) else "").rstrip().replace("\r\n", "\n") + "\n"
    opened = text_field(form, "opened")
    with workspace_lock(workspace.root, "web save", wait=5):
        current = file_hash(read_bytes(path))
        if current != opened:
            problems = [_stale(workspace.root, path, current)]
            return page(
                request,
                "edit.html",
                409,
                case_id=path.stem,
                text=text,
                opened=opened,
                file=str(display_path(path)),
                message="",
                problems=problem_records(problems),
            )
        write_atomically(text.encode("utf-8"), path)
        record_change(
            workspace.root, user_of(request), "save", path.stem, file_hash(read_bytes(path))
        )
    found = check_text(request, text, str(display_path(path)))
    message = f"已保存，发现 {len(found)} 个问题。" if found else "已保存，检查通过。"
    return RedirectResponse(f"/case/{quote(path.stem)}/edit?message={quote(message)}", 303)


def _stale(root: Path, path: Path, current: str) -> WorkspaceError:
    """The refusal of a stale save, naming who saved the file last through the page."""
    last = last_change(root, "save", path.stem)
    who = "别人或别的程序保存过"
    if last is not None and last.get("detail") == current:
        who = f"{last['user']} 于 {last['at'].replace('T', ' ')} 保存过"
    return WorkspaceError(
        f"没有保存：“{display_path(path)}”在你打开之后已被修改（{who}）",
        hint="请复制你的修改，重新打开该案件，再把修改补上后保存。",
    )


async def render_action(request: Request) -> Response:
    """Re-render the documents of one case, as `docgen render CASE` does."""
    await checked_form(request)
    here = office_of(request)
    workspace = here.workspace()
    path = case_file(workspace, request.path_params["case_id"])
    today = here.today()
    report = await run_in_threadpool(
        lambda: render_cases(workspace, [path], (), render_date=today, today=today)
    )
    written = "、".join(p.name for p in report.written)
    record_change(workspace.root, user_of(request), "render", path.stem, written)
    if report.errors:
        raise Problems(report.errors)
    message = f"已生成 {len(report.written)} 份文书。"
    if path.stem in report.idle_cases:
        message = "没有生成文书：案件中还没有所需的听证、方案或办结信息。"
    return RedirectResponse(f"/case/{quote(path.stem)}?message={quote(message)}", 303)


ROUTES = [
    Route("/case/{case_id}/edit", edit_page),
    Route("/case/{case_id}/save", save_action, methods=["POST"]),
    Route("/case/{case_id}/render", render_action, methods=["POST"]),
    Route("/api/check", check_endpoint, methods=["POST"]),
]
