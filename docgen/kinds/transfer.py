"""转送函: a 涉法涉诉 matter sent on to the 政法 organ that handles it, one per case."""

from __future__ import annotations

from docgen.case import Case
from docgen.kinds.base import DocumentKind, Job, sentence
from docgen.settings import Settings


def _letter(case: Case, settings: Settings) -> list[Job]:
    """A letter for every case on the legal track, to `transfer.to` or the responsible unit.

    Why without a `transfer` block too: a case on the legal track is sent on in any case;
    the block only adds the addressee, the date, the reasons and the attachments.
    """
    if not case.legal_track:
        return []
    transfer = case.transfer
    return [
        Job(
            recipient=None,
            context={
                "transfer": {
                    "to": (transfer.to if transfer else None) or case.responsible_unit,
                    "reason": sentence(transfer.reason or "") if transfer else "",
                    "attachments": list(transfer.attachments) if transfer else [],
                }
            },
            issued=transfer.date if transfer else None,
        )
    ]


TRANSFER_LETTER = DocumentKind(
    "transfer_letter", "转送函", "transfer_letter.docx", _letter, number_series="transfer_letter"
)
