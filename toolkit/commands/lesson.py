"""Commands for lessons: `mlt lesson new` writes a starter lesson spec (issue #12)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import check_output_file, reports_errors

lesson_app = typer.Typer(help="Start and manage lesson specs (lessons/NAME.yaml).",
                         no_args_is_help=True)


@lesson_app.command("new")
@reports_errors
def new(ctx: typer.Context,
        articles: Path = typer.Argument(..., help="A JSONL file with the article and its spans "
                                                  "(annotations, gold or suggestions)."),
        out: Path = typer.Option(..., "--out", "-o", help="The spec to write, e.g. "
                                                          "lessons/NAME.yaml."),
        document: Optional[str] = typer.Option(None, "--document", "-d",
                                               help="The article's doc_id (needed when the "
                                                    "file holds several articles)."),
        lang: Optional[str] = typer.Option(None, "--lang",
                                           help="The handouts' language, zh or en (default: "
                                                "the article's)."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing spec."),
        ) -> None:
    """Write a starter lesson spec for one article: title, source, focus devices chosen from
    its spans, tasks, questions with model answers and a notes skeleton, all editable."""
    from ..atomic import atomic_write_text
    from ..handouts.starter import starter_spec

    from ..errors import ToolkitError

    if out.is_file() and not force:
        raise ToolkitError(f"{out} exists (it may hold a teacher's edits); use --force to "
                           "overwrite it, or -o another file")
    check_output_file(out, True, "lesson.yaml", [articles])
    starter = starter_spec(articles, out, ctx.obj.catalogue, document, lang)
    atomic_write_text(out, starter.text)
    focus = ", ".join(starter.focus) or "none (the article has no spans yet)"
    typer.echo(f"wrote {out}: {starter.document} ({starter.language}), {starter.spans} span(s), "
               f"focus {focus}")
    typer.echo(f"next: edit it, then mlt build {out}")


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.add_typer(lesson_app, name="lesson")
