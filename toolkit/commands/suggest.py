"""Commands for `mlt suggest` and `mlt evaluate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from ..corpus import read_jsonl, write_jsonl
from ..devices import Catalogue
from ..errors import ToolkitError
from .common import (Choice, check_output_file, comma_list, device_ids, devices_option, echo,
                     format_option, progress_bar, reports_errors, say, usage_error)

if TYPE_CHECKING:
    from rich.table import Table

    from ..evaluation import Evaluation


def _parse_groups(values: list[str], catalogue: Catalogue) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for value in values:
        name, sep, members = value.partition("=")
        ids = comma_list(members)
        if not sep or not name.strip() or not ids:
            raise usage_error("--group", f"{value!r} must look like NAME=DEVICE,DEVICE "
                                         "(e.g. SOURCING=ANONYMOUS_SOURCE,VAGUE_ATTRIBUTION)")
        try:
            groups[name.strip()] = catalogue.resolve_ids(ids)
        except ToolkitError as exc:
            raise usage_error("--group", str(exc)) from None
    return groups


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _table(evaluation: Evaluation, title: str) -> Table:
    from rich.table import Table  # Rich loads only when a table is printed

    table = Table(title=title)
    for column in ("device", "gold", "pred", "found", "correct", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "device" else "right",
                         no_wrap=column == "device")
    for score in (*evaluation.scores, evaluation.overall):
        table.add_row(score.label, str(score.gold), str(score.predicted), str(score.found),
                      str(score.correct), _rate(score.precision), _rate(score.recall),
                      _rate(score.f1))
    return table


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command("suggest")(suggest)
    app.command("evaluate")(evaluate)


@reports_errors
def suggest(ctx: typer.Context,
            inputs: list[Path] = typer.Argument(..., help="Articles (.txt) or documents "
                                                          "(.jsonl)."),
            out: Path = typer.Option(..., "-o", "--out", help="The JSONL file to write."),
            lang: str = typer.Option("auto", "--lang", click_type=Choice(
                source="toolkit.suggest.run:LANG_CHOICES"), help="zh, en or auto (the "
                "document's `language`, else detected)."),
            devices: Optional[str] = devices_option(),
            segmenter: str = typer.Option("char", "--segmenter", click_type=Choice(
                source="toolkit.suggest.pipeline:SEGMENTERS"),
                help="Chinese segmenter: char or jieba."),
            rules: list[Path] = typer.Option(
                [], "--rules", help="An extra pattern file or folder of *.yaml; may be "
                                    "repeated."),
            keep_existing: bool = typer.Option(
                False, "--keep-existing", help="Keep the spans the input already has."),
            keywords_only: bool = typer.Option(
                False, "--keywords-only", help="Baseline: phrase rules only, each marking "
                                               "just the words matched."),
            force: bool = typer.Option(False, "--force",
                                       help="Overwrite an existing -o file."),
            model: Optional[Path] = typer.Option(
                None, "--model", metavar="DIR", help="Add the spans of a model made by "
                                                     "`mlt train`."),
            ) -> None:
    """Pre-annotate articles: suggest device spans from rules, with the reason for each."""
    from ..suggest import SuggestOptions, SuggestReport, read_inputs, suggest_documents

    cat: Catalogue = ctx.obj.catalogue
    wanted = device_ids(cat, devices)
    check_output_file(out, force, "suggestions.jsonl", inputs)
    options = SuggestOptions(lang, tuple(wanted) if wanted else None, segmenter,
                             tuple(str(r) for r in rules), keywords_only, keep_existing)
    documents = read_inputs(inputs, cat.unknown_label_message)
    report = SuggestReport()
    with progress_bar("suggesting") as update:
        results = list(suggest_documents(documents, options,
                                         check_label=cat.unknown_label_message,
                                         report=report, progress=update))
        if model is not None:
            from ..model import suggest_with_model
            results = suggest_with_model(results, model, lang, wanted, report, update)
    write_jsonl(out, results)
    echo(f"wrote {report.documents} document(s), {report.suggestions} suggestion(s) to {out}")
    for device in cat.ids:
        if report.per_device.get(device):
            echo(f"  {device}: {report.per_device[device]}")
    if report.dropped_existing:
        say(f"note: {report.dropped_existing} span(s) already in the input were not "
            "copied (use --keep-existing to keep them)")


@reports_errors
def evaluate(ctx: typer.Context,
             gold: Path = typer.Option(..., "--gold", help="Gold JSONL (the reference)."),
             pred: Optional[Path] = typer.Option(None, "--pred", help="Predicted JSONL (e.g. "
                                                                      "from `mlt suggest`)."),
             match: str = typer.Option("both", "--match",
                                       click_type=Choice("exact", "overlap", "both"),
                                       help="exact, overlap or both."),
             devices: Optional[str] = devices_option(
                 "Score only these devices (or group names), comma-separated."),
             group: list[str] = typer.Option(
                 [], "--group", help="Score several devices as one: NAME=ID,ID; may be "
                                     "repeated."),
             fmt: str = format_option("table", "table", "json"),
             cv: Optional[int] = typer.Option(
                 None, "--cv", metavar="K", min=2, help="Instead of --pred: cross-validate a model "
                 "(`mlt train`) on --gold, K folds by document."),
             ) -> None:
    """Precision, recall and F1 of predicted spans against gold spans, per device."""
    from ..evaluation import MATCH_MODES, evaluate_documents

    cat: Catalogue = ctx.obj.catalogue
    modes = list(MATCH_MODES) if match == "both" else [match]
    groups = _parse_groups(group, cat)
    labels = device_ids(cat, devices, also=list(groups))
    if (cv is None) == (pred is None):
        raise usage_error("--pred", "give --pred FILE (predictions to score) or --cv K "
                                    "(cross-validate a model on --gold), not both")
    if cv is not None:
        from ..model import cross_validated
        with progress_bar("cross-validating") as update:
            gold_docs, pred_docs = cross_validated(gold, cv, None, cat, update)
    else:
        gold_docs = read_jsonl(gold, cat.unknown_label_message)
        pred_docs = read_jsonl(pred, cat.unknown_label_message)
    results = [evaluate_documents(gold_docs, pred_docs, mode, labels, groups)
               for mode in modes]
    if fmt == "json":
        echo(json.dumps({"gold": str(gold), "pred": str(pred),
                         "results": [r.to_json() for r in results]}, indent=2))
        return
    from rich.console import Console

    console = Console(width=max(Console().width, 100))
    for result in results:
        console.print(_table(result, f"{result.mode} match, {result.documents} document(s)"))
