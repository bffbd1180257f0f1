"""Tests of docgen/case/procedure.py and law.py: stage, conclusions, periods, citations by date."""

from __future__ import annotations

from datetime import date

import pytest
from case_text import parse, problems, warnings

from docgen.case.law import PROVISIONS, REGULATIONS, citations, regulation_on
from docgen.case.procedure import request_conclusions, statutory_period
from docgen.deadlines import WorkCalendar

BASE = """\
id: XF2020-001
title: 王建国反映土地征收补偿问题
received: 2019-03-02
source: 县信访局登记
category: 征地拆迁
petitioners:
  - name: 王建国
    id_number: "11010519491231002X"
requests:
  - {text: 要求补足土地补偿款, assessment: 合理}
  - {text: 要求安置子女, assessment: 不合理}
responsible_unit: 县自然资源局
leaders:
  - {name: 李明, title: 副县长, level: county}
"""
CLOSURE = """\
closure:
  date: 2020-06-28
  result: 息诉罢访
  summary: 经调查核实。
  opinion: 予以办结。
"""
HEARING = """\
hearing:
  date: 2020-06-12
  time: "09:30"
  place: 县信访局听证室
  notice_date: 2020-06-01
  host: {name: 孙丽, title: 县信访局副局长}
  panel:
    - {name: 周敏, role: 县人大代表}
    - {name: 吴军, role: 律师}
    - {name: 郑华, role: 县政协委员}
"""


# --- law ------------------------------------------------------------------------------------


def test_the_2005_regulation_applies_until_the_2022_one_takes_effect() -> None:
    assert regulation_on(date(2020, 6, 10)).title == "《信访条例》"
    assert regulation_on(date(2022, 4, 30)).title == "《信访条例》"
    assert regulation_on(date(2022, 5, 1)).title == "《信访工作条例》"
    assert regulation_on(date(2001, 1, 1)).title == "《信访条例》"


def test_each_regulation_names_every_provision_and_the_articles_differ() -> None:
    for regulation in REGULATIONS:
        assert set(regulation.articles) == set(PROVISIONS)
    old, new = citations(date(2020, 1, 1)), citations(date(2023, 1, 1))
    assert (old["review"], new["review"]) == (
        "《信访条例》第三十四条",
        "《信访工作条例》第三十五条",
    )
    assert (old["final_review"], new["final_review"]) == (
        "《信访条例》第三十五条第一款",
        "《信访工作条例》第三十六条第一款",
    )
    assert (old["handling_period"], new["handling_period"]) == (
        "《信访条例》第三十三条",
        "《信访工作条例》第三十四条",
    )
    assert (old["hearing"], new["hearing"]) == (
        "《信访条例》第三十一条第二款",
        "《信访工作条例》第三十一条第六项",
    )
    assert old["mediation"] == "" and new["mediation"] == "《信访工作条例》第三十三条"


# --- stage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stage"),
    [
        ("初次办理", "initial"),
        ("复查", "review"),
        ("final_review", "final_review"),
        ("已终结", "concluded"),
    ],
)
def test_the_stage_is_written_in_chinese_or_english(written: str, stage: str) -> None:
    assert parse(BASE + f"stage: {written}\n").case.stage == stage


def test_an_unknown_stage_lists_the_chinese_choices() -> None:
    assert problems(BASE + "stage: 再审\n") == [
        "cases/t.yaml:15:1: stage: “再审”不是可选的值，应为以下之一：初次办理、复查、复核、已终结\n"
        "  请从中选一个，原样填写。"
    ]


def test_no_review_body_after_a_final_review() -> None:
    text = BASE + "stage: 复核\n" + CLOSURE + "  review_body: 某某市人民政府\n"
    assert problems(text) == [
        "cases/t.yaml:21:3: closure.review_body: 复核后不能再请求复查或复核，不应填写 review_body\n"
        "  请删除 review_body；办结告知书会写明不再受理的后果。"
    ]


def test_a_review_closure_names_the_final_review_body() -> None:
    [problem] = problems(BASE + "stage: 复查\n" + CLOSURE)
    assert "closure: 复查阶段办结，须在 review_body 写明复核机关" in problem
    assert parse(BASE + "stage: 复查\n" + CLOSURE + "  review_body: 某某市人民政府\n")


def test_only_the_initial_period_can_be_extended() -> None:
    [problem] = problems(BASE + "stage: 复查\nstage_extended: true\n")
    assert "stage_extended: 只有初次办理的期限可以延长" in problem


