"""The documents about people and undertakings, rendered and read back with python-docx.

One case (testdata/test_people_documents/XF2020-099.yaml) has two petitioners whose masked
names collide (王建国, 王建军), an agent for the second, a leading and a township leader, a plan
of eight measures with one not done, and an agreement whose first term repeats the payment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from docx.document import Document as DocumentObject
from docxread import body_text, open_docx
from libreoffice import convert, page_count

from docgen.cli import main

CASE = Path(__file__).parent / "testdata" / "test_people_documents" / "XF2020-099.yaml"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The case rendered once in a workspace of its own; returns its output folder."""
    root = tmp_path_factory.mktemp("people")
    shutil.copy(REPO / "docgen.yaml", root / "docgen.yaml")
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("source"))
    (root / "cases").mkdir()
    shutil.copy(CASE, root / "cases" / CASE.name)
    result = CliRunner().invoke(main, ["-C", str(root), "render", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.stderr
    return root / "output" / "XF2020-099"


def document(rendered: Path, name: str) -> DocumentObject:
    return open_docx(rendered / f"{name}.docx")


def text(rendered: Path, name: str) -> str:
    return body_text(document(rendered, name))


def rows(rendered: Path, name: str) -> list[list[str]]:
    """The cells of the first table, a row a list, merged cells once."""
    table = document(rendered, name).tables[0]
    found = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if not cells or cell.text != cells[-1]:
                cells.append(cell.text)
        found.append(cells)
    return found


# --- 委托代理人 ---------------------------------------------------------------------------------


def test_an_agent_is_served_a_notice_as_the_agent_of_the_named_petitioner(rendered: Path) -> None:
    notice = text(rendered, "听证通知书-王小明")
    assert notice.splitlines()[2:4] == ["", "王小明："]  # one blank line under the 文号
    assert "你作为信访人王建军的委托代理人，请准时参加听证" in notice
    assert "请你单位" not in notice and "特邀请您" not in notice
    receipt = rows(rendered, "送达回证-王小明")
    assert ["受送达人", "王小明（王建军的委托代理人）"] in receipt
    assert ["送达地点", "某某县城关镇北街1号"] in receipt


def test_an_agent_gets_a_power_of_attorney_for_the_petitioner_to_sign(rendered: Path) -> None:
    form = text(rendered, "授权委托书-王小明")
    assert "委托人：王建军，男，公民身份号码：419901196202022038" in form
    assert "受托人：王小明，公民身份号码：419901199003033010" in form
    assert "代理权限：代为参加听证、陈述意见，代为签订息诉罢访协议。" in form
    assert "委托人（签名并按指印）：" in form and "受托人（签名）：" in form


def test_an_agent_signs_the_agreement_for_the_petitioner_and_is_never_a_party(
    rendered: Path,
) -> None:
    agreement = text(rendered, "息诉罢访协议书")
    assert "乙方一：王建国" in agreement and "乙方二：王建军" in agreement
    assert "乙方三" not in agreement
    assert "委托代理人：王小明，公民身份号码：419901199003033010" in agreement
    assert "王建军的委托代理人（签名）：" in agreement
    assert "王建国的委托代理人" not in agreement


def test_an_agent_is_never_counted_as_a_petitioner(rendered: Path) -> None:
    plan = text(rendered, "一揽子化解方案")
    assert "信访人王小明" not in plan
    assert not (rendered / "信访事项办结告知书-王小明.docx").exists()


# --- masked names -----------------------------------------------------------------------------


def test_colliding_masked_names_are_told_apart_in_the_announcement(rendered: Path) -> None:
    announcement = text(rendered, "听证公告")
    assert "信访人王某甲、王某乙反映征地拆迁问题，主要诉求为：王某甲要求补足土地补偿款；" in (
        announcement
    )
    assert "王某乙要求补偿地上附着物" in announcement
    assert "王某某" not in announcement and "王建" not in announcement
    assert "决定对王某甲、王某乙反映征地拆迁问题信访事项举行公开听证" in announcement
    assert "土地征收补偿" not in announcement  # the title's wording, not the category's
    assert "问题问题" not in announcement


# --- 包案领导 ----------------------------------------------------------------------------------


def test_the_responsibility_letter_differs_by_role(rendered: Path) -> None:
    lead = text(rendered, "包案责任书-李明")
    assist = text(rendered, "包案责任书-赵刚")
    assert "确定乙方为下列信访积案的县级牵头包案领导" in lead
    assert "乙方牵头组织本案化解工作，对化解工作负总责" in lead
    assert "确定乙方为下列信访积案的乡镇级协助包案领导" in assist
    assert "乙方协助牵头包案领导副县长李明开展本案化解工作" in assist
    assert "属地稳控" in assist and "属地稳控" not in lead


def test_the_letter_lists_the_offices_responsibilities_with_stability(rendered: Path) -> None:
    letter = text(rendered, "包案责任书-李明")
    assert "包调查核实、包思想疏导、包稳控、包问题解决、包息诉罢访" in letter
    assert "（三）包稳控。" in letter
    assert "非正常上访" in letter


# --- 息诉罢访协议书 ----------------------------------------------------------------------------


def test_the_payment_is_generated_once_and_split_per_person(rendered: Path) -> None:
    agreement = text(rendered, "息诉罢访协议书")
    assert "10,000元" not in agreement.replace("¥10,000.00", "")  # the repeating term is gone
    assert agreement.count("人民币壹万元整") == 1
    assert "其中支付乙方一王建国人民币伍仟元整（¥5,000.00），支付乙方二王建军人民币伍仟元整" in (
        agreement
    )
    assert "以银行转账方式支付至乙方各人本人账户" in agreement
    assert "二、甲方协助乙方办理土地承包经营权证变更登记。" in agreement
    assert "三、乙方承诺" in agreement and "不再以同一事实和理由信访" in agreement


def test_the_refund_clause_follows_the_refundable_flag(rendered: Path) -> None:
    assert "甲方已经支付的一次性救助款项，乙方应当予以退还" in text(rendered, "息诉罢访协议书")


def test_the_responsible_unit_and_the_office_witness_with_their_seals(rendered: Path) -> None:
    agreement = text(rendered, "息诉罢访协议书")
    assert "甲方：县自然资源局" in agreement
    assert "见证单位（盖章）：某某县信访局" in agreement
    assert "见证人（签字或盖章）" not in agreement  # the witness is the paying unit itself
    assert "见证单位（盖章）：县自然资源局" not in agreement
    assert "甲方" in agreement and "乙方" in agreement and "信访人签名" not in agreement


# --- 化解销号审批表 ----------------------------------------------------------------------------


def test_the_approval_form_shows_what_was_done_and_flags_what_was_not(rendered: Path) -> None:
    table = rows(rendered, "化解销号审批表")
    done = next(row[1] for row in table if row[0] == "化解措施落实情况")
    assert "1.复核征收土地面积：2020年5月30日落实，面积复核无误" in done
    assert "8.协助办理临时救助：【未落实】完成时限2020年6月20日" in done
    assert "共1项措施未落实" in done
    assert ["信访人意见", "同意，息诉罢访"] in table
    assert ["回访情况", "2020年6月21日回访，信访人未再信访"] in table


def test_the_approval_form_has_a_signature_cell_per_leader_and_a_township_row(
    rendered: Path,
) -> None:
    table = rows(rendered, "化解销号审批表")
    leaders = [row[1] for row in table if row[0] == "包案领导意见"]
    assert len(leaders) == 2
    assert leaders[0].startswith("牵头：副县长李明")
    assert leaders[1].startswith("协助：城关镇党委书记赵刚")
    assert [row[0] for row in table].count("乡镇意见") == 1
    (approval,) = [row[1] for row in table if row[0] == "审批意见"]
    assert approval.startswith("县信访工作联席会议办公室")


def test_eight_measures_and_every_signature_fit_one_page(rendered: Path, tmp_path: Path) -> None:
    pdf = convert(rendered / "化解销号审批表.docx", tmp_path / "pdf")
    assert page_count(pdf) == 1


# --- 一揽子化解方案 ----------------------------------------------------------------------------


def test_the_plan_has_history_by_level_stability_notes_and_approval(rendered: Path) -> None:
    plan = text(rendered, "一揽子化解方案")
    for level in ("初信：2018年3月2日", "复查：2019年1月10日", "复核：2019年5月20日", "诉讼："):
        assert level in plan
    assert "七、稳控与风险预案" in plan and "城关镇落实包联干部，每周走访一次。" in plan
    assert document(rendered, "一揽子化解方案").paragraphs[-1].text == "审定：李明（副县长）"
    header, first = rows(rendered, "一揽子化解方案")[:2]
    assert header == ["序号", "具体措施", "责任单位", "责任人", "完成时限", "备注"]
    assert first[-1] == "会同城关镇"


# --- 送达回证 ---------------------------------------------------------------------------------


def test_a_receipt_names_the_served_document_and_has_two_servers_and_a_witness(
    rendered: Path,
) -> None:
    table = rows(rendered, "送达回证-王建国")
    served = next(row[1] for row in table if row[0] == "送达文书名称及文号")
    assert served.startswith("《信访事项听证通知书》（") and served.endswith("号）")
    assert ["送达地点", "某某县城关镇东关村3组"] in table
    assert ["送达人", "（签名）", "送达人", "（签名）"] in table
    assert any(row[0] == "见证人" for row in table)
    assert "同住成年家属代收" in text(rendered, "送达回证-王建国")


def test_a_receipt_for_a_unit_has_no_family_or_lodging_notes(rendered: Path) -> None:
    receipt = text(rendered, "送达回证-县自然资源局")
    assert "家属代收" not in receipt and "留置" not in receipt and "代收人" not in receipt
    assert "加盖单位印章" in receipt


def test_measures_past_eight_continue_on_an_attached_list(tmp_path: Path) -> None:
    extra = "".join(
        f"    - {{action: 第{n}项补充措施, unit: 县民政局, owner: 杨帆, due: 2020-06-20}}\n"
        for n in (9, 10)
    )
    root = tmp_path / "ws"
    shutil.copytree(REPO / "templates", root / "templates", ignore=shutil.ignore_patterns("source"))
    (root / "cases").mkdir()
    last = "    - {action: 协助办理临时救助"
    text = CASE.read_text(encoding="utf-8").replace(last, extra + last, 1)
    (root / "cases" / CASE.name).write_text(text, encoding="utf-8")
    args = ["-C", str(root), "render", "--kind", "closure_approval", "--today", "2026-12-01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    form = open_docx(root / "output" / "XF2020-099" / "化解销号审批表.docx")
    (cell,) = {c.text for row in form.tables[0].rows for c in row.cells if "另有" in c.text}
    assert "另有2项措施的落实情况见附页。" in cell and "8.第9项补充措施" in cell
    after = [p for p in form.paragraphs if p.text.strip()]
    assert 'w:type="page"' in after[-3]._p.xml  # the list starts a page of its own
    assert [p.text for p in after[-3:]] == [
        "附：化解措施落实情况（续）",
        "9.第10项补充措施（县民政局，杨帆）：【未落实】完成时限2020年6月20日",
        "10.协助办理临时救助（县民政局，杨帆）：【未落实】完成时限2020年6月20日",
    ]
