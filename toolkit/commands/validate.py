"""`mlt validate`: check annotation files."""

from __future__ import annotations

from pathlib import Path

import typer

from ..devices import Catalogue
from ..validation import validate_paths
from .common import EXIT_FAILED, echo, reports_errors, say


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("validate")(validate)


@reports_errors
def validate(ctx: typer.Context,
             paths: list[Path] = typer.Argument(..., help="JSONL files or folders (searched "
                                                          "recursively for *.jsonl)."),
             strict: bool = typer.Option(False, "--strict", help="Fail on warnings too.")) -> None:
    """Check annotation files; print every problem as PATH:LINE: message; exit 1 on errors."""
    cat: Catalogue = ctx.obj.catalogue
    report = validate_paths(paths, cat.unknown_label_message,
                            on_problem=lambda p: echo(str(p)))
    say(f"checked {report.files} file(s), {report.documents} document(s), "
        f"{report.spans} span(s): {report.errors} error(s), {report.warnings} warning(s)")
    if not report.ok or (strict and report.warnings):
        raise typer.Exit(EXIT_FAILED)
