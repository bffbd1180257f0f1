"""`docgen notices`: the hearings of a window, numbered notices and receipts, and the batch."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from conftest import CliInvoker
from docxread import all_text, open_docx
from libreoffice import convert_all, page_count

import docgen.pipeline.notices as notices_pipeline
from docgen.layout.combine import combine_documents
from docgen.register.store import open_register

TODAY = "2020-06-10"  # XF2020-031 closes that day: no example case is dated ahead of it
BATCH = Path("output") / "批次" / "2020-05-15至2020-06-12-听证通知"
WINDOW = ("--from", "2020-05-15", "--to", "2020-06-12")  # XF2020-025 and XF2020-018, exactly
PRINT_FILE = "听证通知书及送达回证（打印）.docx"


def notices(cli: CliInvoker, *args: str) -> tuple[int, str, str]:
    result = cli("notices", "--today", TODAY, *args)
    return result.exit_code, result.stdout, result.stderr


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "output").rglob("*"))
        if p.is_file()
    }


def manifest(workspace: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((workspace / BATCH / "manifest.json").read_text("utf-8"))
    return data


def unset_notice_date(workspace: Path, case_id: str) -> None:
    case = workspace / "cases" / f"{case_id}.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text("\n".join(line for line in text.splitlines() if "notice_date" not in line))


def test_both_ends_of_the_window_are_included(cli: CliInvoker, workspace: Path) -> None:
    status, stdout, stderr = notices(cli, *WINDOW)
    assert status == 0, stderr
    assert "2 场听证，14 份听证通知书和14 份送达回证" in stdout
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    assert [d["case_id"] for d in documents[:2]] == ["XF2020-025", "XF2020-025"]  # 5-15 first
    assert {d["case_id"] for d in documents} == {"XF2020-025", "XF2020-018"}
    assert not (workspace / "output" / "XF2020-031").exists()  # 2020-04-22: outside


def test_a_window_without_hearings_says_so_and_writes_nothing(
    cli: CliInvoker, workspace: Path
) -> None:
    status, stdout, _ = notices(cli, "--from", "2020-05-16", "--to", "2020-06-11")
    assert status == 0
    assert "2020-05-16 至 2020-06-11 没有安排听证的案件，没有生成通知书。" in stdout
    assert not (workspace / "output").exists()
    assert not (workspace / ".docgen" / "register.db").exists()


def test_the_batch_holds_every_notice_numbered_as_render_numbers_it(
    cli: CliInvoker, workspace: Path
) -> None:
    assert notices(cli, *WINDOW)[0] == 0
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    notices_only = [d for d in documents if d["kind"] == "hearing_notice"]
    assert len(notices_only) == 14 and len(documents) == 28
    wang = next(d for d in notices_only if d["recipient"] == "王建国")
    text = all_text(open_docx(workspace / wang["file"]))
    assert wang["doc_number"] in text
    before = files_of(workspace)
    assert cli("render", "--date", "2020-06-01", "XF2020-018").exit_code == 0
    assert files_of(workspace)[wang["file"]] == before[wang["file"]]  # render: the same number
    print_file = open_docx(workspace / BATCH / PRINT_FILE)
    assert len(print_file.sections) == len(documents)
    sheet = openpyxl.load_workbook(workspace / BATCH / "送达登记表.xlsx").active
    assert sheet is not None
    rows = [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert [row[1] for row in rows] == [d["doc_number"] for d in notices_only]
    assert rows[0][2] == "XF2020-025" and rows[0][8:11] == (None, None, None)


def test_the_print_file_is_the_documents_of_the_manifest_combined(
    cli: CliInvoker, workspace: Path
) -> None:
    """Built from pieces prepared as each document is rendered, it is what combining the
    documents gives."""
    assert notices(cli, *WINDOW)[0] == 0
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    parts = [(Path(d["file"]).name, (workspace / d["file"]).read_bytes()) for d in documents]
    combined = combine_documents(parts, "听证通知书及送达回证")
    assert (workspace / BATCH / PRINT_FILE).read_bytes() == combined


def test_a_rerun_gives_the_same_numbers_and_identical_files(
    cli: CliInvoker, workspace: Path
) -> None:
    assert notices(cli, *WINDOW)[0] == 0
    first = files_of(workspace)
    with open_register(workspace / ".docgen" / "register.db") as register:
        numbers = register.list()
    assert notices(cli, *WINDOW)[0] == 0
    assert files_of(workspace) == first
    with open_register(workspace / ".docgen" / "register.db") as register:
        assert register.list() == numbers


def test_a_wrong_guess_about_even_and_odd_pages_still_gives_the_same_batch(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The print file is built as documents come, guessing their page setup from the
    templates; when the documents say otherwise, it is combined again, to the same bytes."""
    assert notices(cli, *WINDOW)[0] == 0
    first = files_of(workspace)
    combined: list[int] = []

    def combine(parts: list[tuple[str, bytes]], title: str) -> bytes:
        combined.append(len(parts))
        return combine_documents(parts, title)

    monkeypatch.setattr(notices_pipeline, "uses_even_and_odd", lambda source: False)
    monkeypatch.setattr(notices_pipeline, "combine_documents", combine)
    assert notices(cli, *WINDOW)[0] == 0
    assert combined == [28]  # combined again, at the end
    assert files_of(workspace) == first


