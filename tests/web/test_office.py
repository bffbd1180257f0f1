"""听证周 (preview, generate, print file, zip) and 归档 (upload, missing, verify) over HTTP."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from archive.signed import JPEG, pdf_bytes
from docx import Document
from docxread import all_text
from starlette.testclient import TestClient
from web.webclient import TOKEN, ClientFor, finished

from docgen.register.store import open_register, recipient_key
from docgen.web.safety import MAX_UPLOAD_BYTES

WINDOW = {"from": "2020-05-15", "to": "2020-06-12"}  # XF2020-025 and XF2020-018
NOTICE = "某信听〔{year}〕{n}号"
FIRST = "某信听〔2020〕1号"
PDF = "application/pdf"


def test_the_hearing_week_shows_what_will_be_produced(client_for: ClientFor) -> None:
    on_time = client_for(date(2020, 5, 14))
    page = on_time.get("/hearings", params=WINDOW).text
    assert ">XF2020-018</a>" in page and "将生成" in page
    late = client_for(date(2020, 6, 8))
    assert "来不及送达，将不生成" in late.get("/hearings", params=WINDOW).text


def test_a_hearing_week_is_generated_and_downloaded(client: TestClient) -> None:
    done = finished(client, client.post("/hearings", data={"csrf": TOKEN, **WINDOW}))
    assert done.status_code == 200, done.text
    assert "份听证通知书" in done.text
    batch = re.search(r'href="(/batch/[^"]+)"', done.text)
    assert batch
    listing = client.get(batch.group(1)).text
    files = re.findall(r'href="(/batch/[^"]+/file/[^"]+)"', listing)
    names = [Path(f).name for f in files]
    print_file = next(f for f in files if "%E6%89%93%E5%8D%B0" in f)  # 打印
    document = Document(io.BytesIO(client.get(print_file).content))
    assert "听证通知书" in all_text(document)
    assert any("%E9%80%81%E8%BE%BE%E7%99%BB%E8%AE%B0%E8%A1%A8" in n for n in names)  # 送达登记表
    package = zipfile.ZipFile(io.BytesIO(client.get(f"{batch.group(1)}/zip").content))
    assert len(package.namelist()) == len(files)


def test_a_batch_name_never_leaves_the_batch_folder(client: TestClient) -> None:
    finished(client, client.post("/hearings", data={"csrf": TOKEN, **WINDOW}))
    for url in ("/batch/..%2F..", "/batch/%2Fetc/zip", "/batch/x/file/..%2F..%2Fdocgen.yaml"):
        answer = client.get(url)
        assert answer.status_code in {400, 404}, url
        assert "没有这个" in answer.text
        assert "attachment" not in answer.headers.get("content-disposition", "")


@pytest.fixture
def numbered(workspace: Path) -> Path:
    """Two 听证通知书 numbers issued for case XF2020-018, as `docgen notices` leaves them."""
    with open_register(workspace / ".docgen" / "register.db") as register:
        for name in ("王建国", "王建军"):
            key = recipient_key("petitioner", name)
            register.number_for("XF2020-018", "hearing_notice", key, 2020, NOTICE, date(2020, 6, 1))
    return workspace


def test_an_upload_is_archived_and_verify_passes(client: TestClient, numbered: Path) -> None:
    before = client.get("/archive").text
    assert "尚未归档签收件（2）" in before and FIRST in before
    done = client.post(
        "/archive/add",
        data={"csrf": TOKEN, "number": FIRST, "by": "刘洋"},
        files=[("files", ("回证.pdf", pdf_bytes(2), PDF))],
    )
    assert done.status_code == 200, done.text
    assert "已归档：2020 年第 0001 件 听证通知书（王建国）" in done.text
    assert "尚未归档签收件（1）" in done.text
    stored = numbered / "archive/2020/XF2020-018/0001-听证通知书-王建国.pdf"
    assert stored.read_bytes() == pdf_bytes(2)
    assert not any((numbered / ".docgen" / "uploads").rglob("*.pdf"))
    verified = finished(client, client.post("/archive/verify", data={"csrf": TOKEN}))
    assert "核验通过：1 件、1 个文件" in verified.text
    assert (
        "0001-" not in client.get("/case/XF2020-018").text
        or "刘洋" in client.get("/case/XF2020-018").text
    )


def test_a_scan_that_is_not_what_it_claims_is_refused(client: TestClient, numbered: Path) -> None:
    refused = client.post(
        "/archive/add",
        data={"csrf": TOKEN, "number": FIRST},
        files=[("files", ("回证.pdf", JPEG, PDF))],
    )
    assert refused.status_code == 400
    assert "Traceback" not in refused.text
    assert not (numbered / "archive").exists() or not any((numbered / "archive").rglob("*.pdf"))


def test_a_wrong_type_or_an_oversized_upload_is_refused(client: TestClient, numbered: Path) -> None:
    wrong = client.post(
        "/archive/add",
        data={"csrf": TOKEN, "number": FIRST},
        files=[("files", ("回证.exe", b"MZ" + b"\0" * 64, "application/octet-stream"))],
    )
    assert wrong.status_code == 400 and "不是可归档的文件类型" in wrong.text
    big = client.post(
        "/archive/add",
        data={"csrf": TOKEN, "number": FIRST},
        files=[("files", ("回证.pdf", b"%PDF" + b"\0" * MAX_UPLOAD_BYTES, PDF))],
    )
    assert big.status_code == 413 and "太大" in big.text
    assert not any((numbered / ".docgen").rglob("*.pdf"))


def test_an_upload_without_the_token_is_refused(client: TestClient, numbered: Path) -> None:
    answer = client.post(
        "/archive/add", data={"number": FIRST}, files=[("files", ("回证.pdf", pdf_bytes(), PDF))]
    )
    assert answer.status_code == 403
    assert not (numbered / "archive").exists()
