"""The pages that show: the 台账, a case, its documents, the reminders."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import openpyxl
from conftest import CliInvoker
from docx import Document
from docxread import all_text
from starlette.testclient import TestClient
from web.webclient import TOKEN, ClientFor

from docgen.status import LEDGER_HEADERS


def test_the_case_list_shows_the_ledger(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "案件台账" in page.text
    for case_id in ("XF2020-007", "XF2020-018", "XF2020-025", "XF2020-031"):
        assert f">{case_id}</a>" in page.text
    assert "王建国、王建军反映土地征收补偿问题" in page.text
    assert "李明（副县长）" in page.text


def test_an_overdue_case_is_marked_red(client_for: ClientFor) -> None:
    page = client_for(date(2020, 6, 28)).get("/").text
    row = re.search(r'<tr class="overdue">\s*<td><a href="/case/([^"]+)"', page)
    assert row and row.group(1) == "XF2020-025"
    assert "逾期 3 天" in page


def test_search_and_filters_narrow_the_list(client: TestClient) -> None:
    found = client.get("/", params={"q": "土地征收"}).text
    assert ">XF2020-018</a>" in found and ">XF2020-025</a>" not in found
    by_leader = client.get("/", params={"leader": "黄志强"}).text
    assert ">XF2020-025</a>" in by_leader and ">XF2020-018</a>" not in by_leader
    assert "共 4 个案件，显示 2 个" in by_leader


def test_the_ledger_download_opens_in_openpyxl(
    client: TestClient, cli: CliInvoker, workspace: Path
) -> None:
    answer = client.get("/台账.xlsx")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert tuple(rows[0]) == LEDGER_HEADERS
    listed = json.loads(cli("status", "--today", "2020-06-10", "--format", "json").stdout)
    assert [row[0] for row in rows[1:]] == [case["id"] for case in listed]
    assert not (workspace / "台账.xlsx").exists()  # a GET changes nothing in the workspace


def test_a_case_shows_its_data_and_its_problems_by_line(
    client: TestClient, workspace: Path
) -> None:
    page = client.get("/case/XF2020-018")
    assert page.status_code == 200
    assert "检查通过，没有问题" in page.text and "县自然资源局" in page.text
    case = workspace / "cases" / "XF2020-018.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("2020-06-12", "2020-13-12"), "utf-8")
    broken = client.get("/case/XF2020-018").text
    assert re.search(r"cases/XF2020-018\.yaml:\d+:\d+: hearing\.date", broken), broken


def test_an_unknown_case_is_a_chinese_message(client: TestClient) -> None:
    page = client.get("/case/XF1999-001")
    assert page.status_code == 400
    assert "没有案件“XF1999-001”" in page.text and "Traceback" not in page.text


def test_a_rendered_document_downloads_and_opens(client: TestClient) -> None:
    done = client.post("/case/XF2020-018/render", data={"csrf": TOKEN}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert "已生成" in page
    links = re.findall(r'href="(/case/XF2020-018/doc/[^"]+)"', page)
    assert links
    document = client.get(links[0])
    assert document.status_code == 200
    assert "信访" in all_text(Document(io.BytesIO(document.content)))


def test_a_document_name_never_leaves_the_output_folder(
    client: TestClient, workspace: Path
) -> None:
    client.post("/case/XF2020-018/render", data={"csrf": TOKEN})
    settings = (workspace / "docgen.yaml").read_bytes()
    for name in ("..%2F..%2Fdocgen.yaml", "%2Fetc%2Fpasswd", "%2E%2E", "..", "x.docx"):
        answer = client.get(f"/case/XF2020-018/doc/{name}")
        assert "attachment" not in answer.headers.get("content-disposition", ""), name
        assert settings not in answer.content and b"root:" not in answer.content


def test_the_reminders_page_lists_what_docgen_due_lists(
    client: TestClient, cli: CliInvoker
) -> None:
    page = client.get("/due", params={"days": "30"})
    assert page.status_code == 200
    listed = json.loads(
        cli("due", "--today", "2020-06-10", "--days", "30", "--format", "json").stdout
    )
    assert f"共 {len(listed)} 项" in page.text
    for item in listed:
        assert item["item"] in page.text


def test_the_list_follows_a_case_file_changed_on_disk(client: TestClient, workspace: Path) -> None:
    assert "土地征收补偿问题" in client.get("/").text  # read once, then kept
    case = workspace / "cases" / "XF2020-018.yaml"
    text = case.read_text(encoding="utf-8").replace("土地征收补偿问题", "宅基地补偿问题")
    case.write_text(text, encoding="utf-8")
    page = client.get("/").text
    assert "宅基地补偿问题" in page and "土地征收补偿问题" not in page
