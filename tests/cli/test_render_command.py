"""`docgen render` on the example workspace: every document, GB/T 9704 layout, the case's values."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, CliInvoker
from docx import Document
from docx.oxml.ns import qn
from docxread import all_text, east_asia_fonts, open_docx, paragraphs

from docgen import docxio, pipeline
from docgen.case import Case, parse_case
from docgen.cli import main
from docgen.kinds import KINDS
from docgen.settings import Settings

OFFICIAL_FONTS = {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"}
RENDER_DATE = "2020-06-01"


def example_cases() -> dict[str, Case]:
    cases = {}
    for path in sorted((REPO / "cases").glob("*.yaml")):
        case = parse_case(path.read_bytes(), path, Settings(), date(2026, 11, 28)).case
        cases[case.id] = case
    return cases


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace rendered once for this module; returns its output/ folder."""
    root = tmp_path_factory.mktemp("rendered")
    for name in ("docgen.yaml", "cases", "templates"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    result = CliRunner().invoke(main, ["-C", str(root), "render", "--date", RENDER_DATE])
    assert result.exit_code == 0, result.stderr
    return root / "output"


def outputs(output: Path) -> list[Path]:
    return sorted(output.rglob("*.docx"))


def test_every_kind_is_rendered_for_every_case_that_has_its_data(output: Path) -> None:
    kinds_seen = set()
    for case_id, case in example_cases().items():
        expected = {
            kind.output_name(job) for kind in KINDS.values() for job in kind.jobs(case, Settings())
        }
        kinds_seen |= {k for k, kind in KINDS.items() if kind.jobs(case, Settings())}
        folder = output / case_id
        found = {p.name for p in folder.glob("*.docx")} if folder.exists() else set()
        assert found == expected, case_id
    assert kinds_seen == set(KINDS)


def test_the_summary_explains_a_case_without_documents(cli: CliInvoker) -> None:
    result = cli("render", "--date", RENDER_DATE)
    assert "XF2020-007：1 份文书" in result.stdout  # its 转送函
    assert "共生成 59 份文书。" in result.stdout
    result = cli("render", "--date", RENDER_DATE, "--kind", "听证通知书")
    assert "XF2020-007：没有生成文书（涉法涉诉，已分流政法机关）" in result.stdout


def test_a_second_render_gives_byte_identical_files(
    output: Path, cli: CliInvoker, workspace: Path
) -> None:
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    again = workspace / "output"
    assert [p.relative_to(again) for p in outputs(again)] == [
        p.relative_to(output) for p in outputs(output)
    ]
    for first in outputs(output):
        assert (again / first.relative_to(output)).read_bytes() == first.read_bytes(), first.name


def test_every_document_has_the_gbt9704_page(output: Path) -> None:
    for path in outputs(output):
        sect = open_docx(path).sections[0]._sectPr
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
        assert (size.get(qn("w:w")), size.get(qn("w:h"))) == ("11906", "16838"), path.name
        assert [margins.get(qn(f"w:{side}")) for side in ("top", "bottom", "left", "right")] == [
            "2098",
            "1984",
            "1588",
            "1474",
        ], path.name


def test_every_run_shows_an_official_east_asian_font(output: Path) -> None:
    for path in outputs(output):
        document = open_docx(path)
        fonts = set().union(*(east_asia_fonts(p) for p in paragraphs(document)))
        assert fonts <= OFFICIAL_FONTS, (path.name, fonts - OFFICIAL_FONTS)
        title = next(p for p in document.paragraphs if p.text.strip())
        assert east_asia_fonts(title) == {"方正小标宋简体"}, path.name


def test_headings_use_hei_and_kai(output: Path) -> None:
    plan = open_docx(output / "XF2020-025" / "一揽子化解方案.docx")
    heading = next(p for p in plan.paragraphs if p.text.startswith("一、"))
    assert east_asia_fonts(heading) == {"黑体"}


def test_no_template_tag_is_left(output: Path) -> None:
    titles = {kind.title for kind in KINDS.values()}
    for path in outputs(output):
        document = open_docx(path)
        assert document.core_properties.title in titles, path.name
        text = all_text(document)
        for tag in ("{{", "{%", "{#", "}}", "%}"):
            assert tag not in text, (path.name, tag)


def test_a_notice_shows_the_case_and_the_hearing(output: Path) -> None:
    case = example_cases()["XF2020-018"]
    assert case.hearing is not None
    for recipient in ["王建国", "周敏", "县自然资源局"]:
        text = all_text(open_docx(output / "XF2020-018" / f"听证通知书-{recipient}.docx"))
        assert f"{recipient}：" in text
        assert case.title in text
        assert "2020年6月12日上午9时30分" in text
        assert case.hearing.place in text
        assert case.hearing.host.name in text
        assert all(member.name in text for member in case.hearing.panel)
        assert re.search(r"某信听〔2020〕[1-7]号", text)
        assert "2020年6月1日" in text  # notice_date of the case, not the render date


def test_each_role_gets_its_own_wording(output: Path) -> None:
    def notice(name: str) -> str:
        return all_text(open_docx(output / "XF2020-018" / f"听证通知书-{name}.docx"))

    petitioner, panel, unit = notice("王建国"), notice("吴军"), notice("城关镇人民政府")
    assert "委托1至2名代理人" in petitioner and "视为放弃听证" in petitioner
    assert "特邀请您担任本次听证的听证员" in panel and "代理人" not in panel
    assert "请你单位派负责同志准时参加听证" in unit and "代理人" not in unit


def test_the_plan_lists_every_measure_in_its_table(output: Path) -> None:
    case = example_cases()["XF2020-025"]
    assert case.plan is not None
    document = open_docx(output / "XF2020-025" / "一揽子化解方案.docx")
    table = next(t for t in document.tables if "具体措施" in t.rows[0].cells[1].text)
    rows = table.rows[1:]
    assert len(rows) == len(case.plan.measures)
    for i, (row, measure) in enumerate(zip(rows, case.plan.measures, strict=True), 1):
        cells = [c.text for c in row.cells]
        assert cells[0] == str(i)
        assert cells[1:4] == [measure.action, measure.unit, measure.owner]
        assert cells[4] == f"{measure.due.year}年{measure.due.month}月{measure.due.day}日"
    text = all_text(document)
    assert "人民币伍仟元整（¥5,000.00）" in text
    for leader in case.leaders:
        assert leader.name in text


def test_the_agreement_states_the_amount_in_capitals_and_figures(output: Path) -> None:
    case = example_cases()["XF2020-031"]
    text = all_text(open_docx(output / "XF2020-031" / "息诉罢访协议书.docx"))
    assert "人民币壹万贰仟元整（¥12,000.00）" in text
    for petitioner in case.petitioners:
        assert petitioner.name in text and petitioner.id_number in text


def test_the_announcement_shows_no_personal_data(output: Path) -> None:
    case = example_cases()["XF2020-018"]
    text = all_text(open_docx(output / "XF2020-018" / "听证公告.docx"))
    assert "王某甲、王某乙" in text and "王某某" not in text
    for petitioner in case.petitioners:
        assert petitioner.name not in text
        assert petitioner.id_number not in text
        assert petitioner.phone is not None and petitioner.phone not in text
        assert petitioner.address is not None and petitioner.address not in text


def test_a_case_with_problems_writes_nothing_and_the_others_still_render(
    cli: CliInvoker, workspace: Path
) -> None:
    bad = workspace / "cases" / "XF2020-025.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("deadline: 2020-06-25", "deadline: 2020-06-31"),
        encoding="utf-8",
    )
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 1
    assert "错误：cases/XF2020-025.yaml:" in result.stderr
    assert not (workspace / "output" / "XF2020-025").exists()
    assert (workspace / "output" / "XF2020-018" / "听证通知书-王建国.docx").is_file()


