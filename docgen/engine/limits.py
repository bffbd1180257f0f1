"""Resource limits of one rendered document: loop iterations, range and value sizes, time.

A template is a file clerks edit and exchange; one that loops 10⁸ times or builds a string of
10¹⁰ characters must stop with a located error, not hang the batch or exhaust memory. The
limits are generous for official documents, whose whole text is some ten thousand characters.

Why a per-document budget, not per hook:
    Nested loops with an empty body call no sandbox hook per iteration, so every `{% for %}`
    iterates through `counted`, which spends one unit of the document's budget per item and
    checks the clock.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

MAX_RANGE: Final = 100_000
"""Items one `range()` may have (Jinja's own sandbox limit)."""
MAX_ITERATIONS: Final = 100_000
"""Loop iterations of all `{% for %}` of one document together.

A real document loops some hundreds of times (recipients, measures, table rows); at 100,000 a
runaway loop stops in some tens of milliseconds, so a bad template fails a batch fast."""
MAX_SIZE: Final = 1_000_000
"""Characters of a string (or items of a list) a tag may build with `*`, `+`, `~` or a filter."""
MAX_POWER_BITS: Final = 4_096
"""Binary digits of an integer `**` may build (about 1,200 decimal digits)."""
SECONDS: Final = 5.0
"""Time one document may take to render; a real one takes a few milliseconds."""
HINT: Final = "模板中的循环或计算过大，请检查这个标签；公文模板不需要这样的计算。"


class LimitError(Exception):
    """Raised when a tag exceeds a resource limit; its message is for the clerk."""


@dataclass
class _Budget:
    deadline: float
    iterations: int


_CURRENT: ContextVar[_Budget | None] = ContextVar("docgen_render_budget", default=None)


@contextlib.contextmanager
def document_budget() -> Iterator[None]:
    """Count the loop iterations and time of the document rendered inside this block."""
    token = _CURRENT.set(_Budget(time.monotonic() + SECONDS, MAX_ITERATIONS))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def check_time() -> None:
    """Stop a document that has rendered for longer than `SECONDS`."""
    budget = _CURRENT.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise LimitError(f"模板渲染超过 {SECONDS:g} 秒，已停止")


def counted(iterable: Iterable[object]) -> Iterator[object]:
    """The items of a `{% for %}` loop, each spending one iteration of the document's budget."""
    budget = _CURRENT.get()
    if budget is None:
        yield from iterable
        return
    for item in iterable:
        budget.iterations -= 1
        if budget.iterations < 0:
            raise LimitError(f"模板中的循环次数超过 {MAX_ITERATIONS:,} 次，已停止")
        if time.monotonic() > budget.deadline:
            raise LimitError(f"模板渲染超过 {SECONDS:g} 秒，已停止")
        yield item


def limited_range(*args: int) -> range:
    """`range()` for templates: at most `MAX_RANGE` items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitError(f"range() 的范围过大（{len(numbers):,} 项，最多 {MAX_RANGE:,} 项）")
    return numbers


def check_operands(operator: str, left: object, right: object) -> None:
    """Refuse `left operator right` when its result would exceed a size limit; checked first."""
    if operator == "**":
        bits = _power_bits(left, right) if isinstance(left, int) and isinstance(right, int) else 0
        if bits > MAX_POWER_BITS:
            raise LimitError(f"乘方的结果过大（{left} ** {right}）")
        return
    if operator == "*":
        size = _repeated_size(left, right) or _repeated_size(right, left)
    else:  # "+"
        size = _size(left) + _size(right)
    check_size(size)


def check_size(size: int) -> None:
    """Refuse a value of `size` characters or items."""
    if size > MAX_SIZE:
        raise LimitError(f"生成的文字或列表过长（{size:,} 个，最多 {MAX_SIZE:,} 个）")


def check_value(value: object) -> object:
    """`value`, refused when it is a string or list longer than `MAX_SIZE`."""
    check_size(_size(value))
    return value


def _repeated_size(sequence: object, times: object) -> int:
    return _size(sequence) * times if isinstance(times, int) and times > 0 else 0


def _size(value: object) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


def _power_bits(base: int, exponent: int) -> int:
    """About how many binary digits `base ** exponent` has."""
    return exponent * abs(base).bit_length() if exponent > 0 and abs(base) > 1 else 0
