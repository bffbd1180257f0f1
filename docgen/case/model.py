"""The case file as typed, frozen records (docs/case-file.md is the contract for every name).

Each field's `description` is its Chinese name; messages use it, so a clerk reads
`缺少必填字段“title”（案件名称）` rather than a bare English key.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Final, Literal, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

import docgen.values as values
from docgen.case.rules import check_case_id, check_id_number
from docgen.located import (
    ASCII_DIGITS,
    Date,
    LongText,
    OptionalLongText,
    OptionalText,
    Phone,
    StrictModel,
    Text,
    rule,
)
from docgen.located.messages import choice

_T = TypeVar("_T")


def _not_empty(items: tuple[_T, ...]) -> tuple[_T, ...]:
    """A list that needs at least one item.

    Why not `min_length`: on a tuple, pydantic counts only the valid items, so one bad
    petitioner would also be reported as "no petitioner".
    """
    if not items:
        raise PydanticCustomError(
            "list_empty", "至少要填写一项", {"hint": "请按说明补充，每项以“- ”开头。"}
        )
    return items


def _clock_text(text: str) -> str:
    """`HH:MM` of the time of day `text` names: `9:30` → `09:30`."""
    hour, minute = values.parse_clock(text)
    return f"{hour:02d}:{minute:02d}"


NonEmpty = AfterValidator(_not_empty)


def _amount(value: object) -> Decimal:
    return values.parse_amount(value)


Amount = Annotated[Decimal, BeforeValidator(rule(_amount))]
"""A sum of money written as a YAML number: an exact Decimal, ≥ 0, at most 2 decimals, below
`values.MAX_AMOUNT` (which the documents could not write in words)."""
IdNumber = Annotated[str, ASCII_DIGITS, AfterValidator(rule(check_id_number))]
ClockTime = Annotated[str, ASCII_DIGITS, AfterValidator(rule(_clock_text))]
CaseId = Annotated[str, AfterValidator(rule(check_case_id))]
Flag = Annotated[bool, Strict()]
"""true/false only: "是" or 1 is refused rather than guessed."""

Assessment = Literal["reasonable", "partly", "unreasonable"]
ASSESSMENT_LABELS: Final[Mapping[str, str]] = {
    "reasonable": "合理",
    "partly": "部分合理",
    "unreasonable": "不合理",
}
"""The Chinese name (甄别结论) of each `Assessment`, as clerks write it and documents print it."""
LeaderLevel = Literal["county", "township"]
LEVEL_LABELS: Final[Mapping[str, str]] = {"county": "县级", "township": "乡镇级"}
"""The Chinese name of each `LeaderLevel` of a 包案领导."""
LeaderRole = Literal["lead", "assist"]
LEADER_ROLE_LABELS: Final[Mapping[str, str]] = {"lead": "牵头", "assist": "协助"}
"""The Chinese name of each `LeaderRole` of a 包案领导: 牵头 answers for the case, 协助 helps."""
HistoryLevel = Literal["first", "review", "recheck", "litigation"]
HISTORY_LEVEL_LABELS: Final[Mapping[str, str]] = {
    "first": "初信",
    "review": "复查",
    "recheck": "复核",
    "litigation": "诉讼",
}
"""The level (信访层级) a step of 处理经过 belongs to, in the order a case climbs them."""
ClosureResult = Literal["息诉罢访", "依法终结", "停访息诉"]
Conclusion = Literal["予以支持", "作出解释说明", "不予支持"]
CONCLUSION_ALIASES: Final[Mapping[str, str]] = {
    "support": "予以支持",
    "explain": "作出解释说明",
    "reject": "不予支持",
}
"""The English names of each 处理结论 (条例第三十二条), which stays Chinese in the model."""
Stage = Literal["initial", "review", "final_review", "concluded"]
STAGE_LABELS: Final[Mapping[str, str]] = {
    "initial": "初次办理",
    "review": "复查",
    "final_review": "复核",
    "concluded": "已终结",
}
"""The Chinese name of each procedure `Stage`: where the matter stands in 办理 → 复查 → 复核."""
CHOICE_LABELS: Final[Mapping[str, str]] = {
    **ASSESSMENT_LABELS,
    **LEVEL_LABELS,
    **STAGE_LABELS,
    **LEADER_ROLE_LABELS,
    **HISTORY_LEVEL_LABELS,
}
"""Every English choice value of a case file with its Chinese name, shown beside it in messages."""

AssessmentField = Annotated[Assessment, BeforeValidator(choice(ASSESSMENT_LABELS))]
"""甄别结论 written 合理 / 部分合理 / 不合理 (or reasonable / partly / unreasonable); the model
keeps the identifier, which templates and kinds compare with."""
LevelField = Annotated[LeaderLevel, BeforeValidator(choice(LEVEL_LABELS))]
"""包案领导层级 written 县级 / 乡镇级 (or county / township)."""
_ROLE_ALIASES: Final = {"牵头领导": "lead", "协助领导": "assist"}
RoleField = Annotated[LeaderRole, BeforeValidator(choice(LEADER_ROLE_LABELS, _ROLE_ALIASES))]
"""包案分工 written 牵头 / 协助 (or lead / assist)."""
HistoryLevelField = Annotated[
    HistoryLevel,
    BeforeValidator(
        choice(
            HISTORY_LEVEL_LABELS, {"初访": "first", "初信初访": "first", "行政诉讼": "litigation"}
        )
    ),
]
"""信访层级 of a history step written 初信 / 复查 / 复核 / 诉讼."""
StageField = Annotated[Stage, BeforeValidator(choice(STAGE_LABELS))]
"""程序阶段 written 初次办理 / 复查 / 复核 / 已终结 (or initial / review / final_review /
concluded)."""
ConclusionField = Annotated[
    Conclusion,
    BeforeValidator(choice({c: c for c in CONCLUSION_ALIASES.values()}, CONCLUSION_ALIASES)),
]
"""处理结论 written 予以支持 / 作出解释说明 / 不予支持 (or support / explain / reject)."""


class Petitioner(StrictModel):
    """信访人: a person who brought the case; each gets a 听证通知书 and a 办结告知书."""

    name: Text = Field(description="姓名")
    gender: Literal["男", "女"] | None = Field(default=None, description="性别")
    id_number: IdNumber = Field(description="身份证号码")
    phone: Phone | None = Field(default=None, description="联系电话")
    address: OptionalText | None = Field(default=None, description="住址")


class Request(StrictModel):
    """诉求, with how the review judged it (甄别结论)."""

    text: LongText = Field(description="诉求内容")
    assessment: AssessmentField = Field(description="甄别结论")
    basis: OptionalLongText | None = Field(default=None, description="甄别依据")
    conclusion: ConclusionField | None = Field(default=None, description="处理结论")
    reasoning: OptionalLongText | None = Field(default=None, description="答复理由")


class HistoryEvent(StrictModel):
    """One step of 处理经过; it may precede the first visit."""

    date: Date = Field(description="日期")
    event: LongText = Field(description="经过")
    level: HistoryLevelField | None = Field(default=None, description="信访层级")


class CaseLeader(StrictModel):
    """包案领导: a county or township leader answerable for resolving the case."""

    name: Text = Field(description="姓名")
    title: Text = Field(description="职务")
    level: LevelField = Field(description="层级")
    phone: Phone | None = Field(default=None, description="联系电话")
    role: RoleField | None = Field(default=None, description="包案分工")
    """None: the first leader listed leads, the others assist (`leader_roles`)."""


class Agent(StrictModel):
    """委托代理人: acts for one petitioner; never a petitioner, never counted as one."""

    name: Text = Field(description="姓名")
    id_number: IdNumber = Field(description="身份证号码")
    phone: Phone | None = Field(default=None, description="联系电话")
    address: OptionalText | None = Field(default=None, description="住址")
    principal: Text = Field(alias="for", description="委托人")
    """The name of the petitioner the agent acts for (the YAML key is `for`)."""
    scope: OptionalLongText | None = Field(default=None, description="委托权限")


class Person(StrictModel):
    """Someone acting in an office, named with the post (听证主持人)."""

    name: Text = Field(description="姓名")
    title: Text = Field(description="职务")


class Clerk(StrictModel):
    """听证记录人; the post may be left out."""

    name: Text = Field(description="姓名")
    title: OptionalText | None = Field(default=None, description="职务")


class PanelMember(StrictModel):
    """听证员: e.g. a 县人大代表 or a lawyer."""

    name: Text = Field(description="姓名")
    role: Text = Field(description="身份")
    org: OptionalText | None = Field(default=None, description="单位")


class HearingResult(StrictModel):
    """听证结果: what the panel found; after a public hearing it is published (听证结果公示)."""

    date: Date | None = Field(default=None, description="公示成文日期")
    opinion: LongText = Field(description="听证员评议意见")
    conclusion: LongText = Field(description="听证结论")
    until: Date | None = Field(default=None, description="公示截止日期")


class Hearing(StrictModel):
    """听证安排: with it the 听证通知书, 送达回证 and 听证公告 can be produced."""

    date: Date = Field(description="听证日期")
    time: ClockTime = Field(description="听证时间")
    place: Text = Field(description="听证地点")
    public: Flag = Field(default=True, description="是否公开听证")
    notice_date: Date | None = Field(default=None, description="通知书成文日期")
    host: Person = Field(description="听证主持人")
    clerk: Clerk | None = Field(default=None, description="记录人")
    panel: tuple[PanelMember, ...] = Field(default=(), description="听证员")
    units: tuple[Text, ...] = Field(default=(), description="参加听证的单位")
    closed_reason: OptionalText | None = Field(default=None, description="不公开听证的理由")
    result: HearingResult | None = Field(default=None, description="听证结果")


class Outcome(StrictModel):
    """What came of a measure: when it was done and what was done (化解销号审批表 shows it)."""

    date: Date = Field(description="完成日期")
    result: LongText = Field(description="落实结果")


class Measure(StrictModel):
    """One step of the plan: what, by which unit, who answers for it, by when."""

    action: LongText = Field(description="措施")
    unit: Text = Field(description="责任单位")
    owner: Text = Field(description="责任人")
    due: Date = Field(description="完成时限")
    note: OptionalText | None = Field(default=None, description="备注")
    done: Outcome | None = Field(default=None, description="落实情况")


class Relief(StrictModel):
    """Money granted to the petitioner under the plan (困难救助 and the like)."""

    kind: Text = Field(description="救助类别")
    amount: Amount = Field(description="金额")
    payer: Text = Field(description="支付单位")


class Plan(StrictModel):
    """“一揽子”化解方案: with it the 化解方案 and 包案责任书 can be produced."""

    date: Date | None = Field(default=None, description="方案成文日期")
    goal: LongText = Field(description="化解目标")
    measures: Annotated[tuple[Measure, ...], NonEmpty] = Field(description="化解措施")
    relief: tuple[Relief, ...] = Field(default=(), description="救助")
    deadline: Date = Field(description="化解时限")
    team: tuple[Text, ...] = Field(default=(), description="工作专班成员")
    stability: OptionalLongText | None = Field(default=None, description="稳控与风险预案")
    approved_by: OptionalText | None = Field(default=None, description="审定")


class Share(StrictModel):
    """The part of an agreement's payment one petitioner receives."""

    name: Text = Field(description="信访人")
    amount: Amount = Field(description="金额")


