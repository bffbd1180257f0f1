"""The 文号 register as the clerk uses it: list, void, export.

Each function raises RegisterError when the register file cannot be used (docgen.register).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from docgen.docxio import write_atomically
from docgen.lock import workspace_lock
from docgen.register.listing import REGISTER_HEADERS as REGISTER_HEADERS
from docgen.register.listing import REGISTER_WIDTHS
from docgen.register.listing import register_rows as register_rows
from docgen.register.store import IssuedNumber, Register, open_register
from docgen.workspace import Workspace, display_path
from docgen.xlsx import table_xlsx

REGISTER_FILE: Final = Path(".docgen") / "register.db"


def open_workspace_register(workspace: Workspace, *, create: bool = True) -> Register:
    """The workspace's `.docgen/register.db` (RegisterError when it cannot be used)."""
    path = workspace.root / REGISTER_FILE
    return open_register(path, shown=display_path(path), create=create)


def list_numbers(
    workspace: Workspace, year: int | None = None, series: str | None = None
) -> list[IssuedNumber]:
    """The 文号 of `year` and `series` (all when None); a missing register is not created."""
    if not (workspace.root / REGISTER_FILE).exists():
        return []
    with open_workspace_register(workspace) as register:
        return register.list(year, series)


def void_number(workspace: Workspace, text: str, reason: str) -> IssuedNumber:
    """Void `text` for `reason`: it stays in the register and is never issued again."""
    with (
        open_workspace_register(workspace, create=False) as register,
        workspace_lock(workspace.root, "register void"),
    ):
        return register.void(text, reason)


def export_register(
    workspace: Workspace, year: int | None, series: str | None, target: Path | None = None
) -> tuple[Path, int]:
    """Write the register as a printable table (default `register-<year|all>.xlsx`); its count."""
    numbers = list_numbers(workspace, year, series)
    title = f"文号登记簿（{year} 年）" if year else "文号登记簿（全部）"
    target = target or workspace.root / f"register-{year or 'all'}.xlsx"
    write_atomically(
        table_xlsx(title, REGISTER_HEADERS, register_rows(numbers), REGISTER_WIDTHS), target
    )
    return target, len(numbers)
