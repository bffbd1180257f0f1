"""The 文号 of a run's documents: which need one, allocated for the whole run in file order.

Why:
    A run numbers its documents in two passes: the case files are read (in worker processes
    when there are many) to list the documents that need a number; this process then
    allocates every one of them in file order, in one transaction, before anything is
    rendered. So a run with one process or many gives the same numbers, and a number is
    recorded before the document that carries it exists.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from docgen.errors import CaseWarning, Location
from docgen.kinds import DocumentKind, Job
from docgen.pipeline.numbers import open_workspace_register
from docgen.register.store import Allocation, NumberRequest, recipient_key
from docgen.workspace import Workspace

NumberKey = tuple[str, int, str, str]  # NumberRequest.key
Numbers = Mapping[NumberKey, str]  # the 文号 of a case's documents


def job_requests(
    case_id: str,
    kind: DocumentKind,
    jobs: Sequence[Job],
    patterns: Mapping[str, str],
    render_date: date,
    *,
    example: bool = False,
) -> list[NumberRequest | None]:
    """The number each of `jobs` needs (None: the kind carries none), in job order.

    A receipt asks for its notice's number (same series and recipient), so both carry it;
    two recipients of one name get keys of their own (`petitioner:王建国#2`). An example
    case (`example: true`) takes none: a 文号 is never spent on a document no one is sent.
    """
    pattern = patterns.get(kind.number_series) if kind.number_series else None
    if kind.number_series is None or pattern is None or example:
        return [None] * len(jobs)
    seen: Counter[str] = Counter()
    requests: list[NumberRequest | None] = []
    for job in jobs:
        key = recipient_key(job.recipient.role, job.recipient.name) if job.recipient else ""
        seen[key] += 1
        key = f"{key}#{seen[key]}" if seen[key] > 1 else key
        issued = job.issued or render_date
        requests.append(
            NumberRequest(case_id, kind.number_series, key, issued.year, pattern, issued)
        )
    return requests


def allocate_numbers(
    workspace: Workspace, cases: Sequence[tuple[Path, Sequence[NumberRequest]]]
) -> tuple[list[dict[NumberKey, str]], list[CaseWarning]]:
    """The numbers of each case's requests, allocated in order in one transaction.

    `cases` pairs each case file (as shown) with its requests; the warnings name the
    documents whose number had been voided and now carry a new one.

    Raises:
        RegisterError: the register cannot be used; nothing is allocated.
    """
    flat = [request for _, requests in cases for request in requests]
    if not flat:
        return [{} for _ in cases], []
    with open_workspace_register(workspace) as register:
        allocations = iter(register.numbers_for(flat))
    numbers: list[dict[NumberKey, str]] = []
    warnings: list[CaseWarning] = []
    for file, requests in cases:
        found: dict[NumberKey, str] = {}
        for request in requests:
            allocation = next(allocations)
            found[request.key] = allocation.number.text
            warnings.extend(_renumbered(file, allocation))
        numbers.append(found)
    return numbers, warnings


def _renumbered(file: Path, allocation: Allocation) -> list[CaseWarning]:
    if not (allocation.fresh and allocation.voided):
        return []
    old = "、".join(f"“{number.text}”" for number in allocation.voided)
    return [
        CaseWarning(
            f"原文号{old}已作废，本次改用“{allocation.number.text}”",
            Location(file),
            hint="请收回并销毁印有原文号的文书，改发新生成的文书。",
        )
    ]
