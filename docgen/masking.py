"""Masking personal data for public documents (个人信息保护法; 法释〔2016〕19号 第九条)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from docgen.values import LANDLINE, MOBILE

COMPOUND_SURNAMES: Final = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "令狐",
        "司徒",
        "慕容",
        "尉迟",
        "长孙",
        "宇文",
        "夏侯",
        "公孙",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "百里",
    ]
)


def mask_name(name: str) -> str:
    """Keep the surname, mask the given name: 王建国 → 王某某, 王芳 → 王某, 欧阳明月 → 欧阳某某."""
    name = name.strip()
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    given = len(name) - surname_length
    if given <= 0:
        return name
    return name[:surname_length] + ("某某" if given >= 2 else "某")


TELL_APART: Final = "甲乙丙丁戊己庚辛壬癸"
"""The 天干 that tell apart people whose masked names are the same: 王某甲、王某乙."""


def distinct_masks(names: Sequence[str]) -> dict[str, str]:
    """Each name's masked form, told apart where two read the same: 王建国, 王建军 → 王某甲, 王某乙.

    Where two names of one surname would read the same, every name of that surname gets a
    letter, in the order of `names`, so the same list always gives the same masks. A name
    listed twice keeps its first mask. Past ten, the 11th reads 王某11.

    Why:
        Two 王某某 in one public document leave the reader unable to tell who asked what.
    """
    unique = list(dict.fromkeys(name.strip() for name in names))
    plain = {name: mask_name(name) for name in unique}
    by_surname: dict[str, list[str]] = {}
    for name in unique:
        by_surname.setdefault(plain[name].rstrip("某"), []).append(name)
    masks: dict[str, str] = {}
    for surname, group in by_surname.items():
        if len({plain[name] for name in group}) == len(group):
            masks |= {name: plain[name] for name in group}
            continue
        for i, name in enumerate(group):  # 王某甲 and 王某 side by side would confuse too
            masks[name] = surname + "某" + (TELL_APART[i] if i < len(TELL_APART) else str(i + 1))
    return masks


def mask_in_text(text: str, masks: dict[str, str]) -> str:
    """`text` with each full name of `masks` replaced by its mask, longer names first."""
    for name in sorted(masks, key=len, reverse=True):  # 王建国 before 王建
        text = text.replace(name, masks[name])
    return text


def mask_id(id_number: str) -> str:
    """Keep the 6-digit region and the last 4: 411326********203X."""
    if len(id_number) <= 10:
        return "*" * len(id_number)
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def mask_phone(phone: str) -> str:
    """Mobiles keep 3 + 4 (138****0001); landlines keep the area code and last 2 digits.

    `phone` is written as in a case file (`docgen.values.MOBILE`, `LANDLINE`); anything else
    keeps only its last 4 characters.
    """
    if MOBILE.fullmatch(phone):
        return phone[:3] + "****" + phone[-4:]
    if match := LANDLINE.fullmatch(phone):
        area, local = match.groups()
        return f"{area}-" + "*" * (len(local) - 2) + local[-2:]
    return "*" * max(len(phone) - 4, 0) + phone[-4:]
