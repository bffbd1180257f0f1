"""The web page of the office (`docgen serve`): a thin face over the pipeline, like the CLI.

`app` builds the Starlette application; `pages` shows (台账, case, reminders, progress);
`actions` changes (edit, new case, render); `office` runs the hearing week and the archive;
`charts` draws the progress charts as SVG; `safety` holds the CSRF token and upload limits;
`login` asks for a user when the workspace has users (LAN mode).
"""

from __future__ import annotations

from docgen.web.app import create_app, serve

__all__ = ["create_app", "serve"]
