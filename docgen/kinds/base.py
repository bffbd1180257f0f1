"""What a document kind is, and what it asks the pipeline to produce."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from docgen.case import (
    ASSESSMENT_LABELS,
    HISTORY_LEVEL_LABELS,
    LEADER_ROLE_LABELS,
    LEVEL_LABELS,
    STAGE_LABELS,
    Case,
    leader_roles,
)
from docgen.settings import Settings

_UNSAFE_IN_FILENAME: Final = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_MAX_NAME_CHARS: Final = 40  # 40 CJK characters are 120 bytes, well inside a 255-byte file name


Role = Literal["petitioner", "agent", "panel", "unit", "case_leader"]
ROLE_LABELS: Final[Mapping[Role, str]] = {
    "petitioner": "信访人",
    "agent": "委托代理人",
    "panel": "听证员",
    "unit": "参加单位",
    "case_leader": "包案领导",
}
"""What a template prints for each kind of recipient."""


@dataclass(frozen=True)
class Recipient:
    """Whom one document is addressed to; it names the output file and keeps its 文号."""

    name: str
    role: Role
    duty: str = ""  # a panel member's role, a case leader's title
    org: str = ""  # a panel member's organisation
    principal: str = ""  # the petitioner an agent acts for
    address: str = ""  # where a person is served (送达地点), when the case gives it

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def as_context(self) -> dict[str, str]:
        """The recipient as templates see it: `recipient.name`, `recipient.role_label`, ..."""
        return {**vars(self), "role_label": self.role_label}  # flat strings: no deep copy


@dataclass(frozen=True)
class Job:
    """One document to produce: for whom, under which file name, with which data."""

    recipient: Recipient | None  # None for a document that is one per case
    context: Mapping[str, object]  # the kind's own names; the pipeline adds the common ones
    issued: date | None  # 成文日期 from the case; None means the render date


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its template, who gets one, and the data each one shows.

    Why:
        Kinds know nothing of files or numbers, so they can be tested on a `Case` alone and
        the pipeline stays the only place that joins cases, templates, numbers and files.
    """

    name: str  # "hearing_notice"
    title: str  # "听证通知书"
    template: str  # "hearing_notice.docx"
    jobs: Callable[[Case, Settings], list[Job]]  # [] when the case lacks the data
    number_series: str | None = None  # whose 文号 it carries (a receipt carries its notice's)
    public: bool = False  # a public document never receives the case itself

    def output_name(self, job: Job) -> str:
        """`<文书名>-<收件人>.docx`, or `<文书名>.docx` for a document that is one per case."""
        return output_filename(self.title, job.recipient.name if job.recipient else "")

    def visible_context(self, context: Mapping[str, Any]) -> dict[str, Any]:
        """What a template of this kind may see of `context`: a public one never gets the case.

        Why:
            个人信息保护法 第二十五条: whatever a clerk writes in a public template, it cannot
            print a name, ID number or address the context does not hold.
        """
        return {k: v for k, v in context.items() if not (self.public and k == "case")}

    def owns(self, filename: str) -> bool:
        """Whether `filename` is named as an output of this kind."""
        alone = output_filename(self.title)
        return filename == alone or filename.startswith(alone.removesuffix(".docx") + "-")


def case_data(case: Case) -> dict[str, Any]:
    """The case as plain data for templates, with the Chinese labels templates print."""
    data = case.model_dump()
    data["stage_label"] = STAGE_LABELS[case.stage]
    for request in data["requests"]:
        request["assessment_label"] = ASSESSMENT_LABELS[request["assessment"]]
    for leader, role in zip(data["leaders"], leader_roles(case.leaders), strict=True):
        leader["level_label"] = LEVEL_LABELS[leader["level"]]
        leader["role"] = role
        leader["role_label"] = LEADER_ROLE_LABELS[role]
    for event in data["history"]:
        event["level_label"] = HISTORY_LEVEL_LABELS[event["level"]] if event["level"] else ""
    return data


def sentence(text: str) -> str:
    """`text` ending with a full stop (or empty), so that templates can follow it with another."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；" else text + "。"


def output_filename(title: str, recipient: str = "") -> str:
    """`<文书名>-<收件人>.docx`, safe on Windows and Linux whatever the recipient's name."""
    title = title.replace("“", "").replace("”", "")  # “一揽子”化解方案 → 一揽子化解方案.docx
    name = _UNSAFE_IN_FILENAME.sub("_", recipient).strip(" .")[:_MAX_NAME_CHARS]
    return f"{title}-{name}.docx" if name else f"{title}.docx"