def add_paragraph_to_template(template: Path, text: str) -> None:
    """Edit a workspace template as a clerk would in Word: one more paragraph at the end."""
    document = Document(str(template))
    document.add_paragraph(text)
    document.save(str(template))


def test_an_undefined_template_variable_is_located_and_nothing_is_written(
    cli: CliInvoker, workspace: Path
) -> None:
    add_paragraph_to_template(
        workspace / "templates" / "closure_approval.docx", "审批人：{{ closure.approver }}"
    )
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "错误：templates/closure_approval.docx:" in result.stderr
    assert "closure.approver" in result.stderr
    assert not (workspace / "output" / "XF2020-031").exists()
    assert (workspace / "output" / "XF2020-025" / "一揽子化解方案.docx").is_file()


def test_a_workspace_without_its_own_template_uses_the_default(
    cli: CliInvoker, workspace: Path
) -> None:
    (workspace / "templates" / "hearing_notice.docx").unlink()
    result = cli("render", "--date", RENDER_DATE, "--kind", "hearing_notice")
    assert result.exit_code == 0, result.stderr
    assert (workspace / "output" / "XF2020-018" / "听证通知书-周敏.docx").is_file()
    assert not (workspace / "output" / "XF2020-018" / "送达回证-周敏.docx").exists()


