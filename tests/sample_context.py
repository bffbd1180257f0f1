"""A realistic template context for every document kind, following docs/templates.md.

The case behind it has two petitioners (the first with an agent), three requests (合理 /
部分合理 / 不合理), two case leaders, a public hearing with three panel members and two
summoned units, a plan with three measures and 12,000 yuan of relief, and a closure with a
settlement agreement and a witness.

    from sample_context import sample_context
    context = sample_context("hearing_notice", role="panel")
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from docgen.case.law import citations
from docgen.kinds import KINDS

ROLES = ("petitioner", "panel", "unit")

OFFICE: dict[str, Any] = {
    "name": "某某县信访局",
    "contact": {"name": "刘洋", "phone": "0371-6000000"},
    "address": "某某县人民路8号",
    "review_body": "某某县人民政府",
    "county_party": "中共某某县委 某某县人民政府",
    "responsibilities": [
        {"name": "包调查核实", "text": "亲自阅卷、听取汇报、约见信访人，查清事实，甄别诉求。"},
        {"name": "包稳控", "text": "确保信访人不发生赴省进京非正常上访。"},
        {"name": "包息诉罢访", "text": ""},
    ],
}
CAMPAIGN: dict[str, Any] = {
    "name": "信访积案化解百日攻坚行动",
    "start": dt.date(2020, 3, 20),
    "end": dt.date(2020, 6, 30),
}

_ASSESSMENT_LABELS = {"reasonable": "合理", "partly": "部分合理", "unreasonable": "不合理"}
_LEVEL_LABELS = {"county": "县级", "township": "乡镇级"}


def _case() -> dict[str, Any]:
    requests: list[dict[str, Any]] = [
        {
            "text": "要求按2019年新标准补足土地补偿款",
            "assessment": "reasonable",
            "basis": "《某省人民政府关于调整征地区片综合地价标准的通知》",
        },
        {
            "text": "要求对宅基地上的附属设施重新评估补偿",
            "assessment": "partly",
            "basis": "经复核，2016年评估时遗漏围墙和水井两项，其余附属设施已按标准补偿",
        },
        {
            "text": "要求安置其子女到县直单位工作",
            "assessment": "unreasonable",
            "basis": "无政策依据",
        },
    ]
    for request in requests:
        request["assessment_label"] = _ASSESSMENT_LABELS[request["assessment"]]
        request["conclusion"] = None
        request["reasoning"] = None
    leaders: list[dict[str, Any]] = [
        {"name": "李明", "title": "副县长", "level": "county", "phone": None},
        {"name": "赵刚", "title": "城关镇党委书记", "level": "township", "phone": "13903710088"},
    ]
    for leader, role in zip(leaders, ("lead", "assist"), strict=True):
        leader["level_label"] = _LEVEL_LABELS[leader["level"]]
        leader["role"] = role
        leader["role_label"] = {"lead": "牵头", "assist": "协助"}[role]
    return {
        "id": "XF2020-018",
        "title": "王建国反映土地征收补偿问题",
        "received": dt.date(2016, 3, 2),
        "source": "省信访局交办（第3批）",
        "category": "征地拆迁",
        "stage": "initial",
        "stage_label": "初次办理",
        "stage_received": dt.date(2020, 4, 20),
        "stage_extended": True,
        "legal_track": False,
        "transfer": None,
        "petitioners": [
            {
                "name": "王建国",
                "gender": "男",
                "id_number": "41132619650312203X",
                "phone": "13803710001",
                "address": "某某县城关镇东关村3组",
            },
            {
                "name": "李秀兰",
                "gender": "女",
                "id_number": "411326196807152043",
                "phone": "13803710002",
                "address": "某某县城关镇东关村3组",
            },
        ],
        "agents": [
            {
                "name": "王小军",
                "id_number": "411326199001012038",
                "phone": "13803710003",
                "address": "某某县城关镇南街8号",
                "principal": "王建国",
                "scope": "代为参加听证、陈述意见，代为签收法律文书，代为签订息诉罢访协议",
            }
        ],
        "requests": requests,
        "history": [
            {
                "date": dt.date(2016, 3, 2),
                "event": "首次到县信访局反映，县信访局转送县国土资源局办理",
                "level": "first",
                "level_label": "初信",
            },
            {
                "date": dt.date(2017, 8, 15),
                "event": "县国土资源局出具信访处理意见书，信访人不服",
                "level": "first",
                "level_label": "初信",
            },
            {
                "date": dt.date(2019, 11, 20),
                "event": "到省信访局走访，省信访局交办",
                "level": None,
                "level_label": "",
            },
        ],
        "responsible_unit": "县自然资源局",
        "leaders": leaders,
        "analysis": (
            "一是2016年征地时执行的补偿标准低于2019年调整后的区片综合地价标准，"
            "信访人认为补偿偏低，心理落差较大。\n"
            "二是附属设施评估时遗漏围墙、水井两项，原处理意见未予纠正，"
            "信访人对相关部门产生不信任情绪。\n"
            "三是信访人家庭收入来源单一，妻子患慢性病，生活确有困难。"
        ),
        "hearing": {
            "date": dt.date(2020, 6, 12),
            "time": "09:30",
            "place": "县信访局三楼听证室",
            "public": True,
            "notice_date": dt.date(2020, 6, 3),
            "host": {"name": "孙丽", "title": "县信访局副局长"},
            "clerk": {"name": "钱进", "title": None},
            "panel": [
                {"name": "周敏", "role": "县人大代表", "org": None},
                {"name": "吴军", "role": "律师", "org": "某某律师事务所"},
                {"name": "郑芳", "role": "县政协委员", "org": None},
            ],
            "units": ["县自然资源局", "城关镇人民政府"],
            "closed_reason": None,
            "basis": "hearing",
            "result": {
                "date": dt.date(2020, 6, 15),
                "opinion": (
                    "听证员一致认为，补偿标准问题应按规定予以复核。\n子女安置诉求缺乏政策依据。"
                ),
                "conclusion": "建议县自然资源局按现行标准复核补偿款，对遗漏的围墙、水井予以补偿。",
                "until": dt.date(2020, 6, 22),
            },
        },
        "plan": {
            "date": dt.date(2020, 6, 1),
            "goal": "息诉罢访",
            "measures": [
                {
                    "action": "复核征收土地面积及补偿标准，按规定补足差额",
                    "unit": "县自然资源局",
                    "owner": "张华",
                    "due": dt.date(2020, 6, 20),
                    "note": "按2019年标准",
                    "done": {"date": dt.date(2020, 6, 18), "result": "差额补偿款已发放到位"},
                },
                {
                    "action": "对遗漏的围墙、水井委托评估并补偿",
                    "unit": "城关镇人民政府",
                    "owner": "陈刚",
                    "due": dt.date(2020, 6, 25),
                    "note": None,
                    "done": None,
                },
                {
                    "action": "开展政策解释和思想疏导，协助办理临时救助",
                    "unit": "城关镇人民政府",
                    "owner": "赵刚",
                    "due": dt.date(2020, 6, 28),
                    "note": None,
                    "done": {"date": dt.date(2020, 6, 26), "result": "信访人表示理解"},
                },
            ],
            "relief": [
                {"kind": "困难救助", "amount": Decimal("12000"), "payer": "城关镇人民政府"},
            ],
            "deadline": dt.date(2020, 6, 30),
            "team": ["县自然资源局张华", "城关镇人民政府陈刚", "县信访局刘洋"],
            "stability": "城关镇落实包联干部，每周走访一次，发现进京上访苗头及时报告。",
            "approved_by": "李明（副县长）",
        },
        "closure": {
            "date": dt.date(2020, 6, 28),
            "result": "息诉罢访",
            "summary": (
                "经调查核实，信访人王建国家承包的东关村3组土地1.2亩于2016年被依法征收，"
                "当时按2014年区片综合地价标准补偿。\n"
                "2020年6月12日，本机关举行公开听证，听证员一致认为补偿标准问题应按规定予以复核，"
                "子女安置诉求缺乏政策依据。"
            ),
            "opinion": (
                "由县自然资源局按照现行标准复核补偿款，补足差额部分；"
                "由城关镇人民政府对遗漏的围墙、水井委托评估并予以补偿。\n"
                "信访人要求安置子女到县直单位工作，没有政策依据，本机关已向信访人作出解释说明。"
            ),
            "basis": "《中华人民共和国土地管理法》第四十八条、《某省征地区片综合地价标准》",
            "conclusion": None,
            "review_body": "某某县人民政府",
            "issuer": "县自然资源局",
            "remedy": "复查",
            "answers": [
                {
                    "text": r["text"],
                    "assessment_label": r["assessment_label"],
                    "conclusion": conclusion,
                    "provision": provision,
                    "reasoning": f"{r['basis']}。",
                }
                for r, (conclusion, provision) in zip(
                    requests,
                    [("予以支持", "support"), ("作出解释说明", "explain"), ("不予支持", "reject")],
                    strict=True,
                )
            ],
            "evidence": ["息诉罢访协议书", "救助资金支付凭证", "信访人回访记录"],
            "agreement": {
                "amount": Decimal("12000"),
                "terms": [
                    "甲方按照现行标准复核乙方被征收土地的补偿款，于2020年6月20日前补足差额部分",
                    "甲方对乙方宅基地上遗漏的围墙、水井委托评估，按评估结果予以补偿",
                ],
                "payer": "城关镇人民政府",
                "pay_by": dt.date(2020, 6, 30),
                "witness": "城关镇东关村民委员会",
                "method": "银行转账",
                "refundable": True,
                "shares": [],
            },
            "petitioner_opinion": "同意处理意见，息诉罢访",
            "follow_up": "2020年6月26日回访，信访人生活稳定",
        },
    }


def _agreement(case: dict[str, Any]) -> dict[str, Any]:
    """The agreement as docgen/kinds/closure.py prepares it: parties, each one's part."""
    agreement = dict(case["closure"]["agreement"])
    parties = [dict(p, amount=Decimal("6000"), agents=[]) for p in case["petitioners"]]
    parties[0]["agents"] = case["agents"]
    agreement |= {
        "parties": parties,
        "witness_units": ["县自然资源局", "某某县信访局"],
    }
    return agreement


