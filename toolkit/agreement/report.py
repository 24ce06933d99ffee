"""The agreement report as plain data, and its HTML rendering (an annotator × device heatmap)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..devices import Catalogue
from ..collection import Collection
from ..evaluation import Score
from ..render import environment, ui_strings
from .measures import character_alpha, pairwise
from .passages import disputed_passages

TEMPLATES = Path(__file__).with_name("templates")


def build_report(collection: Collection, catalogue: Catalogue,
                 devices: Sequence[str] | None = None, passages: int = 3) -> dict[str, Any]:
    """Everything `mlt agree` shows, as JSON-ready data: over every span the annotators hold,
    and again over their own spans only (untouched suggestions removed)."""
    present = {s.label for docs in collection.annotations.values() for d in docs.values()
               for s in d.spans}
    chosen = [d for d in (devices or catalogue.ids) if devices or d in present]
    report = {
        "annotators": collection.annotators,
        "roles": {name: collection.role(name).value for name in collection.annotators},
        "left_out": [{"file": f"{item.name}.jsonl", "reason": item.reason}
                     for item in collection.left_out],
        "documents": len(collection.doc_ids),
        "skipped": {name: [d for d in collection.doc_ids if d not in docs]
                    for name, docs in collection.annotations.items()},
        "not_submitted": {name: list(collection.not_submitted.get(name, ()))
                          for name in collection.annotators},
        "devices": chosen,
        **_figures(collection, chosen),
        "heatmap": _heatmap(collection, pairwise(collection, "overlap", chosen), chosen),
        "passages": {doc: [p.to_json() for p in found]
                     for doc, found in disputed_passages(collection, chosen, passages).items()},
    }
    kept, total = collection.kept_suggestions(chosen)
    report["suggestions"] = {"kept": kept, "spans": total,
                             "share": _round(kept / total) if total else None,
                             "warning": kept * 2 > total > 0}
    report["own_spans_only"] = _figures(collection.own_spans_only(), chosen) if kept else None
    return report


def _figures(collection: Collection, chosen: list[str]) -> dict[str, Any]:
    """Alpha and pairwise F1 of a collection."""
    exact = pairwise(collection, "exact", chosen)
    overlap = pairwise(collection, "overlap", chosen)
    alphas, pooled = character_alpha(collection, chosen)
    return {
        "alpha": {"pooled": _round(pooled), "per_device": {d: _round(a) for d, a in alphas.items()}},
        "pairs": [{"first": e.first, "second": e.second, "documents": e.documents,
                   "exact": e.overall.to_json(), "overlap": o.overall.to_json(),
                   "per_device": {d: {"exact": e.per_device.get(d, Score(d, 0, 0, 0, 0)).to_json(),
                                      "overlap": o.per_device.get(d, Score(d, 0, 0, 0, 0)).to_json()}
                                  for d in chosen}}
                  for e, o in zip(exact, overlap)],
    }


def _heatmap(collection: Collection, overlap: list[Any], devices: list[str],
             ) -> dict[str, dict[str, float | None]]:
    """Each annotator's mean overlap F1 with every other annotator, per device (None: nobody in
    any of their pairs tagged the device)."""
    cells: dict[str, dict[str, list[float]]] = {a: {d: [] for d in devices}
                                                for a in collection.annotators}
    for pair in overlap:
        for device in devices:
            counts = pair.per_device.get(device)
            if counts is None or counts.f1 is None:
                continue
            cells[pair.first][device].append(counts.f1)
            cells[pair.second][device].append(counts.f1)
    return {a: {d: (_round(sum(v) / len(v)) if v else None) for d, v in row.items()}
            for a, row in cells.items()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def render_html(report: dict[str, Any], catalogue: Catalogue, lang: str, title: str) -> str:
    """The report as a standalone HTML page (escaped; no external resources)."""
    template = environment(TEMPLATES).get_template("agreement.html")
    names = {d: catalogue.devices[d].name[lang] if d in catalogue.devices else d
             for d in report["devices"]}
    own = report.get("own_spans_only")
    own_pairs = {(p["first"], p["second"]): p for p in own["pairs"]} if own else {}
    pairs = [{**pair, "own": own_pairs.get((pair["first"], pair["second"]))}
             for pair in report["pairs"]]
    return template.render(report=report, pairs=pairs, names=names, lang=lang, title=title,
                           words=ui_strings(lang, "agreement"))


#: The file formats of a report (`table` is the command's own, printed).
REPORT_FORMATS = ("json", "html", "pdf")


def report_text(report: dict[str, Any], fmt: str, catalogue: Catalogue, lang: str,
                title: str) -> str:
    """The report as JSON or as the HTML page (also the source of the PDF)."""
    if fmt == "json":
        import json

        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("html", "pdf"):
        return render_html(report, catalogue, lang, title)
    raise ValueError(f"unknown report format {fmt!r} (allowed: {', '.join(REPORT_FORMATS)})")


def write_report(report: dict[str, Any], fmt: str, out: str | os.PathLike[str],
                 catalogue: Catalogue, lang: str, title: str) -> None:
    """Write the report to `out` as JSON, HTML or a PDF, atomically."""
    from ..atomic import atomic_write_text
    from .feedback import write_pdf

    text = report_text(report, fmt, catalogue, lang, title)
    if fmt == "pdf":
        write_pdf(text, out)
    else:
        atomic_write_text(out, text)
