"""The workspace every command works in, handed down from the `docgen` group."""

from __future__ import annotations

import click

from docgen.workspace import Workspace

pass_workspace = click.make_pass_decorator(Workspace)
