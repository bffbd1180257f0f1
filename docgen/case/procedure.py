"""The procedure rules of a case: its stage, the remedy it leaves, conclusions that fit the facts.

Pure over a validated `Case`: `procedure_findings` lists what `check` reports, and the helpers
below are what the kinds and `docgen due` read, so a rule is written once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from docgen.case.law import REGULATIONS, regulation_on
from docgen.case.model import STAGE_LABELS, Case, Conclusion, Stage
from docgen.deadlines import CountedDay, WorkCalendar
from docgen.located import KeyPath

DEFAULT_CONCLUSION: Final[Conclusion] = "作出解释说明"
"""The conclusion of a request whose own and whose closure's are both left out."""

PERIODS: Final[Mapping[Stage, tuple[str, int, int]]] = {
    "initial": ("办理期限", 60, 30),
    "review": ("复查期限", 30, 0),
    "final_review": ("复核期限", 30, 0),
}
"""Each stage's statutory period: its name, its days, and the longest approved extension.

The same in both 条例 (2022 第三十四至三十六条, 2005 第三十三至三十五条); an 已终结 case has none.
"""

NEXT_REMEDY: Final[Mapping[Stage, str]] = {"initial": "复查", "review": "复核"}
"""What a petitioner may still request after a closure at each stage; absent: nothing."""

CONTRADICTIONS: Final[Mapping[tuple[str, Conclusion], str]] = {
    ("unreasonable", "予以支持"): "甄别为“不合理”的诉求不能“予以支持”",
    ("reasonable", "不予支持"): "甄别为“合理”的诉求不能“不予支持”",
}
"""(assessment, conclusion) pairs a letter may not put side by side."""

_HISTORY_STAGES: Final[Mapping[str, Stage]] = {"复查意见": "review", "复核意见": "final_review"}
_ORDER: Final[tuple[Stage, ...]] = ("initial", "review", "final_review", "concluded")


@dataclass(frozen=True)
class Finding:
    """One procedure problem of a case, at the key it concerns."""

    path: KeyPath
    text: str
    hint: str
    error: bool = True  # False: a warning


def request_conclusions(case: Case) -> list[Conclusion]:
    """The 处理结论 of each request: its own, else the closure's, else 作出解释说明.

    Why a fallback: `closure.conclusion` was once the only conclusion, so case files written
    then still read the same; a request's own conclusion wins over it.
    """
    shared = case.closure.conclusion if case.closure else None
    return [r.conclusion or shared or DEFAULT_CONCLUSION for r in case.requests]


def procedure_findings(case: Case) -> list[Finding]:
    """Everything in `case` that contradicts its stage, its dates or its conclusions."""
    return [
        *_stage_findings(case),
        *_conclusion_findings(case),
        *_hearing_findings(case),
        *_citations_against_date(case),
        *_transfer_findings(case),
    ]


def _transfer_findings(case: Case) -> Iterator[Finding]:
    if case.transfer is not None and not case.legal_track:
        yield Finding(
            ("transfer",),
            "只有涉法涉诉案件（legal_track: true）才转送政法机关",
            "请删除 transfer 这一部分，或核实 legal_track 是否应为 true。",
        )


def _stage_findings(case: Case) -> Iterator[Finding]:
    stage, closure = case.stage, case.closure
    if case.stage_received is not None and case.stage_received < case.received:
        yield Finding(
            ("stage_received",),
            f"本阶段受理日期（{case.stage_received}）早于首次信访日期 received（{case.received}）",
            "请核对这两个日期。",
        )
    if closure is not None and case.stage_received and closure.date < case.stage_received:
        yield Finding(
            ("closure", "date"),
            f"办结日期（{closure.date}）早于本阶段受理日期 stage_received（{case.stage_received}）",
            "请核对这两个日期。",
        )
    if case.stage_extended and stage != "initial":
        yield Finding(
            ("stage_extended",),
            "只有初次办理的期限可以延长（延长不超过30日）；复查、复核期限不能延长",
            "请删除 stage_extended，或核对 stage。",
        )
    if closure is not None and closure.review_body and stage not in NEXT_REMEDY:
        yield Finding(
            ("closure", "review_body"),
            f"{_label(stage)}后不能再请求复查或复核，不应填写 review_body",
            "请删除 review_body；办结告知书会写明不再受理的后果。",
        )
    if closure is not None and stage == "review" and not closure.review_body:
        yield Finding(
            ("closure",),
            "复查阶段办结，须在 review_body 写明复核机关（复查机关的上一级机关）",
            "docgen.yaml 中的 office.review_body 是初次办理后的复查机关，不能用于复查后的告知。",
        )
    yield from _history_findings(case)


