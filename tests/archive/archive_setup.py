"""An archive with a register of issued numbers, for the archive's tests."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from docgen.archive import AddRequest, Archive, Item, inspect_signed, open_archive
from docgen.register.store import open_register, recipient_key

NOTICE = "某信听〔{year}〕{n}号"
CASE = "XF2020-018"
WANG = recipient_key("petitioner", "王建国")
LI = recipient_key("panel", "李明")
NUMBERS = ("某信听〔2020〕1号", "某信听〔2020〕2号")


def clock() -> datetime:
    return datetime(2020, 5, 6, 10, 0, 0, 123)


def issue_numbers(root: Path) -> None:
    """Two 听证通知书 numbers of one case (王建国, 李明), issued 2020-05-01."""
    with open_register(root / ".docgen" / "register.db", clock=clock) as register:
        for key in (WANG, LI):
            register.number_for(CASE, "hearing_notice", key, 2020, NOTICE, date(2020, 5, 1))


def open_test_archive(root: Path) -> Archive:
    return open_archive(
        root / ".docgen" / "register.db",
        root / "archive",
        db_shown=Path(".docgen/register.db"),
        shown=Path("archive"),
        clock=clock,
    )


def notice_request(number: str = NUMBERS[0], key: str = WANG, **extra: object) -> AddRequest:
    name = key.partition(":")[2]
    return AddRequest(
        case_id=CASE,
        kind="hearing_notice",
        recipient_key=key,
        title=f"听证通知书（{name}）",
        stem=f"听证通知书-{name}",
        year=2020,
        doc_number=number,
        **extra,  # type: ignore[arg-type]
    )


def add(archive: Archive, request: AddRequest, *paths: Path) -> Item:
    return archive.add(request, [inspect_signed(path) for path in paths])
