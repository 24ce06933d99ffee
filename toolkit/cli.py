"""The `mlt` command: parse arguments, call the library, print. The one place that turns a
ToolkitError into `Error: ...` on stderr and a non-zero exit code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import __version__
from .corpus import write_jsonl
from .commands import agreement, doccano, handouts, model, suggest
from .commands.common import State, check_output_file, progress_bar, reports_errors
from .devices import Catalogue
from .errors import ToolkitError
from .validation import validate_paths

app = typer.Typer(help="Media-literacy toolkit: turn news articles into lessons on rhetorical "
                       "devices.", no_args_is_help=True, add_completion=False)
import_app = typer.Typer(help="Import articles from other formats into doccano JSONL.",
                         no_args_is_help=True)
export_app = typer.Typer(help="Export doccano JSONL to other formats.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
for _area in (handouts, suggest, agreement, doccano, model):
    _area.register(app)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlt {__version__}")
        raise typer.Exit()


@app.callback()
def main(ctx: typer.Context,
         catalogue: list[Path] = typer.Option(
             [], "--catalogue", metavar="FILE",
             help="An extra device catalogue file (your own devices); may be repeated. "
                  "Also read from $MLT_CATALOGUE."),
         version: Optional[bool] = typer.Option(None, "--version", callback=_version,
                                                is_eager=True, help="Print the version.")) -> None:
    """Media-literacy toolkit."""
    ctx.obj = State(list(catalogue))


@app.command()
@reports_errors
def devices(ctx: typer.Context,
            fmt: str = typer.Option("table", "--format", help="table or json"),
            lang: str = typer.Option("en", "--lang", help="language of the definitions (zh, en)"),
            long: bool = typer.Option(False, "--long", help="Add PTC labels and definitions."),
            ) -> None:
    """List the rhetorical devices of the catalogue."""
    cat: Catalogue = ctx.obj.catalogue
    if fmt == "json":
        typer.echo(json.dumps([d.to_json() for d in cat.devices.values()], ensure_ascii=False,
                              indent=2))
        return
    if fmt != "table":
        raise ToolkitError(f"unknown --format {fmt!r} (allowed: table, json)")
    if lang not in cat.languages:
        raise ToolkitError(f"unknown --lang {lang!r} (allowed: {', '.join(cat.languages)})")
    table = Table(title=f"{len(cat.devices)} devices", show_lines=False)
    columns = ["id", "key", "family", *cat.languages] + (["PTC", "definition"] if long else [])
    for column in columns:
        table.add_column(Text(column), overflow="fold", no_wrap=column == "id")
    for device in cat.devices.values():
        row = [device.id, device.shortcut, device.family, *(device.name[c] for c in cat.languages)]
        if long:
            row += [", ".join(device.ptc) or "-", device.definition[lang]]
        table.add_row(*map(Text, row))  # catalogue text is data, never Rich markup
    Console().print(table)


@app.command()
@reports_errors
def validate(ctx: typer.Context,
             paths: list[Path] = typer.Argument(..., help="JSONL files or folders (searched "
                                                          "recursively for *.jsonl)."),
             strict: bool = typer.Option(False, "--strict", help="Fail on warnings too.")) -> None:
    """Check annotation files; print every problem as PATH:LINE: message; exit 1 on errors."""
    cat: Catalogue = ctx.obj.catalogue
    report = validate_paths(paths, cat.unknown_label_message,
                            on_problem=lambda p: typer.echo(str(p)))
    summary = (f"checked {report.files} file(s), {report.documents} document(s), "
               f"{report.spans} span(s): {report.errors} error(s), {report.warnings} warning(s)")
    typer.echo(summary, err=True)
    if not report.ok or (strict and report.warnings):
        raise typer.Exit(1)


@import_app.command("ptc")
@reports_errors
def import_ptc(ctx: typer.Context,
               articles: Path = typer.Argument(..., help="Folder of articleID.txt files."),
               labels: Path = typer.Argument(..., help="Folder of articleID.task2-TC.labels."),
               out: Path = typer.Option(..., "-o", "--out", help="The JSONL file to write.")) -> None:
    """Import Propaganda Techniques Corpus articles and labels (techniques become devices)."""
    from .formats.ptc import import_ptc as run

    with progress_bar("reading PTC articles") as update:
        documents = run(articles, labels, ctx.obj.catalogue,
                        progress=update)
    count = write_jsonl(out, documents)
    spans = sum(len(d.spans) for d in documents)
    typer.echo(f"wrote {count} document(s), {spans} span(s) to {out}")


@import_app.command("text")
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
    from .formats.text import import_text as run, readable_name

    check_output_file(out, force, "articles.jsonl")
    documents = run(files, encoding=encoding, split_sections=not keep_whole)
    count = write_jsonl(out, documents)
    typer.echo(f"wrote {count} document(s) to {readable_name(str(out))}")


@export_app.command("ptc")
@reports_errors
def export_ptc(ctx: typer.Context,
               source: Path = typer.Argument(..., help="The JSONL file to export."),
               out: Path = typer.Option(..., "-o", "--out", help="The folder to write.")) -> None:
    """Write articleID.txt and articleID.task2-TC.labels files (devices become techniques)."""
    from .corpus import read_jsonl
    from .formats.ptc import export_ptc as run

    cat: Catalogue = ctx.obj.catalogue
    if out.exists() and not out.is_dir():
        raise ToolkitError(f"-o {out}: is a file, not a folder (export ptc writes a folder of "
                           "articleID.txt and articleID.task2-TC.labels files)")
    documents = read_jsonl(source, cat.unknown_label_message)
    try:
        result = run(documents, out, cat)
    except OSError as exc:
        raise ToolkitError(f"cannot write {exc.filename2 or exc.filename or out}: "
                           f"{exc.strerror or exc.__class__.__name__}") from None
    typer.echo(f"wrote {result.articles} article(s), {result.spans} span(s) to {out}")
    for device, count in sorted(result.skipped.items()):
        typer.echo(f"skipped {count} {device} span(s): PTC has no such technique", err=True)