def _history_findings(case: Case) -> Iterator[Finding]:
    """A history that records a 复查/复核 opinion while `stage` says it has not happened."""
    for i, event in enumerate(case.history):
        for words, reached in _HISTORY_STAGES.items():
            if words in event.event and _ORDER.index(case.stage) < _ORDER.index(reached):
                yield Finding(
                    ("history", i, "event"),
                    f"处理经过中已有{words}，但 stage 为“{_label(case.stage)}”",
                    f"已经{_label(reached)}的案件不能再告知请求{_label(reached)}；"
                    "请核对 stage（初次办理 / 复查 / 复核 / 已终结）。",
                    error=False,
                )


def _conclusion_findings(case: Case) -> Iterator[Finding]:
    if case.closure is None:
        return
    for i, (request, conclusion) in enumerate(
        zip(case.requests, request_conclusions(case), strict=True)
    ):
        text = CONTRADICTIONS.get((request.assessment, conclusion))
        if text is None:
            continue
        own = request.conclusion is not None
        yield Finding(
            ("requests", i, "conclusion") if own else ("closure", "conclusion"),
            text if own else f"{text}（第 {i + 1} 项诉求沿用了 closure.conclusion）",
            "请核对甄别结论 assessment 与处理结论 conclusion；"
            "各项诉求的结论不同时，请逐项填写 requests[].conclusion。",
        )


def _hearing_findings(case: Case) -> Iterator[Finding]:
    hearing = case.hearing
    if hearing is None:
        return
    if not hearing.public and not hearing.closed_reason:
        yield Finding(
            ("hearing", "public"),
            "不公开听证须说明理由（hearing.closed_reason）",
            "如：涉及国家秘密、商业秘密或者个人隐私。",
        )
    if hearing.public and hearing.closed_reason:
        yield Finding(
            ("hearing", "closed_reason"),
            "公开听证不需要不公开的理由，closed_reason 不会写入文书",
            "请删除 closed_reason，或将 public 改为 false。",
            error=False,
        )
    if hearing.result is not None and not hearing.public:
        yield Finding(
            ("hearing", "result"),
            "不公开听证的结果不对外公示，不会生成听证结果公示",
            "听证结果可写入办结告知书的事实和理由。",
            error=False,
        )
    if case.stage == "concluded":
        yield Finding(
            ("hearing",),
            "已终结的信访事项不再依照条例举行听证",
            "请核对 stage；化解工作中的听证请按复核或办理阶段填写。",
            error=False,
        )


def _citations_against_date(case: Case) -> Iterator[Finding]:
    """Closure prose citing a 条例 that was not in force on the closure's date."""
    closure = case.closure
    if closure is None:
        return
    in_force = regulation_on(closure.date)
    for field in ("summary", "opinion", "basis"):
        text = getattr(closure, field) or ""
        for other in REGULATIONS:
            if other is not in_force and other.title in text and not _names_both(text):
                yield Finding(
                    ("closure", field),
                    f"办结日期为{closure.date}，当时施行的是{in_force.title}，这里却引用了{other.title}",
                    f"请改为引用{in_force.title}的相应条款。",
                    error=False,
                )


def _names_both(text: str) -> bool:
    return all(regulation.title in text for regulation in REGULATIONS)


def _label(stage: Stage) -> str:
    return STAGE_LABELS[stage]


@dataclass(frozen=True)
class StatutoryPeriod:
    """The current stage's statutory period (办理/复查/复核期限) and the day it ends."""

    name: str  # 办理期限
    start: date  # stage_received: the day the period is counted from (not itself counted)
    days: int  # 60, 90 when extended, 30
    paused: int  # days of a 复核听证 left out of the count
    end: CountedDay

    @property
    def what(self) -> str:
        """`复查期限届满（自2020-05-06起30日）`, as `docgen due` lists it."""
        paused = f"，另扣除听证所需{self.paused}日" if self.paused else ""
        return f"{self.name}届满（自{self.start.isoformat()}起{self.days}日{paused}）"


def statutory_period(case: Case, calendar: WorkCalendar) -> StatutoryPeriod | None:
    """The period of the stage `case` is at, counted from `stage_received`; None without one.

    Counted in 日 as every period (start day excluded, a last day off moves to the next working
    day: `WorkCalendar.add_days`). A 复核 hearing's time is not counted (2022 第三十六条第二款):
    the days from its notice (or, without one, the hearing day) through the hearing day are
    added. An 已终结 case, or one without `stage_received`, has no period.

    Raises:
        BeyondCalendar: the count runs past 9999-12-31.
    """
    period = PERIODS.get(case.stage)
    if period is None or case.stage_received is None:
        return None
    name, days, extension = period
    days += extension if case.stage_extended else 0
    paused = 0
    hearing = case.hearing
    if case.stage == "final_review" and hearing is not None and hearing.date >= case.stage_received:
        paused = (hearing.date - (hearing.notice_date or hearing.date)).days + 1
    end = calendar.add_days(case.stage_received, days + paused)
    return StatutoryPeriod(name, case.stage_received, days, paused, end)