class Agreement(StrictModel):
    """息诉罢访协议: what is paid and what the petitioner undertakes."""

    amount: Amount = Field(description="协议金额")
    terms: tuple[LongText, ...] = Field(default=(), description="其他约定条款")
    payer: OptionalText | None = Field(default=None, description="支付单位")
    pay_by: Date | None = Field(default=None, description="支付期限")
    witness: OptionalText | None = Field(default=None, description="见证人")
    method: Text = Field(default="银行转账", description="支付方式")
    refundable: Flag = Field(default=False, description="违约应退还")
    """Only a one-off 救助 may be asked back on breach, never compensation legally owed."""
    shares: tuple[Share, ...] = Field(default=(), description="每人金额")


class Closure(StrictModel):
    """办结情况: with it the 办结告知书 and 销号审批表 (and any 协议书) can be produced."""

    date: Date = Field(description="办结日期")
    result: ClosureResult = Field(description="化解结果")
    summary: LongText = Field(description="办理经过及事实")
    opinion: LongText = Field(description="处理意见")
    basis: OptionalLongText | None = Field(default=None, description="法律政策依据")
    conclusion: ConclusionField | None = Field(default=None, description="办理结论")
    review_body: OptionalText | None = Field(default=None, description="复查（复核）机关")
    issuer: OptionalText | None = Field(default=None, description="出具告知书的机关")
    evidence: tuple[Text, ...] = Field(default=(), description="佐证材料")
    agreement: Agreement | None = Field(default=None, description="息诉罢访协议")
    petitioner_opinion: OptionalLongText | None = Field(default=None, description="信访人意见")
    follow_up: OptionalLongText | None = Field(default=None, description="回访情况")


