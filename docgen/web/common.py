"""What every page handler shares: the office of the request, page rendering, the CSRF check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from jinja2 import Environment
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse

from docgen.errors import DocgenError, UsageProblem
from docgen.web.cache import LedgerCache
from docgen.web.safety import MAX_UPLOAD_BYTES, token_matches
from docgen.workspace import Workspace

if TYPE_CHECKING:
    from docgen.web.jobs import Jobs
    from docgen.web.login import Auth

NAVIGATION: Final = (
    ("/", "案件"),
    ("/new", "新建案件"),
    ("/hearings", "听证周"),
    ("/archive", "归档"),
    ("/due", "提醒"),
    ("/progress", "攻坚进度"),
)


@dataclass(frozen=True)
class Office:
    """What every request needs: the workspace folder, the day, the CSRF token, the pages."""

    root: Path
    token: str
    today: Callable[[], date]
    templates: Environment
    ledger: LedgerCache
    jobs: Jobs  # long work running in background threads
    auth: Auth | None = None  # set when the workspace has users: every page needs login

    def workspace(self) -> Workspace:
        """A fresh view of the workspace, so that an edited docgen.yaml is read again."""
        return Workspace(self.root)


class Refused(Exception):
    """Raised when a change arrives without this process's CSRF token."""


def office_of(request: Request) -> Office:
    found: Office = request.app.state.office
    return found


def token_of(request: Request) -> str:
    """The CSRF token of the request's session, or of this process when there is no login."""
    session: str | None = getattr(request.state, "csrf", None)
    return session or office_of(request).token


def user_of(request: Request) -> str:
    """Who makes the request: the logged-in user, or `本机` when the page has no users."""
    name: str | None = getattr(request.state, "user", None)
    return name or "本机"


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """`name` rendered with the navigation and the CSRF token every form carries."""
    here = office_of(request)
    html = here.templates.get_template(name).render(
        navigation=NAVIGATION,
        path=request.url.path,
        csrf=token_of(request),
        user=getattr(request.state, "user", ""),
        workspace=str(here.root),
        **context,
    )
    return HTMLResponse(html, status_code=status_code)


def problem_record(problem: DocgenError) -> dict[str, Any]:
    """A problem as the pages and the check endpoint show it: where, what, how to fix."""
    where = problem.location
    return {
        "level": problem.label,
        "fatal": problem.fatal,
        "where": str(where) if where else "",
        "line": where.line if where else None,
        "field": where.field if where else None,
        "message": problem.message,
        "hint": problem.hint,
    }


def problem_records(problems: Sequence[DocgenError]) -> list[dict[str, Any]]:
    return [problem_record(p) for p in problems]


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token (field `csrf` or header) is found right.

    Raises:
        Refused: the token is missing or wrong.
    """
    form = await request.form(max_part_size=MAX_UPLOAD_BYTES)
    sent = request.headers.get("x-csrf-token") or form.get("csrf")
    if not token_matches(sent if isinstance(sent, str) else None, token_of(request)):
        await form.close()  # uploads spooled to disk are let go at once
        raise Refused
    return form


def check_token_header(request: Request) -> None:
    """For a JSON request: the token must come in the X-CSRF-Token header.

    Raises:
        Refused: the header is missing or wrong.
    """
    if not token_matches(request.headers.get("x-csrf-token"), token_of(request)):
        raise Refused


def text_field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def date_field(text: str, name: str, default: date) -> date:
    """A date typed in a form, or `default` when empty.

    Raises:
        UsageProblem: the text is not a date YYYY-MM-DD.
    """
    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageProblem(
            f"“{text}”不是日期（{name}）", hint="请按 2020-06-15 的格式填写。"
        ) from None
