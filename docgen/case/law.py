"""Which 条例 a document cites, and which of its articles, by the day the document is issued.

Why one table:
    《信访工作条例》 took effect on 2022-05-01 and replaced 《信访条例》 (2005, 国务院令第431号),
    whose articles are numbered differently. A document dated before that day cites the 2005
    text; templates and checks read the citation from here and never spell an article out.
    The article numbers follow the texts in domain.md §2 (LawRefBook/Laws).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final


@dataclass(frozen=True)
class Regulation:
    """One 条例: its title as cited, the day it took effect, and the articles documents cite."""

    title: str  # 《信访工作条例》
    effective: date
    articles: Mapping[str, str]  # provision -> 第三十二条; "" where the 条例 has none
    wording: Mapping[str, str]  # other text of the 条例 documents quote

    def cite(self, provision: str) -> str:
        """`《信访工作条例》第三十二条`, or "" when this 条例 has no such provision."""
        article = self.articles[provision]
        return f"{self.title}{article}" if article else ""


PROVISIONS: Final[Mapping[str, str]] = {
    "hearing": "办理中的听证",
    "final_review_hearing": "复核听证（听证时间不计入复核期限）",
    "opinion": "信访处理意见书的内容和三类结论",
    "support": "予以支持",
    "explain": "作出解释说明",
    "reject": "不予支持",
    "mediation": "调解协议书、和解协议书",
    "handling_period": "办理期限 60 日，经批准可延长 30 日",
    "review": "请求复查，复查期限 30 日",
    "final_review": "请求复核，复核期限 30 日",
    "final": "复核后不再受理",
    "legal_track": "涉法涉诉事项转送政法部门",
    "leader_duty": "领导干部包案化解（2005 年条例：信访工作责任制）",
    "supervision": "约谈、通报、挂牌督办（2005 年条例：督办）",
    "accountability": "推诿、敷衍、拖延或者未在期限内办结的责任",
    "correction": "未在期限内办结的，由上级机关责令改正",
}
"""Every provision a template may cite as `law.<name>`, with what it is about."""

REGULATIONS: Final[tuple[Regulation, ...]] = (
    Regulation(
        title="《信访条例》",
        effective=date(2005, 5, 1),
        articles={
            "hearing": "第三十一条第二款",
            "final_review_hearing": "第三十五条第二款",
            "opinion": "第三十二条",
            "support": "第三十二条第一款第一项",
            "explain": "第三十二条第一款第二项",
            "reject": "第三十二条第一款第三项",
            "mediation": "",
            "handling_period": "第三十三条",
            "review": "第三十四条",
            "final_review": "第三十五条第一款",
            "final": "第三十五条第三款",
            "legal_track": "第十四条第二款、第二十一条第一款第一项",
            "leader_duty": "第七条",
            "supervision": "第三十六条",
            "accountability": "第三十六条、第四十三条",
            "correction": "第四十三条",
        },
        wording={
            "issued_by": "国务院令第431号",
            "not_accepted": "各级人民政府信访工作机构和其他行政机关不再受理",
            "leader_duty_words": "关于建立健全信访工作责任制的规定",
        },
    ),
    Regulation(
        title="《信访工作条例》",
        effective=date(2022, 5, 1),
        articles={
            "hearing": "第三十一条第六项",
            "final_review_hearing": "第三十六条第二款",
            "opinion": "第三十二条",
            "support": "第三十二条第一款第一项",
            "explain": "第三十二条第一款第二项",
            "reject": "第三十二条第一款第三项",
            "mediation": "第三十三条",
            "handling_period": "第三十四条",
            "review": "第三十五条",
            "final_review": "第三十六条第一款",
            "final": "第三十六条第三款",
            "legal_track": "第二十二条第二款、第二十八条第二款",
            "leader_duty": "第十八条第二款",
            "supervision": "第三十九条第三款",
            "accountability": "第三十九条、第四十五条",
            "correction": "第四十五条",
        },
        wording={
            "issued_by": "中共中央、国务院",
            "not_accepted": "各级党委和政府信访部门和其他机关、单位不再受理",
            "leader_duty_words": "关于领导干部包案化解群众反映强烈的突出问题的规定",
        },
    ),
)
"""The 条例 in the order they took effect; each applies until the next one does."""

CONCLUSION_PROVISIONS: Final[Mapping[str, str]] = {
    "予以支持": "support",
    "作出解释说明": "explain",
    "不予支持": "reject",
}
"""The provision behind each 处理结论 of 第三十二条."""


def regulation_on(day: date) -> Regulation:
    """The 条例 in force on `day` (the 2005 one for any earlier day too)."""
    current = REGULATIONS[0]
    for regulation in REGULATIONS:
        if regulation.effective <= day:
            current = regulation
    return current


def citations(day: date) -> dict[str, str]:
    """What templates see as `law` for a document issued on `day`.

    `law.name` is the title (《信访工作条例》), `law.<provision>` the full citation
    (`《信访工作条例》第三十五条`, "" where that 条例 has none), and `law.<wording>` the text
    documents quote (`law.not_accepted`).
    """
    regulation = regulation_on(day)
    cited = {provision: regulation.cite(provision) for provision in PROVISIONS}
    return {"name": regulation.title, **regulation.wording, **cited}
