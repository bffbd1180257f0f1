"""Long work in a background thread, its progress polled by the page.

Why:
    A hearing-week batch renders every notice and a verify hashes every archived file: minutes
    on a large workspace. Run in the request, the clerk stares at a hanging tab and the
    server's thread pool is held. Run here, the request answers at once with a page that
    polls `/api/job/ID` and shows how far it got; other requests keep answering.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from docgen.errors import DocgenError, Problems, UsageProblem
from docgen.web.common import office_of, page, problem_records

Show = Callable[[Request], Response]  # the page of the finished job


@dataclass
class Job:
    """One piece of long work: what it is, how far it got, and when done, how to show it."""

    id: str
    title: str
    user: str
    done: int = 0
    total: int = 0
    step: str = ""
    show: Show | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.show is not None or bool(self.problems)

    def advance(self, step: str = "") -> None:
        """One more unit done, e.g. a case's notices or an archived file hashed."""
        self.done += 1
        self.step = step

    def state(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "done": self.done,
            "total": self.total,
            "step": self.step,
            "finished": self.finished,
            "failed": bool(self.problems),
        }


@dataclass
class Jobs:
    """The jobs of this server process, kept until it stops (a few a day)."""

    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, title: str, user: str, work: Callable[[Job], Show]) -> Job:
        """Run `work` in a daemon thread; what it returns shows the finished job."""
        job = Job(secrets.token_urlsafe(12), title, user)
        with self.lock:
            self.jobs[job.id] = job
        threading.Thread(target=_run, args=(job, work), name=f"job-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        """The job `job_id`.

        Raises:
            UsageProblem: this process has no such job (e.g. after a restart).
        """
        with self.lock:
            found = self.jobs.get(job_id)
        if found is None:
            raise UsageProblem("没有这项任务", hint="重启 docgen serve 后，之前的任务不再显示。")
        return found


def _run(job: Job, work: Callable[[Job], Show]) -> None:
    try:
        job.show = work(job)
    except Problems as found:
        job.problems = problem_records(list(found.problems))
    except DocgenError as err:
        job.problems = problem_records([err])
    except Exception as err:  # a bug: shown as such, never a hanging page
        job.problems = problem_records(
            [DocgenError(f"内部错误：{type(err).__name__}: {err}", hint="请把此信息告诉维护人员。")]
        )


def started(job: Job) -> Response:
    return RedirectResponse(f"/job/{job.id}", 303)


async def job_page(request: Request) -> Response:
    """The finished job's own page, or a progress bar that the script refreshes."""
    job = office_of(request).jobs.get(request.path_params["job_id"])
    if job.show is not None:
        return job.show(request)
    status = 400 if job.problems else 202
    return page(request, "job.html", status, job=job, problems=job.problems)


async def job_state(request: Request) -> Response:
    """How far the job got, as JSON for the polling script."""
    job = office_of(request).jobs.get(request.path_params["job_id"])
    return JSONResponse(job.state())


ROUTES = [
    Route("/job/{job_id}", job_page),
    Route("/api/job/{job_id}", job_state),
]
