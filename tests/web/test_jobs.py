"""Long work (a hearing week, a verify) runs in the background; the page polls its progress
and other requests keep answering meanwhile."""

from __future__ import annotations

import threading
from pathlib import Path

from archive.signed import pdf_bytes
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.testclient import TestClient
from web.test_office import FIRST, PDF, WINDOW, numbered  # noqa: F401  (the fixture)
from web.webclient import TOKEN, finished

from docgen.errors import WorkspaceError
from docgen.web.common import Office
from docgen.web.jobs import Job, Show


def office(client: TestClient) -> Office:
    found: Office = client.app.state.office  # type: ignore[attr-defined]
    return found


def test_other_requests_answer_while_a_job_runs(client: TestClient) -> None:
    release = threading.Event()

    def work(job: Job) -> Show:
        job.total = 3
        job.advance("XF2020-018")
        assert release.wait(30)
        job.advance("XF2020-025")

        def show(request: Request) -> Response:
            return PlainTextResponse("全部完成")

        return show

    job = office(client).jobs.start("测试任务", "本机", work)
    assert client.get("/").status_code == 200  # the list answers while the job waits
    assert client.get("/due").status_code == 200
    state = client.get(f"/api/job/{job.id}").json()
    assert state == {
        "title": "测试任务",
        "done": 1,
        "total": 3,
        "step": "XF2020-018",
        "finished": False,
        "failed": False,
    }
    waiting = client.get(f"/job/{job.id}")
    assert waiting.status_code == 202
    assert '<progress id="job-bar" max="3" value="1">' in waiting.text
    assert "已完成 1 / 3（XF2020-018）" in waiting.text
    release.set()
    assert finished(client, waiting).text == "全部完成"


def test_a_hearing_week_reports_each_hearing_done(client: TestClient) -> None:
    started = client.post("/hearings", data={"csrf": TOKEN, **WINDOW}, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"].startswith("/job/")
    done = finished(client, started)
    assert "份听证通知书" in done.text
    state = client.get(started.headers["location"].replace("/job/", "/api/job/")).json()
    assert state["finished"] and state["total"] == 2 and state["done"] == 2


def test_a_verify_reports_each_file_hashed(client: TestClient, numbered: Path) -> None:  # noqa: F811
    added = client.post(
        "/archive/add",
        data={"csrf": TOKEN, "number": FIRST},
        files=[
            ("files", ("回证1.pdf", pdf_bytes(1), PDF)),
            ("files", ("回证2.pdf", pdf_bytes(2), PDF)),
        ],
    )
    assert added.status_code == 200, added.text
    started = client.post("/archive/verify", data={"csrf": TOKEN}, follow_redirects=False)
    done = finished(client, started)
    assert "核验通过：1 件、2 个文件" in done.text
    state = client.get(started.headers["location"].replace("/job/", "/api/job/")).json()
    assert state["finished"] and state["total"] == 2 and state["done"] == 2


def test_a_failed_job_shows_its_problem(client: TestClient) -> None:
    def work(job: Job) -> Show:
        raise WorkspaceError("工作区正被另一个 docgen 使用", hint="请稍后再试。")

    job = office(client).jobs.start("测试任务", "本机", work)
    answer = finished(client, client.get(f"/job/{job.id}"))
    assert answer.status_code == 400
    assert "工作区正被另一个 docgen 使用" in answer.text and "Traceback" not in answer.text


def test_an_unknown_job_is_a_located_refusal(client: TestClient) -> None:
    for url in ("/job/nothing", "/api/job/nothing", "/job/..%2F..%2Fdocgen.yaml"):
        answer = client.get(url)
        assert answer.status_code in {400, 404} and "Traceback" not in answer.text
