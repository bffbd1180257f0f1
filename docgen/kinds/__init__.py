"""The document kinds docgen produces, registered in one place.

Glossary (one English name per domain term):

| 中文 | identifier |
|---|---|
| 信访人 | petitioner |
| 诉求 | request |
| 听证通知书 | hearing_notice |
| 送达回证 | service_receipt |
| 听证公告 | hearing_announcement |
| 听证结果公示 | hearing_result |
| 转送函 | transfer_letter |
| 程序阶段（初次办理、复查、复核、已终结） | stage |
| “一揽子”化解方案 | resolution_plan |
| 包案责任书 | responsibility_letter |
| 包案领导 | case_leader (`Case.leaders`) |
| 办结告知书 | closure_notice |
| 息诉罢访协议书 | settlement_agreement |
| 化解销号审批表 | closure_approval |
| 文号 | doc_number |
| 积案 | backlog_case |
| 委托代理人 | agent (`Case.agents`) |
| 授权委托书 | power_of_attorney |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from docgen.kinds.attorney import POWER_OF_ATTORNEY
from docgen.kinds.base import DocumentKind as DocumentKind
from docgen.kinds.base import Job as Job
from docgen.kinds.base import Recipient as Recipient
from docgen.kinds.closure import CLOSURE_APPROVAL, CLOSURE_NOTICE, SETTLEMENT_AGREEMENT
from docgen.kinds.hearing import (
    HEARING_ANNOUNCEMENT,
    HEARING_NOTICE,
    HEARING_RESULT,
    SERVICE_RECEIPT,
)
from docgen.kinds.plan import RESOLUTION_PLAN, RESPONSIBILITY_LETTER
from docgen.kinds.transfer import TRANSFER_LETTER

KINDS: Final[Mapping[str, DocumentKind]] = {
    kind.name: kind
    for kind in (
        HEARING_NOTICE,
        SERVICE_RECEIPT,
        HEARING_ANNOUNCEMENT,
        HEARING_RESULT,
        RESOLUTION_PLAN,
        RESPONSIBILITY_LETTER,
        CLOSURE_NOTICE,
        SETTLEMENT_AGREEMENT,
        CLOSURE_APPROVAL,
        POWER_OF_ATTORNEY,
        TRANSFER_LETTER,
    )
}

NUMBER_SERIES: Final[frozenset[str]] = frozenset(
    kind.number_series for kind in KINDS.values() if kind.number_series
)
"""The 文号 series documents carry; docgen.yaml's `numbering` names exactly these."""