HOSTILE = "A&B <w:p> \"引号\" '单引号' {{ case.id }} {% if x %} 𠮷"


def test_hostile_case_values_print_literally(cli: CliInvoker, workspace: Path) -> None:
    path = workspace / "cases" / "XF2020-018.yaml"
    long_place = "很长的地点" * 400  # 2,000 characters
    text = (
        path.read_text(encoding="utf-8")
        .replace("place: 县信访局三楼听证室", f"place: {long_place}")
        .replace("- name: 王建军", f"- name: {json.dumps(HOSTILE, ensure_ascii=False)}")
    )
    path.write_text(text, encoding="utf-8")
    result = cli("render", "XF2020-018", "--date", RENDER_DATE)
    assert result.exit_code == 0, result.stderr
    folder = workspace / "output" / "XF2020-018"
    (notice,) = [p for p in folder.glob("听证通知书-A&B*.docx")]
    shown = all_text(open_docx(notice))
    assert f"{HOSTILE}：" in shown
    assert long_place in shown
    assert HOSTILE in all_text(open_docx(folder / f"送达回证-{notice.stem.split('-', 1)[1]}.docx"))


def edit_case(workspace: Path, case_id: str, old: str, new: str) -> None:
    path = workspace / "cases" / f"{case_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_recipients_sharing_a_name_each_get_their_own_file(
    cli: CliInvoker, workspace: Path
) -> None:
    edit_case(
        workspace,
        "XF2020-018",
        "{name: 周敏, role: 县人大代表}",
        "{name: 王建国, role: 县人大代表}",
    )
    result = cli("render", "XF2020-018", "--date", RENDER_DATE)
    assert result.exit_code == 0, result.stderr
    folder = workspace / "output" / "XF2020-018"
    petitioner = all_text(open_docx(folder / "听证通知书-王建国.docx"))
    panel = all_text(open_docx(folder / "听证通知书-王建国-2.docx"))
    assert "委托1至2名代理人" in petitioner
    assert "特邀请您担任本次听证的听证员" in panel
    assert len(list(folder.glob("*.docx"))) == 15


def test_a_file_that_cannot_be_written_is_reported_and_other_cases_still_render(
    cli: CliInvoker, workspace: Path
) -> None:
    blocked = workspace / "output" / "XF2020-018" / "听证通知书-王建国.docx"
    blocked.mkdir(parents=True)  # as a file held open by Word would refuse to be replaced
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "无法写入" in result.stderr
    assert (workspace / "output" / "XF2020-031" / "息诉罢访协议书.docx").is_file()


def test_documents_left_from_an_earlier_render_are_reported_not_deleted(
    cli: CliInvoker, workspace: Path
) -> None:
    assert cli("render", "XF2020-018", "--date", RENDER_DATE).exit_code == 0
    edit_case(workspace, "XF2020-018", "{name: 吴军,", "{name: 吴俊,")
    result = cli("render", "XF2020-018", "--date", RENDER_DATE)
    assert result.exit_code == 0, result.stderr
    folder = workspace / "output" / "XF2020-018"
    for old in ("听证通知书-吴军.docx", "送达回证-吴军.docx"):
        assert (folder / old).is_file()
        assert f"警告：output/XF2020-018/{old}: 这是以前生成的文书" in result.stderr
    assert (folder / "听证通知书-吴俊.docx").is_file()


def test_a_case_named_twice_is_read_once(cli: CliInvoker) -> None:
    result = cli("check", "XF2020-018", "cases/XF2020-018.yaml")
    assert result.exit_code == 0, result.stderr
    assert "检查了 1 个案件文件" in result.stdout


def test_the_plan_carries_its_document_number(output: Path) -> None:
    text = all_text(open_docx(output / "XF2020-025" / "一揽子化解方案.docx"))
    assert "某信案〔2020〕1号" in text