def test_a_late_notice_is_refused_and_nothing_of_its_hearing_written(
    cli: CliInvoker, workspace: Path
) -> None:
    unset_notice_date(workspace, "XF2020-018")
    status, _, stderr = notices(cli, *WINDOW, "--date", "2020-06-08")
    assert status == 1
    assert "cases/XF2020-018.yaml:54:3: hearing.date: 案件 XF2020-018：" in stderr
    assert "听证日期为2020-06-12（星期五）" in stderr
    assert "通知书最迟应于2020-06-05（星期五）送达" in stderr
    assert "--allow-late --reason" in stderr
    assert not (workspace / "output" / "XF2020-018").exists()
    assert (workspace / "output" / "XF2020-025").is_dir()  # the other hearing still goes out
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    assert {d["case_id"] for d in documents} == {"XF2020-025"}
    with open_register(workspace / ".docgen" / "register.db") as register:
        assert {n.case_id for n in register.list()} == {"XF2020-025"}


def test_allow_late_with_a_reason_records_it(cli: CliInvoker, workspace: Path) -> None:
    unset_notice_date(workspace, "XF2020-018")
    late = ("--date", "2020-06-08", "--allow-late", "--reason", "信访人书面同意缩短通知期")
    status, _, stderr = notices(cli, *WINDOW, *late)
    assert status == 0, stderr
    with open_register(workspace / ".docgen" / "register.db") as register:
        notes = {n.case_id: n.note for n in register.list()}
    assert notes["XF2020-018"] == "逾期仍发出：信访人书面同意缩短通知期"
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    reasons = {d["case_id"]: d["late_reason"] for d in documents}
    assert reasons == {"XF2020-018": "信访人书面同意缩短通知期", "XF2020-025": ""}


def test_wrong_usage_exits_2_in_chinese(cli: CliInvoker) -> None:
    status, _, stderr = notices(cli, "--from", "2020-06-12", "--to", "2020-06-01")
    assert status == 2 and "起始日期 2020-06-12 晚于结束日期 2020-06-01" in stderr
    status, _, stderr = notices(cli, "--to", "2020-02-30")
    assert status == 2 and "“2020-02-30”不是有效日期" in stderr
    status, _, stderr = notices(cli, "--allow-late")
    assert status == 2 and "必须用 --reason" in stderr


def test_a_broken_register_stops_the_batch(cli: CliInvoker, workspace: Path) -> None:
    (workspace / ".docgen").mkdir()
    (workspace / ".docgen" / "register.db").write_bytes(b"\x00garbage" * 500)
    status, _, stderr = notices(cli, *WINDOW)
    assert status == 1
    assert "错误：.docgen/register.db: 文件已损坏，或不是文号登记簿" in stderr
    assert not (workspace / "output").exists()


def test_libreoffice_prints_every_page_of_every_part(
    cli: CliInvoker, workspace: Path, tmp_path: Path
) -> None:
    assert notices(cli, *WINDOW)[0] == 0
    documents = manifest(workspace)["documents"]
    assert isinstance(documents, list)
    sources = [workspace / d["file"] for d in documents] + [workspace / BATCH / PRINT_FILE]
    named = tmp_path / "in"
    named.mkdir()
    files = [named / f"{index:03d}.docx" for index in range(len(sources))]
    for file, source in zip(files, sources, strict=True):
        file.write_bytes(source.read_bytes())
    pdfs = convert_all(files, tmp_path / "pdf", tmp_path / "profile")
    pages = [page_count(pdf) for pdf in pdfs]
    assert pages[-1] == sum(pages[:-1])
