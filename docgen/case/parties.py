"""Cross-field rules of the people and undertakings of a case: agents, leaders, measures, agreement.

Kept apart from `validate` so that each rule family stays small; `_CrossCheck.run` calls
`check_parties` with its own `error` and `warn`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from docgen.case.agreement import CLAUSE_LABELS, repeated_clause, split_payment
from docgen.case.model import Case, leader_roles
from docgen.located import KeyPath

Report = Callable[[KeyPath, str, str], None]
"""`error` or `warn` of the cross-check: (key path, text, hint)."""


def check_parties(case: Case, today: date, error: Report, warn: Report) -> None:
    """Report every problem of agents, leader roles, measure outcomes and the agreement."""
    _agents(case, error)
    _leaders(case, warn)
    _outcomes(case, today, error)
    _agreement(case, error, warn)


def _agents(case: Case, error: Report) -> None:
    names = [p.name for p in case.petitioners]
    ids = {p.id_number for p in case.petitioners}
    for i, agent in enumerate(case.agents):
        if agent.principal not in names:
            error(
                ("agents", i, "for"),
                f"委托人“{agent.principal}”不是本案的信访人（{'、'.join(names)}）",
                "for 填写委托这名代理人的信访人姓名，与 petitioners 中的写法一致。",
            )
        if agent.id_number in ids:
            error(
                ("agents", i, "id_number"),
                "代理人的身份证号码与一名信访人相同",
                "代理人不能是信访人本人；信访人本人参加的，不必写在 agents 中。",
            )


def _leaders(case: Case, warn: Report) -> None:
    roles = leader_roles(case.leaders)
    if "lead" not in roles:
        warn(
            ("leaders",),
            "没有牵头的包案领导（role: 牵头）",
            "请指定一名牵头包案领导；不写 role 时，第一名包案领导为牵头。",
        )
    elif roles.count("lead") > 1:
        second = [i for i, role in enumerate(roles) if role == "lead"][1]
        warn(
            ("leaders", second, "role"),
            "有两名以上牵头的包案领导",
            "一案一般由一名领导牵头，其余为协助；请核对 role。",
        )


def _outcomes(case: Case, today: date, error: Report) -> None:
    """A measure cannot be done after today: like a closure, `done` records what happened."""
    if case.plan is None:
        return
    for i, measure in enumerate(case.plan.measures):
        if measure.done is not None and measure.done.date > today:
            error(
                ("plan", "measures", i, "done", "date"),
                f"完成日期（{measure.done.date}）晚于今天（{today}）",
                "还没有完成的措施请删除 done 这一项，完成后再填写。",
            )


def _agreement(case: Case, error: Report, warn: Report) -> None:
    agreement = case.closure.agreement if case.closure else None
    if agreement is None:
        return
    here: KeyPath = ("closure", "agreement")
    for i, term in enumerate(agreement.terms):
        clause = repeated_clause(term, agreement)
        if clause is not None:
            warn(
                (*here, "terms", i),
                f"这一条与协议书自动生成的{CLAUSE_LABELS[clause]}重复，协议书中不再列出",
                "金额、支付、承诺和违约条款由协议书按 amount、payer、method 等字段生成；"
                "terms 只写其他约定（运行 docgen help case 查看“协议”一节）。",
            )
    names = [p.name for p in case.petitioners]
    for i, share in enumerate(agreement.shares):
        if share.name not in names:
            error(
                (*here, "shares", i, "name"),
                f"“{share.name}”不是本案的信访人（{'、'.join(names)}）",
                "shares 按信访人姓名写每人金额。",
            )
    total = sum((share.amount for share in agreement.shares), start=Decimal(0))
    if agreement.shares and total != agreement.amount:
        error(
            (*here, "shares"),
            f"每人金额合计 {total} 元，与协议金额 amount（{agreement.amount} 元）不一致",
            "请核对各人金额或协议金额。",
        )
    elif split_payment(agreement, names) is None:
        error(
            (*here, "amount"),
            f"协议金额 {agreement.amount} 元不能由 {len(names)} 名信访人平分到分",
            "请在 shares 中写明每人金额，如 shares: [{name: 李桂兰, amount: 6000}, …]。",
        )