def test_a_numbering_pattern_for_an_unknown_document_is_reported(
    cli: CliInvoker, workspace: Path
) -> None:
    settings = workspace / "docgen.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("  hearing_notice: 某信听", "  hearing_notce: 某信听"), encoding="utf-8"
    )
    result = cli("check")
    assert result.exit_code == 1
    assert "错误：docgen.yaml: numbering.hearing_notce: “hearing_notce”不是需要文号的文书" in (
        result.stderr
    )


def test_a_broken_template_holds_back_only_the_cases_that_need_it(
    cli: CliInvoker, workspace: Path
) -> None:
    add_paragraph_to_template(
        workspace / "templates" / "closure_approval.docx", "审批人：{{ closure.approver "
    )
    result = cli("render", "--date", RENDER_DATE)
    assert result.exit_code == 1
    assert "错误：templates/closure_approval.docx:" in result.stderr
    assert "错误：cases/XF2020-031.yaml: 模板“closure_approval.docx”有问题" in result.stderr
    assert not (workspace / "output" / "XF2020-031").exists()
    assert (workspace / "output" / "XF2020-025" / "一揽子化解方案.docx").is_file()


def run_twice(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> list[tuple[str, str, dict[str, bytes]]]:
    """`docgen ARGS` with `--jobs 1` and `--jobs 2` from the same start: output and files."""
    monkeypatch.setitem(pipeline.PARALLEL_FROM, args[0], 0)  # workers even for a few cases
    runs = []
    for jobs in ("1", "2"):
        shutil.rmtree(workspace / "output", ignore_errors=True)
        shutil.rmtree(workspace / ".docgen", ignore_errors=True)  # numbers allocated afresh
        result = cli(*args, "--jobs", jobs)
        written = outputs(workspace / "output")
        files = {str(p.relative_to(workspace)): p.read_bytes() for p in written}
        runs.append((result.stdout, result.stderr, files))
    return runs


def test_worker_processes_write_the_same_bytes_and_say_the_same_in_the_same_order(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_case(workspace, "XF2020-025", "deadline: 2020-06-25", "deadline: 2020-06-31")
    clash = (workspace / "cases" / "XF2020-018.yaml").read_text(encoding="utf-8")
    (workspace / "cases" / "XF2020-099.yaml").write_text(
        clash.replace("id: XF2020-018", "id: xf2020-018"), encoding="utf-8"
    )
    one, two = run_twice(cli, workspace, monkeypatch, "render", "--date", RENDER_DATE)
    assert two == one
    _, stderr, files = one
    assert len(files) == 42 and "正在生成 XF2020-031 …" in stderr
    assert "XF2020-025.yaml" in stderr and "与“cases/XF2020-018.yaml”中的“XF2020-018”重复" in stderr


def test_a_full_disk_leaves_the_whole_case_as_it_was_and_exits_1(
    cli: CliInvoker, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    before = {p: p.read_bytes() for p in outputs(workspace / "output")}
    edit_case(workspace, "XF2020-018", "县信访局三楼听证室", "县信访局二楼会议室")
    edit_case(workspace, "XF2020-031", "县信访局", "县信访接待中心")
    writes: list[str] = []

    def full_on_the_third_file_of_018(fd: int, data: bytes) -> None:
        writes.append(os.readlink(f"/proc/self/fd/{fd}"))
        if "XF2020-018" in writes[-1] and sum("XF2020-018" in w for w in writes) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        os.write(fd, data)

    write_all = docxio._write_all
    monkeypatch.setattr(docxio, "_write_all", full_on_the_third_file_of_018)
    result = cli("render", "--date", RENDER_DATE, "--jobs", "1")
    assert result.exit_code == 1
    assert "磁盘空间已满（No space left on device）" in result.stderr
    assert "1 个案件因有问题未生成" in result.stdout
    after = {p: p.read_bytes() for p in outputs(workspace / "output")}
    assert after.keys() == before.keys()
    case_018 = [p for p in before if p.parent.name == "XF2020-018"]
    assert all(after[p] == before[p] for p in case_018)  # not one of them new
    assert any(after[p] != before[p] for p in before if p.parent.name == "XF2020-031")
    assert not list((workspace / "output").rglob("*.tmp"))
    monkeypatch.setattr(docxio, "_write_all", write_all)
    assert cli("render", "--date", RENDER_DATE).exit_code == 0
    assert any(p.read_bytes() != before[p] for p in case_018)  # the edit did change them
