"""Commands for `mlt agree`, `mlt adjudicate` and `mlt score`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

from ..corpus import excerpt
from ..errors import ToolkitError
from .common import (EXCLUDE_OPTION, STUDENTS_OPTION, TEACHER_OPTION, Choice, Strategy,
                     check_output_file, check_output_folder, device_ids, devices_option, echo,
                     format_option, formats_option, lang_option, language, paper_option, people,
                     printable, reports_errors, say, say_left_out, usage_error)


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("agree")(agree)
    app.command("adjudicate")(adjudicate)
    app.command("score")(score)


@reports_errors
def agree(ctx: typer.Context,
          folder: Path = typer.Argument(..., help="Collection folder: one <annotator>.jsonl each."),
          devices: Optional[str] = devices_option(),
          teacher: Optional[str] = TEACHER_OPTION,
          students: Optional[str] = STUDENTS_OPTION,
          exclude: Optional[str] = EXCLUDE_OPTION,
          fmt: str = format_option("table", "table", "json", "html", "pdf"),
          out: Optional[Path] = typer.Option(None, "-o", "--out", help="Write to this file "
                                             "(needed for pdf)."),
          lang: str = lang_option("en", "the html/pdf report"),
          ) -> None:
    """Compare annotators: span F1 per pair and device, Krippendorff's alpha, disputed passages."""
    from ..agreement.report import build_report, report_text, write_report
    from ..collection import load_collection

    catalogue = ctx.obj.catalogue
    language(catalogue, lang)
    wanted, chosen = device_ids(catalogue, devices), people(teacher, students, exclude)
    if fmt == "pdf" and out is None:
        raise usage_error("--format", "pdf needs -o FILE.pdf")
    if out is not None:
        check_output_file(out, True, f"agreement.{'txt' if fmt == 'table' else fmt}")
    collection = load_collection(folder, catalogue.unknown_label_message, chosen)
    say_left_out(collection)
    report = build_report(collection, catalogue, wanted)
    if report["suggestions"]["warning"]:
        say(f"warning: {report['suggestions']['kept']} of {report['suggestions']['spans']} "
            "spans are untouched suggestions; see the figures over own spans only")
    if fmt == "table":
        _print_tables(report)
    elif out is None:
        echo(report_text(report, fmt, catalogue, lang, folder.name), nl=False)
    else:
        write_report(report, fmt, out, catalogue, lang, folder.name)
        echo(f"wrote {out}")


def _num(value: float | None, digits: int = 2, none: str = "-") -> str:
    return none if value is None else f"{value:.{digits}f}"


def _print_tables(report: dict) -> None:
    from rich.console import Console  # Rich loads only for the commands that print a table
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False)
    report = json.loads(printable(json.dumps(report, ensure_ascii=False)))  # names: file names
    pooled = report["alpha"]["pooled"]
    roles = ", ".join(f"{name} ({role})" for name, role in report["roles"].items())
    console.print(f"{len(report['annotators'])} annotators: {roles}; {report['documents']} "
                  f"documents; Krippendorff's alpha (characters, all devices): "
                  f"{_num(pooled, 3)}", markup=False)
    for name, docs in report["not_submitted"].items():
        if docs:
            console.print(f"not submitted by {name}: {', '.join(docs)}", markup=False)
    own = report["own_spans_only"]
    if own is not None:
        kept = report["suggestions"]
        console.print(f"untouched suggestions: {kept['kept']} of {kept['spans']} spans; over own "
                      f"spans only, alpha {_num(own['alpha']['pooled'], 3)}", markup=False)
    pairs = Table(title="pairs of annotators")
    own_pairs = {(p["first"], p["second"]): p for p in own["pairs"]} if own else {}
    for column in ("A", "B", "docs", "exact F1", "overlap F1",
                   *(("own exact F1", "own overlap F1") if own else ())):
        pairs.add_column(column)
    for pair in report["pairs"]:
        mine = own_pairs.get((pair["first"], pair["second"]))
        pairs.add_row(escape(pair["first"]), escape(pair["second"]), str(pair["documents"]),
                      *(_num(pair[m]["f1"]) for m in ("exact", "overlap")),
                      *((_num(mine[m]["f1"]) for m in ("exact", "overlap")) if mine else ()))
    console.print(pairs)
    devices = Table(title="per device")
    for column in ("device", "alpha", *(("own alpha",) if own else ()), *report["annotators"]):
        devices.add_column(escape(column), no_wrap=column == "device")
    for device in report["devices"]:
        alpha = report["alpha"]["per_device"][device]
        cells = [report["heatmap"][a][device] for a in report["annotators"]]
        devices.add_row(device, _num(alpha, none="n/a"),
                        *((_num(own["alpha"]["per_device"][device], none="n/a"),) if own else ()),
                        *(_num(c) for c in cells))
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
               strategy: str = typer.Option("majority", "--strategy", click_type=Strategy(),
                                            help="majority; teacher "
                                            "(the collection's teacher's tags win); or "
                                            "teacher=NAME"),
               min_agree: Optional[int] = typer.Option(None, "--min-agree", min=1,
                                                       help="Annotators who must agree "
                                                            "(default: more than half)."),
               devices: Optional[str] = devices_option(),
               conflicts: Optional[Path] = typer.Option(None, "--conflicts", help="Also write the "
                                                        "conflicts to this CSV file."),
               force: bool = typer.Option(False, "--force", help="Overwrite an existing gold file."),
               teacher: Optional[str] = TEACHER_OPTION,
               students: Optional[str] = STUDENTS_OPTION,
               exclude: Optional[str] = EXCLUDE_OPTION,
               ) -> None:
    """Merge annotators into one gold set; list the conflicts a teacher should resolve."""
    from ..agreement.adjudicate import adjudicate_folder

    catalogue = ctx.obj.catalogue
    wanted, chosen = device_ids(catalogue, devices), people(teacher, students, exclude)
    check_output_file(out, True, "gold.jsonl")  # not a folder, not under a file
    if out.exists() and not force:
        raise ToolkitError(f"{out} exists; it may hold a teacher's edits. Use --force to "
                           "overwrite it, or -o another file")
    if conflicts is not None:
        check_output_file(conflicts, True, "conflicts.csv")
    gold = adjudicate_folder(folder, out, catalogue.unknown_label_message, chosen, strategy,
                             min_agree, wanted, conflicts)
    result, collection = gold.result, gold.collection
    say_left_out(collection)
    for message in gold.warnings:
        say(f"warning: {message}")
    spans = sum(len(d.spans) for d in result.documents)
    echo(f"wrote {len(result.documents)} document(s), {spans} span(s) to {out} "
         f"from {len(collection.annotators)} annotator(s)")
    for conflict in result.conflicts:
        c = conflict.candidate
        text = excerpt(collection.texts[c.doc_id].span_text(c.span), 40)
        verdict = "kept" if conflict.kept else "dropped"
        echo(f"conflict {c.doc_id}:{c.span.start}-{c.span.end} {c.span.label} «{text}» "
             f"{verdict}: {conflict.reason} ({', '.join(c.annotators)})")
    if result.conflicts:
        say(f"{len(result.conflicts)} conflict(s) to review")


