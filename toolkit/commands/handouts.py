"""Commands for `mlt build` (issue: handout compiler)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from .common import (ChoiceList, check_output_folder, echo, paper_option, reports_errors,
                     say)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("build")(build)


@reports_errors
def build(ctx: typer.Context,
          lessons: list[Path] = typer.Argument(
              ..., help="Lesson files (lessons/NAME.yaml) or folders of them."),
          out: Path = typer.Option(Path("exports"), "--out", "-o",
                                   help="Output folder; each lesson gets OUT/NAME/."),
          fmt: Any = typer.Option("pdf,html", "--format", click_type=ChoiceList(
              source="toolkit.handouts.build:FORMATS"), help="pdf, html or pdf,html."),
          handouts: Any = typer.Option("student,teacher,annotated", "--handouts",
                                       click_type=ChoiceList(
                                           source="toolkit.handouts.render:KINDS"),
                                       help="Which handouts to write (comma-separated)."),
          paper: str = paper_option("the handouts"),
          jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                             help="Processes rendering handouts at once "
                                                  "(default: the number of cores, and with "
                                                  "two or more, one per handout of a lesson "
                                                  "at least)."),
          force: bool = typer.Option(False, "--force",
                                     help="Rebuild even when nothing changed."),
          ) -> None:
    """Compile lessons into student worksheets, teacher keys and annotated articles."""
    from ..handouts import BuildOptions, build_lessons

    check_output_folder(out, "build writes a folder per lesson there")
    options = BuildOptions(out=out, formats=fmt, kinds=handouts, paper=paper, jobs=jobs,
                           force=force)
    results = build_lessons(lessons, ctx.obj.catalogue, options,
                            progress=lambda stage, done, total: say(stage))
    for result in results:
        for warning in result.warnings:
            say(f"warning: {result.name}: {warning}")
        if result.status == "unchanged":
            echo(f"unchanged {result.name}: {result.folder}/")
        else:
            pages = ", ".join(f"{kind} {n}p" for kind, n in result.pages.items())
            detail = f" ({pages})" if pages else ""
            echo(f"built {result.name}: {result.folder}/ "
                 f"{len(result.files)} file(s){detail}")
