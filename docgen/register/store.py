"""The 文号 register: allocate a number once per document, void one, list them."""

from __future__ import annotations

import builtins
import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Final

from docgen.errors import Location, RegisterError
from docgen.register.schema import connect, immediate, translated

DEFAULT_TIMEOUT: Final = 10.0
"""Seconds to wait for another docgen holding the register before giving up."""

Clock = Callable[[], datetime]

_COLUMNS: Final = (
    "text, series, year, serial, case_id, recipient_key, "
    "issued, recorded_at, voided_at, void_reason, note"
)


@dataclass(frozen=True, slots=True)
class IssuedNumber:
    """One 文号 in the register, live or void."""

    text: str  # 某信听〔2020〕3号
    series: str  # "hearing_notice"
    year: int
    serial: int
    case_id: str
    recipient_key: str = ""  # "" for one-per-case documents, else "petitioner:王建国"
    issued: date | None = None  # 成文日期, when render knew it
    recorded_at: datetime | None = None  # 登记时间; None for numbers of a version-1 register
    voided_at: datetime | None = None
    void_reason: str = ""
    note: str = ""  # why a notice went out late, ...

    @property
    def void(self) -> bool:
        return self.voided_at is not None


@dataclass(frozen=True, slots=True)
class NumberRequest:
    """One document whose 文号 a run asks of the register."""

    case_id: str
    series: str
    recipient_key: str  # "" for one-per-case documents
    year: int  # of the 成文日期: serials restart every year
    pattern: str  # 某信听〔{year}〕{n}号
    issued: date | None = None
    late_reason: str = ""  # why it goes out late (`--allow-late`), noted against the number

    @property
    def key(self) -> tuple[str, int, str, str]:
        """What identifies the document: the same key always gets the same live number."""
        return (self.series, self.year, self.case_id, self.recipient_key)


@dataclass(frozen=True, slots=True)
class Allocation:
    """What `Register.number_for` gives: the number, and whether it is new."""

    number: IssuedNumber
    fresh: bool  # allocated by this call (else issued before, on an earlier render)
    voided: tuple[IssuedNumber, ...] = ()  # earlier numbers of the same document, now void


def format_number(pattern: str, year: int, serial: int) -> str:
    """`某信听〔{year}〕{n}号` → `某信听〔2020〕3号` (no zero padding)."""
    return pattern.replace("{year}", str(year)).replace("{n}", str(serial))


def recipient_key(role: str, name: str) -> str:
    """The key of a document addressed to one person: `petitioner:王建国`."""
    return f"{role}:{name}"


def recipient_of(key: str) -> tuple[str, str]:
    """(role, name) of a recipient key; ("", "") for a document that is one per case."""
    role, _, name = key.partition(":")
    return role, name


