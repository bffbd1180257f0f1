"""Procedure and law in the rendered documents: 条例 by date, remedy by stage, answers per request.

Each test edits an example case in a copy of the workspace, renders it with `docgen render`
and reads the .docx back with python-docx.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CliInvoker
from docxread import body_text, open_docx

CLOSED = "XF2020-031"  # closed in 2020 with two requests, a public hearing and its result


def edit(workspace: Path, case_id: str, *replacements: tuple[str, str]) -> None:
    path = workspace / "cases" / f"{case_id}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def render(cli: CliInvoker, workspace: Path, case_id: str, kind: str, name: str) -> str:
    """The text of output/<case_id>/<name>.docx after rendering only `kind` of `case_id`."""
    result = cli("render", case_id, "--kind", kind, "--date", "2020-06-01", "-j", "1")
    assert result.exit_code == 0, result.stdout + result.stderr
    return body_text(open_docx(workspace / "output" / case_id / f"{name}.docx"))


def closure_notice(cli: CliInvoker, workspace: Path) -> str:
    return render(cli, workspace, CLOSED, "closure_notice", "信访事项办结告知书-李桂兰")


def paragraph_with(text: str, words: str) -> str:
    found = [line for line in text.splitlines() if words in line]
    assert len(found) == 1, (words, found)
    return found[0]


# --- legal basis by date ------------------------------------------------------------------------


def test_a_2020_closure_cites_the_2005_regulation_and_its_articles(
    cli: CliInvoker, workspace: Path
) -> None:
    text = closure_notice(cli, workspace)
    assert "《信访工作条例》" not in text
    assert "根据《信访条例》第三十二条的规定，现将处理意见告知如下" in text
    assert "依照《信访条例》第三十二条第一款第二项的规定，本机关对该项请求作出解释说明" in text
    assert "依照《信访条例》第三十四条的规定，你如不服本处理意见" in text


def test_a_2023_closure_cites_the_2022_regulation_and_its_articles(
    cli: CliInvoker, workspace: Path
) -> None:
    edit(workspace, CLOSED, ("  date: 2020-06-10\n", "  date: 2023-06-12\n"))
    text = closure_notice(cli, workspace)
    assert "《信访条例》第" not in text.replace("上述处理意见的依据：《信访条例》第三十二条", "")
    assert "根据《信访工作条例》第三十二条的规定" in text
    assert "依照《信访工作条例》第三十二条第一款第一项的规定，本机关对该项请求予以支持" in text
    assert "依照《信访工作条例》第三十五条的规定，你如不服本处理意见" in text


def test_the_regulation_switches_on_the_day_the_2022_one_took_effect(
    cli: CliInvoker, workspace: Path
) -> None:
    edit(workspace, CLOSED, ("  date: 2020-06-10\n", "  date: 2022-04-30\n"))
    assert "《信访条例》第三十四条" in closure_notice(cli, workspace)
    edit(workspace, CLOSED, ("  date: 2022-04-30\n", "  date: 2022-05-01\n"))
    assert "《信访工作条例》第三十五条" in closure_notice(cli, workspace)


def test_the_hearing_notice_and_the_agreement_cite_the_regulation_of_their_own_date(
    cli: CliInvoker, workspace: Path
) -> None:
    notice = render(cli, workspace, CLOSED, "hearing_notice", "听证通知书-李桂兰")
    assert "根据《信访条例》第三十一条第二款的规定" in notice
    agreement = render(cli, workspace, CLOSED, "settlement_agreement", "息诉罢访协议书")
    assert "条例》第三十三条" not in agreement  # the 2005 条例 has no mediation article
    assert "依照《信访条例》等规定处理" in agreement
    edit(workspace, CLOSED, ("  notice_date: 2020-04-13\n", "  notice_date: 2023-04-13\n"))
    edit(workspace, CLOSED, ("  date: 2020-06-10\n", "  date: 2023-06-12\n"))
    edit(workspace, CLOSED, ("  date: 2020-04-22\n", "  date: 2023-04-24\n"))
    notice = render(cli, workspace, CLOSED, "hearing_notice", "听证通知书-李桂兰")
    assert "根据《信访工作条例》第三十一条第六项的规定" in notice
    agreement = render(cli, workspace, CLOSED, "settlement_agreement", "息诉罢访协议书")
    assert "根据《信访工作条例》第三十三条的规定" in agreement


def test_plan_and_letter_cite_the_2005_articles_for_2020(cli: CliInvoker, workspace: Path) -> None:
    plan = render(cli, workspace, "XF2020-025", "resolution_plan", "一揽子化解方案")
    assert "依照《信访条例》第三十六条、第四十三条等有关规定追究责任" in plan
    letter = render(cli, workspace, "XF2020-025", "responsibility_letter", "包案责任书-黄志强")
    assert "为落实《信访条例》第七条关于建立健全信访工作责任制的规定" in letter
    assert "《信访工作条例》" not in letter


# --- procedure stage ---------------------------------------------------------------------------

REMEDIES = {
    "初次办理": "你如不服本处理意见，可以自收到本告知书之日起30日内向某某县人民政府请求复查。",
    "复查": "你如不服本复查意见，可以自收到本告知书之日起30日内向某某市人民政府请求复核。",
    "复核": "本复核意见为该信访事项的最终意见。依照《信访条例》第三十五条第三款的规定，"
    "你对本复核意见不服，仍然以同一事实和理由提出投诉请求的，"
    "各级人民政府信访工作机构和其他行政机关不再受理。",
    "已终结": "该信访事项已经复核终结。依照《信访条例》第三十五条第三款的规定，"
    "你仍然以同一事实和理由提出投诉请求的，各级人民政府信访工作机构和其他行政机关不再受理。",
}


@pytest.mark.parametrize("stage", REMEDIES)
def test_the_remedy_follows_the_stage(cli: CliInvoker, workspace: Path, stage: str) -> None:
    edit(workspace, CLOSED, ("stage: 初次办理\n", f"stage: {stage}\n"))
    if stage == "复查":
        edit(workspace, CLOSED, ("  issuer:", "  review_body: 某某市人民政府\n  issuer:"))
    text = closure_notice(cli, workspace)
    assert REMEDIES[stage] in text
    others = [remedy for other, remedy in REMEDIES.items() if other != stage]
    assert not [remedy for remedy in others if remedy in text]
    if stage != "初次办理":
        assert "请求复查" not in text  # never offered on a case that has had it


def test_the_opening_names_the_opinion_of_the_stage(cli: CliInvoker, workspace: Path) -> None:
    edit(workspace, CLOSED, ("stage: 初次办理\n", "stage: 复核\n"))
    text = closure_notice(cli, workspace)
    assert "本机关已依法复核完毕。根据《信访条例》第三十二条的规定，现将复核意见告知如下" in text


def test_a_final_review_hearing_is_held_under_the_final_review_article(
    cli: CliInvoker, workspace: Path
) -> None:
    edit(workspace, CLOSED, ("stage: 初次办理\n", "stage: 复核\n"))
    notice = render(cli, workspace, CLOSED, "hearing_notice", "听证通知书-李桂兰")
    assert notice.startswith(
        "信访事项听证通知书\n某信听〔2020〕1号\n\n李桂兰：\n"  # one blank line under the 文号
        "根据《信访条例》第三十五条第二款的规定，某某县信访局决定在复核中就李桂兰、张伟反映医疗纠纷"
        "问题信访事项（案件编号：XF2020-031）中信访人提出的下列请求举行听证："
    )
    assert "。听证所需时间不计入复核期限。现将有关事项通知如下：" in notice


# --- per-request conclusions, who signs --------------------------------------------------------


def test_each_request_is_answered_with_its_own_conclusion_and_reasons(
    cli: CliInvoker, workspace: Path
) -> None:
    edit(
        workspace,
        CLOSED,
        (
            "\nhistory:",
            "  - text: 要求追究主治医生的刑事责任\n    assessment: 不合理\n"
            "    conclusion: 不予支持\n    reasoning: 鉴定结论不支持该请求\n\nhistory:",
        ),
    )
    text = closure_notice(cli, workspace)
    assert "对你提出的3项请求，本机关逐项答复如下：" in text
    answers = [line for line in text.splitlines() if line.startswith("（") and "关于“" in line]
    assert [re.findall(r"本机关对该项请求(.+)。$", a)[0] for a in answers] == [
        "作出解释说明",
        "予以支持",
        "不予支持",
    ]
    assert "第三十二条第一款第三项" in answers[2]
    assert "鉴定结论不支持该请求。依照" in answers[2]


def test_the_notice_is_signed_by_the_issuer_or_the_responsible_unit(
    cli: CliInvoker, workspace: Path
) -> None:
    text = closure_notice(cli, workspace)
    assert text.splitlines()[-2:] == ["县卫生健康委员会", "2020年6月10日"]
    edit(workspace, CLOSED, ("  issuer: 县卫生健康委员会", "  issuer: 某某县信访局"))
    assert closure_notice(cli, workspace).splitlines()[-2] == "某某县信访局"
    path = workspace / "cases" / f"{CLOSED}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if "issuer:" not in x), encoding="utf-8")
    edit(workspace, CLOSED, ("responsible_unit: 县卫生健康委员会", "responsible_unit: 县人民医院"))
    assert closure_notice(cli, workspace).splitlines()[-2] == "县人民医院"


# --- hearing notice, 转送函, 听证结果公示 ----------------------------------------------------


def test_the_hearing_notice_lists_the_requests_and_why_it_is_not_public(
    cli: CliInvoker, workspace: Path
) -> None:
    text = render(cli, workspace, "XF2020-025", "hearing_notice", "听证通知书-陈秀英")
    assert (
        "中信访人提出的下列请求举行听证：（一）要求某某建筑公司支付拖欠的2017年劳动报酬38600元；"
        "（二）要求支付拖欠工资期间的利息和误工费；（三）要求追究项目发包方负责人的刑事责任。"
        "现将有关事项通知如下："
    ) in text
    assert "三、听证方式：不公开举行。不公开的理由：涉及信访人家庭成员健康状况等个人隐私。" in text


def test_a_legal_track_case_gets_a_transfer_letter_to_the_political_legal_organ(
    cli: CliInvoker, workspace: Path
) -> None:
    text = render(cli, workspace, "XF2020-007", "transfer_letter", "转送函")
    lines = text.splitlines()
    assert lines[0] == "关于转送刘淑芬反映房屋买卖合同纠纷判决不公问题信访事项的函"
    assert re.fullmatch(r"某信转〔2019〕\d+号", lines[1])
    assert lines[2:4] == ["", "县委政法委员会："]  # one blank line under the 文号
    assert (
        "根据《信访条例》第十四条第二款、第二十一条第一款第一项的规定，现将该信访事项转送" in text
    )
    assert "附件：1.信访人来信及身份证明复印件" in text
    assert text.splitlines()[-2:] == ["某某县信访局", "2019年3月25日"]
    edit(workspace, "XF2020-007", ("  date: 2019-03-25\n", "  date: 2023-03-25\n"))
    text = render(cli, workspace, "XF2020-007", "transfer_letter", "转送函")
    assert "根据《信访工作条例》第二十二条第二款、第二十八条第二款的规定" in text


def test_the_hearing_result_is_published_with_masked_names(
    cli: CliInvoker, workspace: Path
) -> None:
    text = render(cli, workspace, CLOSED, "hearing_result", "听证结果公示")
    assert "对李某某、张某反映医疗卫生问题信访事项举行了公开听证" in text  # the category's words
    assert "李桂兰" not in text and "张伟" not in text and "419901" not in text
    assert paragraph_with(text, "五、公示期限").startswith(
        "五、公示期限：自发布之日起至2020年4月30日止"
    )
    assert text.splitlines()[-1] == "2020年4月24日"


# --- prose ---------------------------------------------------------------------------------


def test_prose_lines_join_and_blank_lines_start_paragraphs(
    cli: CliInvoker, workspace: Path
) -> None:
    text = render(cli, workspace, "XF2020-025", "resolution_plan", "一揽子化解方案")
    section = text.split("二、症结分析\n", 1)[1].split("\n三、", 1)[0]
    assert section.splitlines() == [
        "该案是典型的工程款拖欠引发的劳动报酬纠纷。某某建筑公司以发包方未结清工程款为由拖欠工资，"
        "层层转包导致责任主体不清。信访人家庭困难，丈夫长期患病，诉求迫切。",
        "化解关键在于落实总承包单位清偿责任，同时对信访人给予临时救助，防止矛盾激化。",
    ]
