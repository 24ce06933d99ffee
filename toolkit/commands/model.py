"""The command `mlt train`: learn a model from collections' gold files (docs/model.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from ..devices import Catalogue
from .common import Choice, echo, progress_bar, reports_errors, say


@reports_errors
def train(ctx: typer.Context,
          inputs: list[Path] = typer.Argument(..., metavar="COLLECTION...",
                                              help="Collection folders (their gold files) or "
                                                   "gold JSONL files; several join up."),
          out: Path = typer.Option(..., "-o", "--out", help="The model folder to write."),
          force: bool = typer.Option(False, "--force", help="Replace an existing model "
                                                            "folder."),
          unit: str = typer.Option("sentence+word", "--unit", click_type=Choice(
              source="toolkit.model.learn:UNIT_CHOICES"), help="What a suggestion covers: "
                                   "sentence+word (the default, best on PTC: sentences, and "
                                   "for devices of short spans the words inside them where "
                                   "that proves better on the training data), sentence "
                                   "(whole sentences), token (word runs), or auto (sentences "
                                   "for devices whose spans are clauses, word runs for the "
                                   "others)."),
          ) -> None:
    """Train a model (one CRF tagger per device) on gold annotations, for `mlt suggest
    --model`."""
    from ..model import check_output, gather, settings_for_unit, train as train_model

    cat: Catalogue = ctx.obj.catalogue
    settings = settings_for_unit(unit)
    check_output(out, force)
    gold = gather(inputs, cat.unknown_label_message)
    with progress_bar("training") as update:
        model = train_model(gold.documents, out, settings, progress=update, replace=force)
    manifest = model.manifest
    echo(f"trained on {len(manifest.documents)} document(s) from {len(gold.files)} gold "
         f"file(s) ({', '.join(manifest.languages)}); wrote {out}")
    for device, spans in manifest.devices.items():
        echo(f"  {device}: {spans} gold span(s)")
    if gold.repeated:
        say(f"note: {gold.repeated} document(s) whose text was already read were left "
            "out (each text is learnt once)")


def register(app: typer.Typer) -> None:
    """Add this area's commands to `app`."""
    app.command()(train)
