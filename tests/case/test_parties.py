"""Tests of docgen/case/parties.py and agreement.py: agents, leader roles, outcomes, agreements."""

from __future__ import annotations

from decimal import Decimal

import pytest
from case_text import parse, problems, warnings

from docgen.case import Agreement, leader_roles, split_payment
from docgen.case.agreement import own_terms, repeated_clause

BASE = """\
id: XF2020-001
title: 王建国反映土地征收补偿问题
received: 2019-03-02
source: 县信访局登记
category: 征地拆迁
petitioners:
  - {name: 王建国, id_number: "11010519491231002X"}
  - {name: 王建军, id_number: "41990119600101201X"}
requests:
  - {text: 要求补足土地补偿款, assessment: 合理}
responsible_unit: 县自然资源局
"""  # lines 1-11
LEADERS = """\
leaders:
  - {name: 李明, title: 副县长, level: 县级}
  - {name: 赵刚, title: 城关镇党委书记, level: 乡镇级}
"""  # lines 12-14
AGENT = """\
agents:
  - name: 王小明
    id_number: "419901199003033010"
    for: 王建军
"""  # lines 15-18
PLAN = """\
plan:
  goal: 息诉罢访
  measures:
    - action: 复核土地面积
      unit: 县自然资源局
      owner: 张华
      due: 2020-06-20
      done: {date: 2026-01-02, result: 复核完毕}
  deadline: 2020-06-30
"""  # lines 15-23 after BASE + LEADERS
CLOSURE = """\
closure:
  date: 2020-06-28
  result: 息诉罢访
  summary: 经听证评议，双方达成协议。
  opinion: 予以办结。
  agreement:
    amount: 10000
"""  # lines 15-21 after BASE + LEADERS


class TestAgents:
    def test_an_agent_is_read_with_the_petitioner_it_acts_for(self) -> None:
        case = parse(BASE + LEADERS + AGENT).case
        (agent,) = case.agents
        assert (agent.name, agent.principal) == ("王小明", "王建军")
        assert [p.name for p in case.petitioners] == ["王建国", "王建军"]

    def test_for_must_name_a_petitioner(self) -> None:
        found = problems(BASE + LEADERS + AGENT.replace("for: 王建军", "for: 王五"))
        assert found == [
            "cases/t.yaml:18:5: agents[0].for: 委托人“王五”不是本案的信访人（王建国、王建军）\n"
            "  for 填写委托这名代理人的信访人姓名，与 petitioners 中的写法一致。"
        ]

    def test_a_missing_for_is_named_in_chinese(self) -> None:
        (found,) = problems(BASE + LEADERS + AGENT.replace("    for: 王建军\n", ""))
        assert "agents[0].for: 缺少必填字段“for”（委托人）" in found

    def test_a_petitioner_is_not_their_own_agent(self) -> None:
        text = AGENT.replace("419901199003033010", "41990119600101201X")
        (found,) = problems(BASE + LEADERS + text)
        assert "agents[0].id_number: 代理人的身份证号码与一名信访人相同" in found


class TestLeaderRoles:
    def test_the_first_leader_leads_unless_roles_are_written(self) -> None:
        case = parse(BASE + LEADERS).case
        assert leader_roles(case.leaders) == ["lead", "assist"]

    @pytest.mark.parametrize("written", ["牵头", "lead", "牵头领导"])
    def test_a_role_is_written_in_chinese_or_as_its_identifier(self, written: str) -> None:
        text = LEADERS.replace("level: 乡镇级}", f"level: 乡镇级, role: {written}}}")
        text = text.replace("level: 县级}", "level: 县级, role: 协助}")
        case = parse(BASE + text).case
        assert leader_roles(case.leaders) == ["assist", "lead"]

    def test_an_unknown_role_lists_the_choices(self) -> None:
        (found,) = problems(BASE + LEADERS.replace("level: 县级}", "level: 县级, role: 主抓}"))
        assert "leaders[0].role: “主抓”不是可选的值，应为以下之一：牵头、协助" in found

    def test_a_case_without_a_leading_leader_is_warned_about(self) -> None:
        text = LEADERS.replace("level: 县级}", "level: 县级, role: 协助}")
        (found,) = warnings(BASE + text)
        assert "cases/t.yaml:12:1: leaders: 没有牵头的包案领导（role: 牵头）" in found

    def test_two_leading_leaders_are_warned_about(self) -> None:
        text = LEADERS.replace("level: 乡镇级}", "level: 乡镇级, role: 牵头}")
        (found,) = warnings(BASE + text)
        assert "leaders[1].role: 有两名以上牵头的包案领导" in found


