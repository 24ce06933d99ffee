"""Commands for lessons: `mlt lesson new` writes a starter lesson spec (issue #12)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import ToolkitError
from .common import check_output_file, echo, language, reports_errors


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    lesson_app = typer.Typer(help="Start lesson specs (lessons/NAME.yaml) for `mlt build`.",
                             no_args_is_help=True)
    lesson_app.command("new")(new)
    app.add_typer(lesson_app, name="lesson")


@reports_errors
def new(ctx: typer.Context,
        articles: Path = typer.Argument(..., help="A JSONL file with the article and its spans "
                                                  "(annotations, gold or suggestions)."),
        out: Path = typer.Option(..., "-o", "--out",
                                 help="The spec to write, e.g. lessons/NAME.yaml."),
        document: Optional[str] = typer.Option(None, "--document", "-d",
                                               help="The article's doc_id (needed when the "
                                                    "file holds several articles)."),
        lang: Optional[str] = typer.Option(None, "--lang", metavar="LANG",
                                           help="Language of the handouts' own words: one the "
                                                "catalogue declares (default: the article's)."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing spec."),
        ) -> None:
    """Write a starter lesson spec for one article: title, source, focus devices chosen from
    its spans, tasks, questions with model answers and a notes skeleton, all editable."""
    from ..atomic import atomic_write_text
    from ..handouts.starter import starter_spec

    if lang is not None:
        language(ctx.obj.catalogue, lang)
    if out.is_file() and not force:
        raise ToolkitError(f"{out} exists (it may hold a teacher's edits); use --force to "
                           "overwrite it, or -o another file")
    check_output_file(out, True, "lesson.yaml", [articles])
    starter = starter_spec(articles, out, ctx.obj.catalogue, document, lang)
    atomic_write_text(out, starter.text)
    focus = ", ".join(starter.focus) or "none (the article has no spans yet)"
    echo(f"wrote {out}: {starter.document} ({starter.language}), {starter.spans} span(s), "
         f"focus {focus}")
    echo(f"next: edit it, then mlt build {out}")