def test_stage_received_not_before_the_first_visit_nor_after_the_closure() -> None:
    [problem] = problems(BASE + "stage_received: 2019-01-01\n")
    assert "stage_received: 本阶段受理日期（2019-01-01）早于首次信访日期" in problem
    [problem] = problems(BASE + "stage_received: 2020-07-01\n" + CLOSURE)
    assert "closure.date: 办结日期（2020-06-28）早于本阶段受理日期" in problem


def test_a_history_with_a_review_opinion_warns_on_an_initial_stage() -> None:
    history = "history:\n  - {date: 2019-09-01, event: 县人民政府作出复查意见，维持原处理意见}\n"
    [warning] = warnings(BASE + history)
    assert "history[0].event: 处理经过中已有复查意见，但 stage 为“初次办理”" in warning
    assert warnings(BASE + history + "stage: 复查\n") == []


# --- conclusions ----------------------------------------------------------------------------


def test_a_conclusion_contradicting_the_assessment_is_an_error() -> None:
    text = BASE.replace("assessment: 不合理}", "assessment: 不合理, conclusion: 予以支持}")
    assert problems(text + CLOSURE) == [
        "cases/t.yaml:11:37: requests[1].conclusion: 甄别为“不合理”的诉求不能“予以支持”\n"
        "  请核对甄别结论 assessment 与处理结论 conclusion；"
        "各项诉求的结论不同时，请逐项填写 requests[].conclusion。"
    ]
    text = BASE.replace("assessment: 合理}", "assessment: 合理, conclusion: reject}")
    [problem] = problems(text + CLOSURE)
    assert "requests[0].conclusion: 甄别为“合理”的诉求不能“不予支持”" in problem


def test_a_shared_conclusion_is_checked_against_every_request_without_its_own() -> None:
    [problem] = problems(BASE + CLOSURE + "  conclusion: 予以支持\n")
    assert "closure.conclusion: 甄别为“不合理”的诉求不能“予以支持”（第 2 项诉求沿用了" in problem
    text = BASE.replace("assessment: 不合理}", "assessment: 不合理, conclusion: 不予支持}")
    loaded = parse(text + CLOSURE + "  conclusion: 予以支持\n")
    assert request_conclusions(loaded.case) == ["予以支持", "不予支持"]


def test_without_any_conclusion_each_request_is_explained() -> None:
    assert request_conclusions(parse(BASE + CLOSURE).case) == ["作出解释说明", "作出解释说明"]


# --- hearing, transfer, citations in prose ---------------------------------------------------


def test_a_closed_hearing_states_why() -> None:
    text = BASE + HEARING + "  public: false\n"
    [problem] = problems(text)
    assert "hearing.public: 不公开听证须说明理由（hearing.closed_reason）" in problem
    assert parse(text + "  closed_reason: 涉及个人隐私\n").case.hearing


def test_a_transfer_needs_the_legal_track() -> None:
    [problem] = problems(BASE + "transfer: {to: 县委政法委员会}\n")
    assert "transfer: 只有涉法涉诉案件（legal_track: true）才转送政法机关" in problem
    assert parse(BASE + "legal_track: true\ntransfer: {to: 县委政法委员会}\n")


def test_closure_prose_citing_a_regulation_not_yet_in_force_is_warned() -> None:
    [warning] = warnings(BASE + CLOSURE + "  basis: 《信访工作条例》第三十二条\n")
    assert "closure.basis: 办结日期为2020-06-28，当时施行的是《信访条例》" in warning


# --- statutory periods ----------------------------------------------------------------------


def period(text: str) -> tuple[str, date] | None:
    found = statutory_period(parse(text).case, WorkCalendar())
    return (found.what, found.end.day) if found else None


def test_the_handling_period_is_60_days_or_90_when_extended() -> None:
    assert period(BASE) is None  # no stage_received: nothing to count from
    assert period(BASE + "stage_received: 2020-04-01\n") == (
        "办理期限届满（自2020-04-01起60日）",
        date(2020, 6, 1),  # 2020-05-31 is a Sunday
    )
    assert period(BASE + "stage_received: 2020-04-01\nstage_extended: true\n") == (
        "办理期限届满（自2020-04-01起90日）",
        date(2020, 6, 30),
    )


def test_review_and_final_review_periods_are_30_days_without_the_hearing_time() -> None:
    assert period(BASE + "stage: 复查\nstage_received: 2020-05-06\n") == (
        "复查期限届满（自2020-05-06起30日）",
        date(2020, 6, 5),
    )
    text = BASE + "stage: 复核\nstage_received: 2020-05-20\n" + HEARING
    assert period(text) == (
        "复核期限届满（自2020-05-20起30日，另扣除听证所需12日）",
        date(2020, 7, 1),
    )
    assert period(BASE + "stage: 已终结\nstage_received: 2020-05-20\n") is None