def _recipient(role: str, case: dict[str, Any]) -> dict[str, Any]:
    if role == "petitioner":
        petitioner = case["petitioners"][0]
        return {
            "name": petitioner["name"],
            "role": "petitioner",
            "role_label": "信访人",
            "duty": "",
            "org": "",
            "principal": "",
            "address": petitioner["address"],
        }
    if role == "panel":
        member = case["hearing"]["panel"][1]
        return {
            "name": member["name"],
            "role": "panel",
            "role_label": "听证员",
            "duty": member["role"],
            "org": member["org"] or "",
            "principal": "",
            "address": "",
        }
    if role == "unit":
        return {
            "name": case["hearing"]["units"][0],
            "role": "unit",
            "role_label": "参加单位",
            "duty": "",
            "org": "",
            "principal": "",
            "address": "",
        }
    raise ValueError(f"unknown recipient role {role!r}; expected one of {ROLES}")


def sample_context(kind: str, role: str = "petitioner") -> dict[str, Any]:
    """The context docgen would give the template of `kind` (`role`: the notice's recipient)."""
    case = _case()
    hearing, plan, closure = case["hearing"], case["plan"], case["closure"]
    common: dict[str, Any] = {
        "office": copy.deepcopy(OFFICE),
        "campaign": copy.deepcopy(CAMPAIGN),
        "case": case,
        "doc_number": "",
    }
    if kind == "hearing_notice":
        extra = {
            "doc_title": "听证通知书",
            "doc_number": "某信听〔2020〕18号",
            "issued": hearing["notice_date"],
            "recipient": _recipient(role, case),
            "hearing": hearing,
        }
    elif kind == "service_receipt":
        # a receipt carries the 文号 of the notice it serves (docgen/kinds/hearing.py)
        extra = {
            "doc_title": "送达回证",
            "doc_number": "某信听〔2020〕18号",
            "issued": hearing["notice_date"],
            "recipient": _recipient(role, case),
            "hearing": hearing,
            "served": {"title": "信访事项听证通知书"},
        }
    elif kind == "hearing_announcement":
        del common["case"]
        public = {
            "title": "王某某反映土地征收补偿问题",
            "petitioners": ["王某某", "李某某"],
            "category": case["category"],
            "requests": [r["text"] for r in case["requests"]],
        }
        public_hearing = {
            k: hearing[k] for k in ("basis", "date", "time", "place", "host", "panel")
        }
        extra = {
            "doc_title": "听证公告",
            "issued": hearing["notice_date"],
            "public": public,
            "hearing": public_hearing,
        }
    elif kind == "hearing_result":
        del common["case"]
        result = hearing["result"]
        extra = {
            "doc_title": "听证结果公示",
            "issued": result["date"],
            "public": {
                "title": "王某某反映土地征收补偿问题",
                "petitioners": ["王某某", "李某某"],
                "category": case["category"],
                "requests": [r["text"] for r in case["requests"]],
            },
            "hearing": {k: hearing[k] for k in ("basis", "date", "time", "place", "host", "panel")},
            "result": {k: result[k] for k in ("opinion", "conclusion", "until")},
        }
    elif kind == "transfer_letter":
        extra = {
            "doc_title": "转送函",
            "doc_number": "某信转〔2020〕3号",
            "issued": dt.date(2020, 3, 25),
            "transfer": {
                "to": "县委政法委员会",
                "reason": "信访人对已经发生法律效力的判决不服，应当依法申请再审。",
                "attachments": ["信访人来信", "判决书复印件"],
            },
        }
    elif kind == "resolution_plan":
        total = sum((r["amount"] for r in plan["relief"]), Decimal(0))
        extra = {
            "doc_title": "“一揽子”化解方案",
            "issued": plan["date"],
            "plan": plan,
            "relief_total": total,
            "history_levels": [
                {"label": "", "events": case["history"][2:]},
                {"label": "初信", "events": case["history"][:2]},
            ],
        }
    elif kind == "responsibility_letter":
        extra = {
            "doc_title": "包案责任书",
            "issued": plan["date"],
            "leader": case["leaders"][0],
            "plan": plan,
            "copies": 3,
        }
    elif kind == "closure_notice":
        extra = {
            "doc_title": "信访事项办结告知书",
            "doc_number": "某信结〔2020〕9号",
            "issued": closure["date"],
            "recipient": _recipient("petitioner", case),
            "closure": closure,
        }
    elif kind == "settlement_agreement":
        extra = {
            "doc_title": "息诉罢访协议书",
            "issued": closure["date"],
            "closure": closure,
            "agreement": _agreement(case),
        }
    elif kind == "closure_approval":
        extra = {
            "doc_title": "化解销号审批表",
            "issued": closure["date"],
            "closure": closure,
            "plan": plan,
            "measures": plan["measures"],
            "more_measures": [],
            "undone": 1,
            "township": True,
        }
    elif kind == "power_of_attorney":
        extra = {
            "doc_title": "授权委托书",
            "issued": dt.date(2020, 6, 1),
            "agent": case["agents"][0],
            "principal": case["petitioners"][0],
        }
    else:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {list(KINDS)}")
    context = common | extra
    context["law"] = citations(context["issued"])  # as docgen/pipeline/cases.py gives it
    return context
