"""Commands for `mlt agree`, `mlt adjudicate` and `mlt score`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from ..atomic import atomic_write_text
from ..corpus import excerpt, write_jsonl
from ..errors import ToolkitError
from .common import comma_list, device_ids, reports_errors


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("agree")(agree)
    app.command("adjudicate")(adjudicate)
    app.command("score")(score)


@reports_errors
def agree(ctx: typer.Context,
          folder: Path = typer.Argument(..., help="Collection folder: one <annotator>.jsonl each."),
          devices: Optional[str] = typer.Option(None, "--devices", help="Only these device ids "
                                                "(comma-separated)."),
          annotators: Optional[str] = typer.Option(None, "--annotators", help="Only these "
                                                   "annotators (default: every file but gold "
                                                   "and suggestions)."),
          fmt: str = typer.Option("table", "--format", help="table, json, html or pdf"),
          out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write to this file "
                                             "(needed for pdf)."),
          lang: str = typer.Option("en", "--lang", help="Language of the html/pdf report."),
          ) -> None:
    """Compare annotators: span F1 per pair and device, Krippendorff's alpha, disputed passages."""
    from ..agreement.collection import load_collection
    from ..agreement.report import build_report, render_html

    catalogue = ctx.obj.catalogue
    if fmt not in ("table", "json", "html", "pdf"):
        raise ToolkitError(f"unknown --format {fmt!r} (allowed: table, json, html, pdf)")
    if lang not in catalogue.languages:
        raise ToolkitError(f"unknown --lang {lang!r} (allowed: {', '.join(catalogue.languages)})")
    collection = load_collection(folder, catalogue.unknown_label_message, comma_list(annotators))
    report = build_report(collection, catalogue, device_ids(catalogue, devices))
    if fmt == "table":
        _print_tables(report)
        return
    if fmt == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_html(report, catalogue, lang, title=f"{folder.name}")
    if fmt == "pdf":
        if out is None:
            raise ToolkitError("--format pdf needs -o FILE.pdf")
        from ..agreement.feedback import write_pdf

        write_pdf(text, out)
        typer.echo(f"wrote {out}")
    elif out is not None:
        atomic_write_text(out, text)
        typer.echo(f"wrote {out}")
    else:
        typer.echo(text, nl=False)


def _print_tables(report: dict) -> None:
    console = Console()
    pooled = report["alpha"]["pooled"]
    console.print(f"{len(report['annotators'])} annotators, {report['documents']} documents; "
                  f"Krippendorff's alpha (characters, all devices): "
                  f"{'n/a' if pooled is None else f'{pooled:.3f}'}")
    pairs = Table(title="pairs of annotators")
    for column in ("A", "B", "docs", "exact F1", "overlap F1"):
        pairs.add_column(column)
    for pair in report["pairs"]:
        pairs.add_row(pair["first"], pair["second"], str(pair["documents"]),
                      *("-" if pair[m]["f1"] is None else f"{pair[m]['f1']:.2f}"
                        for m in ("exact", "overlap")))
    console.print(pairs)
    devices = Table(title="per device")
    for column in ("device", "alpha", *report["annotators"]):
        devices.add_column(column, no_wrap=column == "device")
    for device in report["devices"]:
        alpha = report["alpha"]["per_device"][device]
        cells = [report["heatmap"][a][device] for a in report["annotators"]]
        devices.add_row(device, "n/a" if alpha is None else f"{alpha:.2f}",
                        *("-" if c is None else f"{c:.2f}" for c in cells))
    console.print(devices)
    for doc_id, passages in report["passages"].items():
        for passage in passages:
            tags = ", ".join(f"{d} {n}/{passage['annotators']}"
                             for d, n in passage["devices"].items())
            snippet = excerpt(passage["text"])
            console.print(f"{doc_id}:{passage['start']}-{passage['end']}  {tags}  «{snippet}»",
                          highlight=False, markup=False)


