"""The 归档文件目录 (DA/T 22-2015) of a year: its rows, as .xlsx and as a GB/T 9704 .docx."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from docgen.archive import Item
from docgen.archive.chain import canonical_json
from docgen.archive.files import sha256_of
from docgen.docxio import write_atomically
from docgen.engine import compile_template
from docgen.errors import ArchiveError, Location, Problems, SettingsError
from docgen.kinds import KINDS
from docgen.pipeline.archiving import Clock, open_workspace_archive
from docgen.settings import DEFAULT_RETENTION, Settings
from docgen.workspace import Workspace, display_path, read_bytes
from docgen.xlsx import Cell, table_xlsx

CATALOG_TEMPLATE: Final = "archive_catalog.docx"
CATALOG_HEADERS: Final = ("序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注")
CATALOG_WIDTHS: Final = (6, 26, 20, 16, 30, 10, 6, 6, 26)  # Excel character units
_FIELDS: Final = (
    "number",
    "code",
    "doc_number",
    "author",
    "title",
    "date",
    "secrecy",
    "pages",
    "remark",
)


@dataclass(frozen=True)
class CatalogExport:
    """The files `export_catalog` wrote and how many items they list."""

    xlsx: Path
    docx: Path
    items: int


def archival_code(item: Item, settings: Settings) -> str:
    """档号 `全宗号-门类·年度-保管期限-[机构-]件号`, as `Z109-WS·2020-D10-0001`."""
    rules = settings.archive
    retention = rules.retention.get(item.kind) or DEFAULT_RETENTION.get(item.kind, "D30")
    unit = f"{rules.unit}-" if rules.unit else ""
    return f"{rules.fonds}-{rules.category}·{item.year}-{retention}-{unit}{item.piece:04d}"


def catalog_rows(items: Sequence[Item], settings: Settings) -> list[dict[str, str]]:
    """One row per item in 件号 order, the cells under CATALOG_HEADERS as text.

    日期 is the 成文日期 in 8 digits (the archiving date when the document has none); a
    replaced item and its replacement each say so under 备注.
    """
    pieces = {item.id: item.piece for item in items}
    replaced_by = {item.supersedes: item.piece for item in items if item.supersedes}
    rows = []
    for number, item in enumerate(sorted(items, key=lambda i: i.piece), start=1):
        remarks = [item.note] if item.note else []
        if item.supersedes:
            old = pieces.get(item.supersedes)
            remarks.append(f"替换第{old:04d}件：{item.reason}" if old else f"替换：{item.reason}")
        if item.id in replaced_by:
            remarks.append(f"已由第{replaced_by[item.id]:04d}件替换")
        day = item.issued or item.archived_at[:10]
        rows.append(
            {
                "number": str(number),
                "code": archival_code(item, settings),
                "doc_number": item.doc_number or "",
                "author": settings.office.name,
                "title": item.title,
                "date": day.replace("-", ""),
                "secrecy": "",
                "pages": "" if item.pages is None else str(item.pages),
                "remark": "；".join(remarks),
            }
        )
    return rows


def export_catalog(
    workspace: Workspace,
    year: int,
    out_dir: Path | None = None,
    *,
    by: str = "",
    clock: Clock = datetime.now,
) -> CatalogExport:
    """Write `归档文件目录-<year>.xlsx` and `.docx` (default in the workspace) and log the export.

    Raises:
        ArchiveError: nothing of `year` is archived.
        TemplateError, WorkspaceError: the catalog template cannot be used, or a file written.
    """
    settings = workspace.settings
    _check_retention(workspace)
    folder = out_dir or workspace.root
    with open_workspace_archive(workspace, clock=clock) as archive:
        items = archive.items("year = ?", (year,))
        if not items:
            raise ArchiveError(
                f"{year} 年没有归档的文书，无法生成归档文件目录",
                hint="请先用 docgen archive add 归档签收件；docgen archive list 可查看已归档的。",
            )
        rows = catalog_rows(items, settings)
        xlsx = folder / f"归档文件目录-{year}.xlsx"
        docx = folder / f"归档文件目录-{year}.docx"
        table = [_xlsx_cells(row) for row in rows]
        write_atomically(
            table_xlsx(f"归档文件目录（{year}）", CATALOG_HEADERS, table, CATALOG_WIDTHS), xlsx
        )
        write_atomically(_catalog_docx(workspace, year, rows), docx)
        record = {
            "year": year,
            "items": len(items),
            "xlsx": {"name": xlsx.name, "sha256": sha256_of(xlsx)},
            "docx": {"name": docx.name, "sha256": sha256_of(docx)},
        }
        archive.log_action("catalog", by, canonical_json(record))
    return CatalogExport(xlsx, docx, len(items))


def _xlsx_cells(row: Mapping[str, str]) -> list[Cell]:
    """A row for Excel: 序号 and 页数 as numbers (they are summed and sorted), the rest as text."""
    return [
        int(row[name]) if name in ("number", "pages") and row[name] else row[name]
        for name in _FIELDS
    ]


def _catalog_docx(workspace: Workspace, year: int, rows: Sequence[Mapping[str, str]]) -> bytes:
    path = workspace.template_path(CATALOG_TEMPLATE)
    template = compile_template(str(display_path(path)), read_bytes(path))
    rules = workspace.settings.archive
    pages = sum(int(row["pages"]) for row in rows if row["pages"])
    context = {
        "office": workspace.settings.office.model_dump(),
        "doc_title": f"归档文件目录（{year}）",
        "catalog": {
            "fonds": rules.fonds,
            "category": rules.category,
            "year": year,
            "count": len(rows),
            "pages": pages,
        },
        "rows": list(rows),
    }
    return template.render(context)


def _check_retention(workspace: Workspace) -> None:
    """A 保管期限 under a name that is no document kind is a typo that would go unseen.

    Raises:
        Problems: one SettingsError per unknown name.
    """
    unknown = [name for name in workspace.settings.archive.retention if name not in KINDS]
    if unknown:
        shown = display_path(workspace.settings_file)
        raise Problems(
            SettingsError(
                f"“{name}”不是 docgen 的文书",
                Location(shown, field=f"archive.retention.{name}"),
                hint=f"可写的文书有：{'、'.join(KINDS)}。",
            )
            for name in unknown
        )