class Register:
    """An open register; use `open_register` and close it (or use it as a context manager)."""

    def __init__(self, conn: sqlite3.Connection, shown: Path, timeout: float, clock: Clock):
        self._conn = conn
        self._shown = shown
        self._timeout = timeout
        self._clock = clock

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def number_for(
        self,
        case_id: str,
        series: str,
        recipient_key: str,
        year: int,
        pattern: str,
        issued: date | None = None,
    ) -> Allocation:
        """The 文号 of this document: the one issued before, else the next serial of the year.

        Raises:
            RegisterError: as `numbers_for`.
        """
        request = NumberRequest(case_id, series, recipient_key, year, pattern, issued)
        return self.numbers_for([request])[0]

    def numbers_for(self, requests: Sequence[NumberRequest]) -> builtins.list[Allocation]:
        """The 文号 of each requested document, in one transaction, new serials in request order.

        A request for a document numbered before gets its number again (a second request of
        the same document in `requests` too); a late reason is noted against the number.

        Why:
            A 文号 is a legal identifier: the same document keeps it on every re-render, and
            new ones are recorded (committed) before they are returned, so none is reused even
            if rendering fails afterwards; a voided number is never handed out again. One
            transaction for a whole run costs one disk sync, not one per number.

        Raises:
            RegisterError: the register is locked or damaged, or the pattern of a series
                gives a 文号 another series already holds.
        """
        with self._writing():
            known: dict[tuple[str, int, str, str], builtins.list[IssuedNumber]] = {}
            last: dict[tuple[str, int], int] = {}
            for series, year in sorted({(r.series, r.year) for r in requests}):
                numbers = self._select("series = ? AND year = ?", (series, year))
                for number in numbers:
                    key = (series, year, number.case_id, number.recipient_key)
                    known.setdefault(key, []).append(number)
                last[series, year] = max((n.serial for n in numbers), default=0)
            allocations = []
            for request in requests:
                numbers = known.setdefault(request.key, [])
                live = [number for number in numbers if not number.void]
                fresh, voided = not live, () if live else tuple(numbers)
                if fresh:
                    last[request.series, request.year] += 1
                    live.append(self._insert(request, last[request.series, request.year]))
                    numbers.append(live[0])
                if request.late_reason:
                    noted = self._note_late(live[0], request.late_reason)
                    numbers[numbers.index(live[0])] = live[0] = noted
                allocations.append(Allocation(live[0], fresh, voided))
        return allocations

    def _insert(self, request: NumberRequest, serial: int) -> IssuedNumber:
        number = IssuedNumber(
            text=format_number(request.pattern, request.year, serial),
            series=request.series,
            year=request.year,
            serial=serial,
            case_id=request.case_id,
            recipient_key=request.recipient_key,
            issued=request.issued,
            recorded_at=self._now(),
        )
        self._refuse_taken_text(number)
        self._conn.execute(
            f"INSERT INTO doc_number ({_COLUMNS}) VALUES ({', '.join('?' * 11)})", _row(number)
        )
        return number

    def _note_late(self, number: IssuedNumber, reason: str) -> IssuedNumber:
        noted = replace(number, note=f"逾期仍发出：{reason.strip()}")
        if noted.note != number.note:
            self._conn.execute(
                "UPDATE doc_number SET note = ? WHERE text = ?", (noted.note, number.text)
            )
        return noted

    def void(self, text: str, reason: str) -> IssuedNumber:
        """Mark `text` void with `reason`; it stays in the register and is never issued again.

        Raises:
            RegisterError: no reason given, `text` unknown or already void.
        """
        if not reason.strip():
            raise RegisterError(
                "作废文号必须写明原因",
                Location(self._shown),
                "请写明为何作废：docgen register void 文号 --reason 说明。",
            )
        with self._writing():
            number = self._find(text)
            if number.void:
                raise RegisterError(
                    f"文号“{text}”已于 {number.voided_at:%Y-%m-%d %H:%M} 作废"
                    f"（原因：{number.void_reason}）",
                    Location(self._shown),
                    "无需再次作废；docgen register list 可查看全部文号。",
                )
            voided = replace(number, voided_at=self._now(), void_reason=reason.strip())
            self._conn.execute(
                "UPDATE doc_number SET voided_at = ?, void_reason = ? WHERE text = ?",
                (_stamp(voided.voided_at), voided.void_reason, text),
            )
        return voided

    def record_late(self, text: str, reason: str) -> IssuedNumber:
        """Note why the document numbered `text` was issued although late (`--allow-late`).

        Raises:
            RegisterError: `text` unknown.
        """
        with self._writing():
            return self._note_late(self._find(text), reason)

    def list(
        self, year: int | None = None, series: str | None = None
    ) -> builtins.list[IssuedNumber]:
        """The numbers of `year` and `series` (all when None), by series, year and serial."""
        where = " AND ".join(
            [*(["year = ?"] if year is not None else []), *(["series = ?"] if series else [])]
        )
        arguments = [*([year] if year is not None else []), *([series] if series else [])]
        with translated(self._shown, self._timeout):
            return self._select(where or "1", arguments)

    def find(self, text: str) -> IssuedNumber | None:
        """The number printed as `text`, live or void; None if the register has none."""
        with translated(self._shown, self._timeout):
            found = self._select("text = ?", [text.strip()])
        return found[0] if found else None

    def _find(self, text: str) -> IssuedNumber:
        found = self._select("text = ?", [text.strip()])
        if not found:
            raise RegisterError(
                f"登记簿中没有文号“{text}”",
                Location(self._shown),
                "请用 docgen register list 查看已登记的文号，照抄其中的写法（含〔〕和“号”）。",
            )
        return found[0]

    def _refuse_taken_text(self, number: IssuedNumber) -> None:
        taken = self._select("text = ?", [number.text])
        if taken:
            raise RegisterError(
                f"文号“{number.text}”已登记给“{taken[0].series}”类文书（案件 {taken[0].case_id}），"
                f"不能再给“{number.series}”类文书",
                Location(self._shown),
                "docgen.yaml 的 numbering 中，不同文书的文号格式不能相同；请改正后重试。",
            )

    def _select(self, where: str, arguments: Sequence[object]) -> builtins.list[IssuedNumber]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM doc_number WHERE {where} ORDER BY series, year, serial",
            arguments,
        )
        return [_number(row) for row in rows]

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        with translated(self._shown, self._timeout), immediate(self._conn):
            yield

    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)


def open_register(
    path: Path,
    *,
    shown: Path | None = None,
    create: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Clock = datetime.now,
) -> Register:
    """Open the register file `path` (`shown` in messages), creating it and its folder if absent.

    Raises:
        RegisterError: the file is damaged, foreign, newer, read-only or locked, or absent
            and `create` is False.
    """
    where = shown or path
    return Register(connect(path, where, timeout, create), where, timeout, clock)


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def _row(number: IssuedNumber) -> tuple[object, ...]:
    return (
        *(number.text, number.series, number.year, number.serial),
        *(number.case_id, number.recipient_key),
        number.issued.isoformat() if number.issued else None,
        _stamp(number.recorded_at),
        _stamp(number.voided_at),
        number.void_reason,
        number.note,
    )


def _number(row: tuple[object, ...]) -> IssuedNumber:
    text, series, year, serial, case_id, key, issued, recorded, voided, reason, note = row
    return IssuedNumber(
        *(str(text), str(series), int(str(year)), int(str(serial)), str(case_id), str(key)),
        issued=date.fromisoformat(str(issued)) if issued else None,
        recorded_at=datetime.fromisoformat(str(recorded)) if recorded else None,
        voided_at=datetime.fromisoformat(str(voided)) if voided else None,
        void_reason=str(reason or ""),
        note=str(note or ""),
    )