class TestOutcomes:
    def test_a_measure_done_after_today_is_an_error(self) -> None:
        (found,) = problems(BASE + LEADERS + PLAN)
        assert found.startswith(
            "cases/t.yaml:22:14: plan.measures[0].done.date: "
            "完成日期（2026-01-02）晚于今天（2026-01-01）"
        )

    def test_a_case_read_before_its_recorded_closure_has_its_outcomes_refused_too(self) -> None:
        closure = CLOSURE.replace("2020-06-28", "2026-01-05").split("  agreement:")[0]
        found = problems(BASE + LEADERS + PLAN + closure)
        assert any("closure.date: 办结日期（2026-01-05）晚于今天（2026-01-01）" in p for p in found)
        assert any("完成日期（2026-01-02）晚于今天（2026-01-01）" in p for p in found)

    def test_a_measure_done_today_is_recorded(self) -> None:
        plan = parse(BASE + LEADERS + PLAN.replace("2026-01-02", "2026-01-01")).case.plan
        assert plan is not None and plan.measures[0].done is not None
        assert plan.measures[0].done.result == "复核完毕"


class TestAgreement:
    def test_a_term_restating_the_payment_is_warned_about(self) -> None:
        text = CLOSURE + "    terms:\n      - 甲方支付乙方人民币1万元\n      - 甲方协助办理登记\n"
        (found,) = warnings(BASE + LEADERS + text)
        assert found.startswith(
            "cases/t.yaml:23:9: closure.agreement.terms[0]: "
            "这一条与协议书自动生成的支付条款（金额、支付单位和方式）重复，协议书中不再列出"
        )

    def test_shares_must_name_petitioners_and_add_up(self) -> None:
        first = "      - {name: 王建国, amount: 6000}\n"
        text = CLOSURE + "    shares:\n" + first + "      - {name: 王五, amount: 3000}\n"
        found = problems(BASE + LEADERS + text)
        assert any("shares[1].name: “王五”不是本案的信访人" in p for p in found)
        assert any("每人金额合计 9000 元，与协议金额 amount（10000 元）不一致" in p for p in found)

    def test_an_amount_that_does_not_split_evenly_asks_for_shares(self) -> None:
        (found,) = problems(BASE + LEADERS + CLOSURE.replace("10000", "10000.01"))
        assert "closure.agreement.amount: 协议金额 10000.01 元不能由 2 名信访人平分到分" in found


def agreement(terms: list[str], amount: int = 12000, **extra: object) -> Agreement:
    return Agreement.model_validate({"amount": amount, "terms": terms, **extra})


@pytest.mark.parametrize(
    ("term", "clause"),
    [
        ("县人民医院一次性支付信访人补偿款人民币12000元", "payment"),
        ("甲方付给乙方12,000元", "payment"),
        ("乙方领取1.2万元后", "payment"),
        ("甲方于6月5日前向乙方发放救助金3000元", "payment"),
        ("信访人收到款项后不再就此事项信访、上访", "undertaking"),
        ("乙方息诉罢访", "undertaking"),
        ("任何一方反悔的，承担违约责任", "breach"),
        ("双方就张某某医疗纠纷再无其他争议", None),
        ("甲方协助乙方办理土地承包经营权证变更登记", None),
        ("2020年6月12日听证后达成本协议", None),
    ],
)
def test_a_term_repeats_a_generated_clause(term: str, clause: str | None) -> None:
    assert repeated_clause(term, agreement([term])) == clause


def test_only_the_terms_of_their_own_are_kept() -> None:
    terms = ["甲方支付乙方12000元", "甲方书面致歉", "乙方不再信访"]
    assert own_terms(agreement(terms)) == ["甲方书面致歉"]


def test_the_payment_is_split_as_written_or_evenly() -> None:
    shares = [{"name": "甲", "amount": 8000}, {"name": "乙", "amount": 4000}]
    assert split_payment(agreement(["x"], shares=shares), ["甲", "乙"]) == [8000, 4000]
    assert split_payment(agreement(["x"]), ["甲", "乙", "丙"]) == [Decimal(4000)] * 3
    assert split_payment(agreement(["x"], amount=100), ["甲", "乙", "丙"]) is None
