"""`mlt import ptc|text` and `mlt export ptc`: other formats in and out of doccano JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..corpus import read_jsonl, write_jsonl
from ..devices import Catalogue
from ..errors import ToolkitError
from .common import check_output_file, check_output_folder, echo, progress_bar, reports_errors, say


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    import_app = typer.Typer(help="Import articles from other formats into doccano JSONL.",
                             no_args_is_help=True)
    export_app = typer.Typer(help="Export doccano JSONL to other formats.", no_args_is_help=True)
    import_app.command("ptc")(import_ptc)
    import_app.command("text")(import_text)
    export_app.command("ptc")(export_ptc)
    app.add_typer(import_app, name="import")
    app.add_typer(export_app, name="export")


@reports_errors
def import_ptc(ctx: typer.Context,
               articles: Path = typer.Argument(..., help="Folder of articleID.txt files."),
               labels: Path = typer.Argument(..., help="Folder of articleID.task2-TC.labels."),
               out: Path = typer.Option(..., "-o", "--out", help="The JSONL file to write."),
               force: bool = typer.Option(False, "--force", help="Overwrite an existing -o file."),
               ) -> None:
    """Import Propaganda Techniques Corpus articles and labels (techniques become devices)."""
    from ..formats.ptc import import_ptc as run

    check_output_file(out, force, "ptc.jsonl")
    with progress_bar("reading PTC articles") as update:
        documents = run(articles, labels, ctx.obj.catalogue, progress=update)
    count = write_jsonl(out, documents)
    spans = sum(len(d.spans) for d in documents)
    echo(f"wrote {count} document(s), {spans} span(s) to {out}")


@reports_errors
def import_text(files: list[Path] = typer.Argument(..., help="Plain-text article files."),
                out: Path = typer.Option(..., "-o", "--out", help="The JSONL file to write."),
                encoding: Optional[str] = typer.Option(
                    None, "--encoding", help="utf-8, gb18030, big5, utf-16, ... (default: detect)"),
                keep_whole: bool = typer.Option(
                    False, "--keep-whole", help="Do not separate page furniture and comments."),
                force: bool = typer.Option(False, "--force", help="Overwrite an existing -o file."),
                ) -> None:
    """Import plain-text articles: body, page furniture and reader comments kept apart."""
    from ..formats.text import import_text as run

    check_output_file(out, force, "articles.jsonl", files)
    documents = run(files, encoding=encoding, split_sections=not keep_whole)
    count = write_jsonl(out, documents)
    echo(f"wrote {count} document(s) to {out}")


@reports_errors
def export_ptc(ctx: typer.Context,
               source: Path = typer.Argument(..., help="The JSONL file to export."),
               out: Path = typer.Option(..., "-o", "--out", help="The folder to write.")) -> None:
    """Write articleID.txt and articleID.task2-TC.labels files (devices become techniques)."""
    from ..formats.ptc import export_ptc as run

    cat: Catalogue = ctx.obj.catalogue
    check_output_folder(out, "export ptc writes a folder of articleID.txt and "
                             "articleID.task2-TC.labels files")
    documents = read_jsonl(source, cat.unknown_label_message)
    try:
        result = run(documents, out, cat)
    except OSError as exc:
        raise ToolkitError(f"cannot write {exc.filename2 or exc.filename or out}: "
                           f"{exc.strerror or exc.__class__.__name__}") from None
    echo(f"wrote {result.articles} article(s), {result.spans} span(s) to {out}")
    for device, count in sorted(result.skipped.items()):
        say(f"skipped {count} {device} span(s): PTC has no such technique")