@reports_errors
def score(ctx: typer.Context,
          folder: Path = typer.Argument(..., help="Collection folder: one <student>.jsonl each."),
          key: Path = typer.Option(..., "--key", help="The teacher's key (gold JSONL)."),
          out: Path = typer.Option(..., "-o", "--out", help="Folder for grades.csv and the "
                                   "feedback sheets."),
          lang: str = lang_option("en", "the feedback sheets"),
          devices: Optional[str] = devices_option(),
          formats: Any = formats_option("pdf,html", "pdf", "html",
                                        help="Feedback sheet formats: pdf, html or pdf,html."),
          lessons: list[Path] = typer.Option([], "--lesson", help="The lesson spec the students "
                                             "worked from: feedback then cites the worksheet's "
                                             "printed line numbers (may be repeated)."),
          paper: str = paper_option("that worksheet"),
          suggestion_credit: str = typer.Option(
              "half", "--suggestion-credit",
              click_type=Choice(source="toolkit.agreement.scoring:SuggestionCredit"),
              help="How a suggestion the student kept untouched counts: full (as their own "
              "tag), half (half the credit when right, half an extra when wrong) or none (only "
              "their own tags are graded)."),
          teacher: Optional[str] = TEACHER_OPTION,
          students: Optional[str] = STUDENTS_OPTION,
          exclude: Optional[str] = EXCLUDE_OPTION,
          ) -> None:
    """Score each student against the key: grades.csv and a feedback sheet per student.
    Only submitted documents are scored; teachers are not graded."""
    from ..agreement.feedback import write_feedback
    from ..agreement.scoring import SuggestionCredit

    catalogue = ctx.obj.catalogue
    language(catalogue, lang)
    if students is not None and Path(students).is_dir():
        raise ToolkitError(f"--students names students (A,B); the collection folder is the "
                           f"first argument: mlt score {students} --key ... -o ...")
    wanted, chosen = device_ids(catalogue, devices), people(teacher, students, exclude)
    check_output_folder(out, "score writes grades.csv and the feedback sheets there")
    report = write_feedback(key, folder, out, catalogue, lang, wanted, formats, None, chosen,
                            SuggestionCredit(suggestion_credit), lessons, paper)
    for item in report.left_out:
        say(f"left out {item}")
    sheets = sum(1 for s in report.scores if s.submitted)
    echo(f"wrote {out / 'grades.csv'} ({len(report.scores)} student(s)) and {sheets} "
         f"feedback sheet(s) to {out}")
    if report.not_submitted:
        say(f"not submitted (no grade, no sheet): {', '.join(report.not_submitted)}")
