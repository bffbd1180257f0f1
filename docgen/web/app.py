"""The Starlette application: routes, the one error boundary, CSRF and security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Final

import uvicorn
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from docgen.errors import DocgenError, Problems
from docgen.users import load_users
from docgen.web import actions, jobs, login, newcase, office, pages
from docgen.web.cache import LedgerCache
from docgen.web.common import Office, Refused, page, problem_records
from docgen.web.safety import CSP, MAX_UPLOAD_BYTES, check_host, new_token

HERE: Final = Path(__file__).resolve().parent


async def _docgen_error(request: Request, exc: Exception) -> Response:
    """The one error boundary: a clerk's problem is shown as a page, in Chinese, never a trace."""
    assert isinstance(exc, DocgenError)
    problems = exc.problems if isinstance(exc, Problems) else [exc]
    return page(request, "problems.html", 400, problems=problem_records(list(problems)))


async def _not_found(request: Request, exc: Exception) -> Response:
    return page(
        request,
        "problems.html",
        404,
        problems=[
            {
                "level": "错误",
                "fatal": True,
                "where": "",
                "line": None,
                "field": None,
                "message": "没有这个页面",
                "hint": "请从页面上方的菜单进入。",
            }
        ],
    )


async def _refused(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("请求被拒绝：缺少或错误的表单令牌，请刷新页面后重试。", 403)


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """A change from another site's page is refused; every answer carries the CSP."""
    origin = request.headers.get("origin")
    if request.method == "POST" and origin not in {None, "null", _own_origin(request)}:
        return PlainTextResponse("请求被拒绝：来自其他网站的提交。", 403)
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_UPLOAD_BYTES:
        return PlainTextResponse(
            f"上传的文件太大：一次最多 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB。", 413
        )
    response = login.admit(request) or await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def create_app(
    root: Path, *, today: Callable[[], date] = date.today, token: str | None = None
) -> Starlette:
    """The application serving the workspace `root`; `today` fixes the day in tests.

    With users in `.docgen/users.json` every page needs login; without, none does.
    """
    root = root.resolve()
    auth = login.Auth.of(root) if load_users(root) else None
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    app = Starlette(
        routes=[
            *(login.ROUTES if auth else []),
            *pages.ROUTES,
            *actions.ROUTES,
            *newcase.ROUTES,
            *office.ROUTES,
            *jobs.ROUTES,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=_guard)],
        exception_handlers={DocgenError: _docgen_error, Refused: _refused, 404: _not_found},
    )
    app.state.office = Office(
        root, token or new_token(), today, templates, LedgerCache(), jobs.Jobs(), auth
    )
    return app


def serve(root: Path, host: str, port: int, today: date | None = None) -> None:
    """Serve `root` until interrupted; `today` fixes the day (else each request's today).

    Raises:
        UsageProblem: `host` is not a loopback address and the workspace has no users.
    """
    check_host(host, bool(load_users(root)))
    app = create_app(root, today=(lambda: today) if today else date.today)
    here: Office = app.state.office
    here.ledger.warm(here.workspace(), here.today())
    uvicorn.run(app, host=host, port=port, log_level="warning")
