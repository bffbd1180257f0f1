"""The recipes behind the commands, as a library: the CLI and the web page are faces over these.

`cases`: check and render case files; `workspace_tasks`: new workspaces and cases, the
templates, reports of docgen's own bugs; `numbers`: the 文号 register as the clerk uses it.

The submodules are imported when a name of this package is first used, so a worker process
reading case files for `check` does not pay for the engine, the layouts and the register.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from docgen.pipeline.cases import (
        PARALLEL_FROM,
        Interrupted,
        Progress,
        Report,
        check_cases,
        load_cases,
        render_cases,
        summarize_cases,
    )
    from docgen.pipeline.intake import Reading
    from docgen.pipeline.notices import BatchRequest, NoticesReport, produce_notices
    from docgen.pipeline.numbers import (
        REGISTER_FILE,
        REGISTER_HEADERS,
        export_register,
        list_numbers,
        open_workspace_register,
        register_rows,
        void_number,
    )
    from docgen.pipeline.pdfs import (
        Doctor,
        PdfReport,
        check_pdf_tools,
        examine_pdf_tools,
        write_pdfs,
    )
    from docgen.pipeline.templates import check_templates
    from docgen.pipeline.workspace_tasks import (
        CheckedTemplate,
        TemplateCheck,
        TemplateExport,
        check_new_case_id,
        check_template_files,
        export_templates,
        filled_case,
        init_workspace,
        new_case,
        save_internal_report,
    )


_HOMES: Final = {
    "cases": (
        *("PARALLEL_FROM", "Interrupted", "Progress", "Report", "check_cases"),
        *("load_cases", "render_cases", "summarize_cases"),
    ),
    "intake": ("Reading",),
    "notices": ("BatchRequest", "NoticesReport", "produce_notices"),
    "numbers": (
        *("REGISTER_FILE", "REGISTER_HEADERS", "export_register", "list_numbers"),
        *("open_workspace_register", "register_rows", "void_number"),
    ),
    "templates": ("check_templates",),
    "pdfs": ("Doctor", "PdfReport", "check_pdf_tools", "examine_pdf_tools", "write_pdfs"),
    "workspace_tasks": (
        *("CheckedTemplate", "TemplateCheck", "TemplateExport", "check_template_files"),
        *("check_new_case_id", "filled_case"),
        *("export_templates", "init_workspace", "new_case", "save_internal_report"),
    ),
}
"""Which submodule defines each name of the interface: using one imports only its module."""
_HOME_OF: Final = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    """The name of this package's interface, its submodule imported on first use (PEP 562)."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "PARALLEL_FROM",
    "REGISTER_FILE",
    "REGISTER_HEADERS",
    "BatchRequest",
    "CheckedTemplate",
    "Doctor",
    "Interrupted",
    "NoticesReport",
    "PdfReport",
    "Progress",
    "Reading",
    "Report",
    "TemplateCheck",
    "TemplateExport",
    "check_cases",
    "check_new_case_id",
    "check_pdf_tools",
    "check_template_files",
    "check_templates",
    "examine_pdf_tools",
    "export_register",
    "export_templates",
    "filled_case",
    "init_workspace",
    "list_numbers",
    "load_cases",
    "new_case",
    "open_workspace_register",
    "produce_notices",
    "register_rows",
    "render_cases",
    "save_internal_report",
    "summarize_cases",
    "void_number",
    "write_pdfs",
]
