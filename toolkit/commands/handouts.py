"""Commands for `mlt build` (issue: handout compiler)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import comma_list, reports_errors


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""

    @app.command()
    @reports_errors
    def build(ctx: typer.Context,
              lessons: list[Path] = typer.Argument(
                  ..., help="Lesson files (lessons/NAME.yaml) or folders of them."),
              out: Path = typer.Option(Path("exports"), "--out", "-o",
                                       help="Output folder; each lesson gets OUT/NAME/."),
              fmt: str = typer.Option("pdf,html", "--format", help="pdf, html or pdf,html"),
              handouts: str = typer.Option("student,teacher,annotated", "--handouts",
                                           help="Which handouts to write (comma-separated)."),
              paper: str = typer.Option("a4", "--paper", help="a4 or letter"),
              jobs: Optional[int] = typer.Option(None, "--jobs", "-j",
                                                 help="Lessons built in parallel "
                                                      "(default: the number of cores)."),
              force: bool = typer.Option(False, "--force",
                                         help="Rebuild even when nothing changed."),
              ) -> None:
        """Compile lessons into student worksheets, teacher keys and annotated articles."""
        from ..handouts import BuildOptions, build_lessons

        options = BuildOptions(out=out, formats=tuple(comma_list(fmt) or ()), kinds=tuple(comma_list(handouts) or ()),
                               paper=paper.lower(), jobs=jobs, force=force)
        results = build_lessons(lessons, ctx.obj.catalogue, options,
                                progress=lambda stage, done, total: typer.echo(stage, err=True))
        for result in results:
            for warning in result.warnings:
                typer.echo(f"warning: {result.name}: {warning}", err=True)
            if result.status == "unchanged":
                typer.echo(f"unchanged {result.name}: {result.folder}/")
            else:
                pages = ", ".join(f"{kind} {n}p" for kind, n in result.pages.items())
                detail = f" ({pages})" if pages else ""
                typer.echo(f"built {result.name}: {result.folder}/ "
                           f"{len(result.files)} file(s){detail}")
