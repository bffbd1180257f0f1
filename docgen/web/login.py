"""Login when the page has users: a signed cookie, a CSRF token per session, slowed guessing.

Why:
    Served to the office network, anyone on the LAN can reach the page. A clerk logs in once;
    the cookie names the clerk and is signed with the workspace's key (HttpOnly, so scripts
    cannot read it; SameSite=Strict, so another site cannot send it). Each session has its
    own CSRF token, derived from the cookie, so a token seen by one clerk is no use to another.
    Wrong passwords are counted per user and per address; past the limit, logins wait.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Final
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from docgen.users import load_users, password_matches, session_key
from docgen.web.common import checked_form, office_of, page, text_field

COOKIE: Final = "docgen_session"
SESSION_SECONDS: Final = 12 * 3600  # one working day
MAX_FAILURES: Final = 5  # per user and per address ...
FAILURE_WINDOW: Final = 300.0  # ... within five minutes
OPEN_PATHS: Final = ("/login", "/static/")


@dataclass
class Limiter:
    """Failed logins by key (`user:NAME`, `addr:IP`); a key past MAX_FAILURES waits."""

    clock: Callable[[], float] = time.monotonic
    failures: dict[str, deque[float]] = field(default_factory=dict)
    lock: Lock = field(default_factory=Lock)

    def blocked(self, *keys: str) -> bool:
        with self.lock:
            return any(len(self._recent(key)) >= MAX_FAILURES for key in keys)

    def failed(self, *keys: str) -> None:
        with self.lock:
            for key in keys:
                self.failures[key] = self._recent(key)
                self.failures[key].append(self.clock())

    def _recent(self, key: str) -> deque[float]:
        """The failures of `key` within the window; a key with none left is forgotten, so
        guessed names do not pile up in memory."""
        found = self.failures.pop(key, deque())
        while found and found[0] < self.clock() - FAILURE_WINDOW:
            found.popleft()
        if found:
            self.failures[key] = found
        return found


@dataclass(frozen=True)
class Auth:
    """The login of one served workspace: its signing key and its limiter."""

    root: Path
    key: bytes
    limiter: Limiter

    @classmethod
    def of(cls, root: Path) -> Auth:
        return cls(root, session_key(root), Limiter())

    def _sign(self, text: str) -> str:
        return hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def cookie_for(self, name: str, now: float) -> str:
        body = f"{base64.urlsafe_b64encode(name.encode('utf-8')).decode('ascii')}.{int(now)}"
        return f"{body}.{self._sign(body)}"

    def user_of(self, cookie: str | None, now: float) -> str | None:
        """The user a cookie names, when it is signed by us, fresh, and the user still exists."""
        if not cookie or cookie.count(".") != 2:
            return None
        body, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(self._sign(body), signature):
            return None
        encoded, issued = body.split(".")
        if not issued.isdigit() or now - int(issued) > SESSION_SECONDS:
            return None
        try:
            name = base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8")
        except ValueError:
            return None
        return name if name in load_users(self.root) else None

    def csrf_of(self, cookie: str) -> str:
        """The CSRF token of the session holding `cookie`."""
        return self._sign(f"csrf:{cookie}")[:43]


async def login_page(request: Request) -> Response:
    return page(request, "login.html", next=_next_of(request.query_params.get("next")), error="")


def _next_of(sent: str | None) -> str:
    """Where to go after login: a path of this site only, never another site's address."""
    if sent and sent.startswith("/") and not sent.startswith("//") and "\\" not in sent:
        return sent
    return "/"


async def login_action(request: Request) -> Response:
    """Check name and password; on success set the session cookie."""
    form = await checked_form(request)
    auth = office_of(request).auth
    assert auth is not None  # the route exists only with users
    name, password = text_field(form, "name"), str(form.get("password") or "")
    target = _next_of(text_field(form, "next"))
    address = request.client.host if request.client else ""
    keys = (f"user:{name}", f"addr:{address}")
    if auth.limiter.blocked(*keys):
        error = "登录失败次数太多，请 5 分钟后再试。"
        return page(request, "login.html", 429, next=target, error=error)
    if not password_matches(load_users(auth.root).get(name), password):
        auth.limiter.failed(*keys)
        return page(request, "login.html", 401, next=target, error="用户名或密码不对。")
    response = RedirectResponse(target, 303)
    response.set_cookie(
        COOKIE,
        auth.cookie_for(name, time.time()),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        path="/",
    )
    return response


async def logout_action(request: Request) -> Response:
    await checked_form(request)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


def admit(request: Request) -> Response | None:
    """None when the request may go on (its user set on request.state), else the redirect."""
    auth = office_of(request).auth
    if auth is None:
        return None
    cookie = request.cookies.get(COOKIE)
    user = auth.user_of(cookie, time.time())
    if user is not None and cookie is not None:
        request.state.user = user
        request.state.csrf = auth.csrf_of(cookie)
        return None
    if request.url.path == "/login" or request.url.path.startswith(OPEN_PATHS[1]):
        return None
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(here)}", 303)


ROUTES = [
    Route("/login", login_page),
    Route("/login", login_action, methods=["POST"]),
    Route("/logout", logout_action, methods=["POST"]),
]
