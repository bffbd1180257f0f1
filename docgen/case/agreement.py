"""What a 息诉罢访协议书 generates itself: each person's payment, and clauses terms may not repeat.

The agreement's template writes three clauses from the data (the payment, in capitals, with payer
and method; the undertaking not to petition again on the same facts and reasons; the breach
clause). A clerk-written term that says one of them again would print it twice, with wording that
may differ, so such a term is left out of the document and `check` warns about it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal

from docgen.case.model import Agreement

Clause = Literal["payment", "undertaking", "breach"]
CLAUSE_LABELS: Final[Mapping[Clause, str]] = {
    "payment": "支付条款（金额、支付单位和方式）",
    "undertaking": "不再以同一事实和理由信访的承诺",
    "breach": "违约条款",
}
"""How `check` names each generated clause when a term repeats it."""

_FIGURE: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_TEN_THOUSANDS: Final = re.compile(r"([0-9]+(?:\.[0-9]+)?)万")
_MONEY_WORDS: Final = re.compile(r"(支付|付给|发放|补偿款|赔偿款|救助金|救助款|人民币).*元|[￥¥]")
_UNDERTAKING: Final = re.compile(r"息诉罢访|不再.{0,12}(信访|上访|反映|主张)|停访息诉")
_BREACH: Final = re.compile(r"违约|反悔|退还|返还")
_CENT: Final = Decimal("0.01")


def repeated_clause(term: str, agreement: Agreement) -> Clause | None:
    """The generated clause `term` says again, if any: payment before undertaking before breach.

    A term repeats the payment when it names the agreed amount (or a petitioner's share) in
    figures, with or without thousands commas or 万, or speaks of paying a sum of 元.
    """
    plain = term.replace(",", "").replace(" ", "")
    sums = {agreement.amount, *(share.amount for share in agreement.shares)}
    figures = {Decimal(f) for f in _FIGURE.findall(plain)}
    figures |= {Decimal(f) * 10000 for f in _TEN_THOUSANDS.findall(plain)}
    if (agreement.amount > 0 and figures & sums) or _MONEY_WORDS.search(plain):
        return "payment"
    if _UNDERTAKING.search(plain):
        return "undertaking"
    if _BREACH.search(plain):
        return "breach"
    return None


def own_terms(agreement: Agreement) -> list[str]:
    """The clerk-written terms that say something the generated clauses do not."""
    return [term for term in agreement.terms if repeated_clause(term, agreement) is None]


def split_payment(agreement: Agreement, petitioners: Sequence[str]) -> list[Decimal] | None:
    """Each petitioner's part of the payment, in the order of `petitioners`.

    `shares` as written when given; otherwise equal parts, or None when the amount does not
    split into equal parts to the fen (the clerk must then write `shares`).
    """
    if agreement.shares:
        written = {share.name: share.amount for share in agreement.shares}
        return [written.get(name, Decimal(0)) for name in petitioners]
    part = (agreement.amount / len(petitioners)).quantize(_CENT)
    if part * len(petitioners) != agreement.amount:
        return None
    return [part] * len(petitioners)