@reports_errors
def adjudicate(ctx: typer.Context,
               folder: Path = typer.Argument(..., help="Collection folder of annotator files."),
               out: Path = typer.Option(..., "-o", "--out", help="The gold file to write, e.g. "
                                        "DIR/gold.jsonl."),
               strategy: str = typer.Option("majority", "--strategy", help="majority, or "
                                            "teacher=NAME (the teacher's tags win)"),
               min_agree: Optional[int] = typer.Option(None, "--min-agree", help="Annotators who "
                                                       "must agree (default: more than half)."),
               devices: Optional[str] = typer.Option(None, "--devices", help="Only these devices."),
               conflicts: Optional[Path] = typer.Option(None, "--conflicts", help="Also write the "
                                                        "conflicts to this CSV file."),
               force: bool = typer.Option(False, "--force", help="Overwrite an existing gold file."),
               ) -> None:
    """Merge annotators into one gold set; list the conflicts a teacher should resolve."""
    from ..agreement.adjudicate import adjudicate as run
    from ..agreement.collection import load_collection
    from ..agreement.tables import conflicts_csv

    if out.exists() and not force:
        raise ToolkitError(f"{out} exists; it may hold a teacher's edits. Use --force to "
                           "overwrite it, or -o another file")
    catalogue = ctx.obj.catalogue
    exclude = ("gold", "suggestions", out.stem) if out.parent.resolve() == folder.resolve() \
        else ("gold", "suggestions")
    collection = load_collection(folder, catalogue.unknown_label_message, exclude=exclude)
    result = run(collection, strategy, min_agree, device_ids(catalogue, devices))
    write_jsonl(out, result.documents)
    spans = sum(len(d.spans) for d in result.documents)
    typer.echo(f"wrote {len(result.documents)} document(s), {spans} span(s) to {out} "
               f"from {len(collection.annotators)} annotator(s)")
    if conflicts is not None:
        atomic_write_text(conflicts, conflicts_csv(result, collection))
    for conflict in result.conflicts:
        c = conflict.candidate
        text = excerpt(collection.texts[c.doc_id].span_text(c.span), 40)
        verdict = "kept" if conflict.kept else "dropped"
        typer.echo(f"conflict {c.doc_id}:{c.span.start}-{c.span.end} {c.span.label} «{text}» "
                   f"{verdict}: {conflict.reason} ({', '.join(c.annotators)})")
    if result.conflicts:
        typer.echo(f"{len(result.conflicts)} conflict(s) to review", err=True)


@reports_errors
def score(ctx: typer.Context,
          key: Path = typer.Option(..., "--key", help="The teacher's key (gold JSONL)."),
          students: Path = typer.Option(..., "--students", help="Folder of <student>.jsonl."),
          out: Path = typer.Option(..., "-o", "--out", help="Folder for grades.csv and the "
                                   "feedback sheets."),
          lang: str = typer.Option("en", "--lang", help="Language of the feedback sheets."),
          devices: Optional[str] = typer.Option(None, "--devices", help="Only these devices."),
          formats: str = typer.Option("pdf,html", "--format", help="Feedback sheet formats."),
          lessons: list[Path] = typer.Option([], "--lesson", help="The lesson spec the students "
                                             "worked from: feedback then cites the worksheet's "
                                             "printed line numbers (may be repeated)."),
          paper: str = typer.Option("a4", "--paper", help="Paper of that worksheet: a4 or letter."),
          ) -> None:
    """Score each student against the key: grades.csv and a feedback sheet per student."""
    from ..agreement.feedback import write_feedback

    catalogue = ctx.obj.catalogue
    if lang not in catalogue.languages:
        raise ToolkitError(f"unknown --lang {lang!r} (allowed: {', '.join(catalogue.languages)})")
    if paper not in ("a4", "letter"):
        raise ToolkitError(f"unknown --paper {paper!r} (allowed: a4, letter)")
    wanted = comma_list(formats) or []
    bad = [f for f in wanted if f not in ("pdf", "html")]
    if bad or not wanted:
        raise ToolkitError(f"unknown --format {formats!r} (allowed: pdf, html, or both)")
    lines = {}
    if lessons:
        from ..handouts.build import load_lessons, printed_lines

        for lesson in load_lessons(lessons, catalogue):
            lines[lesson.document.fingerprint] = printed_lines(lesson, paper).line_of
    written = write_feedback(key, students, out, catalogue, lang, device_ids(catalogue, devices), wanted,
                             lines)
    typer.echo(f"wrote {out / 'grades.csv'} and {written} feedback sheet(s) to {out}")