class Transfer(StrictModel):
    """转送: a 涉法涉诉 matter sent on to the 政法 organ that handles it (转送函)."""

    to: OptionalText | None = Field(default=None, description="接收机关")
    date: Date | None = Field(default=None, description="转送函成文日期")
    reason: OptionalLongText | None = Field(default=None, description="转送理由")
    attachments: tuple[Text, ...] = Field(default=(), description="随函转送的材料")


class Case(StrictModel):
    """积案: one backlog case, everything the documents of every stage need."""

    example: Flag = Field(default=False, description="示例案件")  # not counted in status, due
    id: CaseId = Field(description="案件编号")
    title: Text = Field(description="案件名称")
    received: Date = Field(description="首次信访日期")
    stage: StageField = Field(default="initial", description="程序阶段")
    stage_received: Date | None = Field(default=None, description="本阶段受理日期")
    stage_extended: Flag = Field(default=False, description="办理期限经批准延长")
    source: Text = Field(description="案件来源")
    category: Text = Field(description="问题类别")
    legal_track: Flag = Field(default=False, description="涉法涉诉")
    transfer: Transfer | None = Field(default=None, description="转送政法机关")
    petitioners: Annotated[tuple[Petitioner, ...], NonEmpty] = Field(description="信访人")
    agents: tuple[Agent, ...] = Field(default=(), description="委托代理人")
    requests: Annotated[tuple[Request, ...], NonEmpty] = Field(description="诉求")
    history: tuple[HistoryEvent, ...] = Field(default=(), description="处理经过")
    responsible_unit: Text = Field(description="责任单位")
    leaders: Annotated[tuple[CaseLeader, ...], NonEmpty] = Field(description="包案领导")
    analysis: OptionalLongText = Field(default="", description="症结分析")
    hearing: Hearing | None = Field(default=None, description="听证安排")
    plan: Plan | None = Field(default=None, description="化解方案")
    closure: Closure | None = Field(default=None, description="办结情况")


def leader_roles(leaders: tuple[CaseLeader, ...]) -> list[LeaderRole]:
    """Each leader's 包案分工: as written, else 牵头 for the first listed and 协助 for the others.

    Why a default: case files written before roles existed list the leading leader first.
    """
    return [leader.role or ("lead" if i == 0 else "assist") for i, leader in enumerate(leaders)]
