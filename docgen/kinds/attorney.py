"""授权委托书: one form per 委托代理人, for the petitioner to sign before the agent acts."""

from __future__ import annotations

from docgen.case import Case
from docgen.kinds.base import DocumentKind, Job, Recipient
from docgen.settings import Settings


def _forms(case: Case, settings: Settings) -> list[Job]:
    """A form per agent whose principal is a petitioner of the case (`check` reports others)."""
    principals = {p.name: p for p in case.petitioners}
    return [
        Job(
            recipient=Recipient(agent.name, "agent", principal=agent.principal),
            context={
                "agent": agent.model_dump(),
                "principal": principals[agent.principal].model_dump(),
            },
            issued=None,
        )
        for agent in case.agents
        if agent.principal in principals and not case.legal_track
    ]


POWER_OF_ATTORNEY = DocumentKind(
    "power_of_attorney", "授权委托书", "power_of_attorney.docx", _forms
)
